import { sql, type Kysely } from "kysely";
import { afterChange, bumpSeriesRevision, dropTrigger, type RowRef } from "../dialect";

// A revision number per series, raised by the database itself whenever
// anything a series' dashboards are computed from changes. Pages that are
// costly to compute (the leader's view) are kept in memory until it moves.

/** Tables whose rows belong to a series, and how a row names its series. */
const WATCHED: { table: string; series: (row: RowRef) => string }[] = [
  { table: "commitments", series: (row) => `${row}.series_id` },
  { table: "conferences", series: (row) => `${row}.series_id` },
  { table: "series_parties", series: (row) => `${row}.series_id` },
  { table: "commitment_owners", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "follow_ups", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "commitment_reviews", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
];

const EVENTS = ["INSERT", "UPDATE", "DELETE"] as const;

const triggerName = (table: string, event: string) => `${table}_${event.toLowerCase()}_series_revision`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("series_revisions")
    .addColumn("series_id", "integer", (c) => c.primaryKey().references("series.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`INSERT INTO series_revisions (series_id, revision) SELECT id, 1 FROM series`.execute(db);
  await afterChange(db, "series_insert_series_revision", "INSERT", "series", "INSERT INTO series_revisions (series_id, revision) VALUES (NEW.id, 1);");
  for (const { table, series } of WATCHED) {
    await bumpSeriesRevision(db, table, (event) => triggerName(table, event), series);
  }
  // Agency names appear on every dashboard; renaming one is rare.
  await afterChange(db, "agencies_update_series_revision", "UPDATE", "agencies", "UPDATE series_revisions SET revision = revision + 1;");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await dropTrigger(db, "agencies_update_series_revision", "agencies");
  for (const { table } of WATCHED) {
    for (const event of EVENTS) await dropTrigger(db, triggerName(table, event), table);
  }
  await dropTrigger(db, "series_insert_series_revision", "series");
  await db.schema.dropTable("series_revisions").execute();
}
