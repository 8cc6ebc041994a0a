import { sql, type Kysely } from "kysely";

// Indexes for the leader's view over thousands of commitments (decision 0008):
// counts per conference and status read the index alone, and the figures
// reported in follow-ups are found without reading every follow-up.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("commitments_series_conference").on("commitments").columns(["series_id", "conference_id", "status"]).execute();
  await db.schema
    .createIndex("follow_ups_figures")
    .on("follow_ups")
    .columns(["commitment_id", "at"])
    .where(sql.ref("figure_value"), "is not", null)
    .where(sql.ref("figure_label"), "is not", null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("follow_ups_figures").execute();
  await db.schema.dropIndex("commitments_series_conference").execute();
}
