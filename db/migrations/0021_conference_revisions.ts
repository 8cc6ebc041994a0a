import type { Kysely } from "kysely";
import { bumpConferenceRevision, dropTrigger, type RowRef } from "../dialect";

// A revision number per conference, raised by the database itself whenever a
// commitment that conference agreed changes, or its owners, follow-ups or
// reviews do. The leader's overview keeps one part per conference and, right
// after a change, computes again only the parts whose revision moved
// (decision 0043 and app/models/leader-overview.server.ts).

const WATCHED: { table: string; conference: (row: RowRef) => string }[] = [
  { table: "commitments", conference: (row) => `${row}.conference_id` },
  { table: "commitment_owners", conference: (row) => `(SELECT conference_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "follow_ups", conference: (row) => `(SELECT conference_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "commitment_reviews", conference: (row) => `(SELECT conference_id FROM commitments WHERE id = ${row}.commitment_id)` },
];

const EVENTS = ["INSERT", "UPDATE", "DELETE"] as const;

const triggerName = (table: string, event: string) => `${table}_${event.toLowerCase()}_conference_revision`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // No foreign key: a conference deleted with its commitments would otherwise
  // refuse the revisions its own cascade raises. A row left behind is harmless.
  await db.schema
    .createTable("conference_revisions")
    .addColumn("conference_id", "integer", (c) => c.primaryKey())
    .addColumn("revision", "integer", (c) => c.notNull())
    .execute();
  for (const { table, conference } of WATCHED) {
    await bumpConferenceRevision(db, table, (event) => triggerName(table, event), conference);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of WATCHED) {
    for (const event of EVENTS) await dropTrigger(db, triggerName(table, event), table);
  }
  await db.schema.dropTable("conference_revisions").execute();
}
