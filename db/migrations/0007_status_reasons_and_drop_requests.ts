import type { Kysely } from "kysely";

// Workflow with reasons (issue 10 item 5, decision 0014): a status event that
// blocks or drops a commitment carries the reason given; a delegate's request
// to drop one is recorded per owner party until a secretariat, or every owner
// of a joint commitment, confirms it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("commitment_events").addColumn("reason", "text").execute();
  await db.schema
    .createTable("commitment_drop_requests")
    .addColumn("commitment_id", "integer", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("commitment_drop_requests_pk", ["commitment_id", "agency_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("commitment_drop_requests").execute();
  await db.schema.alterTable("commitment_events").dropColumn("reason").execute();
}
