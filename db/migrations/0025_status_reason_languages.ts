import { type Kysely } from "kysely";
import { bumpRevisionsPerStatement, bumpSeriesRevision, dialectOf, dropRevisionsPerStatement, dropTrigger, type RowRef } from "../dialect";

// Why a commitment is blocked or dropped, in more than one language: the
// language a reason was written in (commitment_events.reason_language, null
// for reasons given before), and its other languages as text_translations
// rows of subject 'status_reason' (the event's id). The text_translations
// triggers of 0014 (0023 on PostgreSQL) learn that subject, so a translated
// reason raises its series' revision like any other translated text.

const series = (withReasons: boolean) => (row: RowRef | string) => `CASE ${row}.subject
      WHEN 'commitment' THEN (SELECT series_id FROM commitments WHERE id = ${row}.subject_id)
      WHEN 'conference' THEN (SELECT series_id FROM conferences WHERE id = ${row}.subject_id)
      WHEN 'agreement' THEN (SELECT series_id FROM agreements WHERE id = ${row}.subject_id)
      WHEN 'clause' THEN (SELECT a.series_id FROM clauses c JOIN agreements a ON a.id = c.agreement_id WHERE c.id = ${row}.subject_id)
      WHEN 'follow_up' THEN (SELECT c.series_id FROM follow_ups f JOIN commitments c ON c.id = f.commitment_id WHERE f.id = ${row}.subject_id)${
        withReasons
          ? `
      WHEN 'status_reason' THEN (SELECT c.series_id FROM commitment_events e JOIN commitments c ON c.id = e.commitment_id WHERE e.id = ${row}.subject_id)`
          : ""
      }
    END`;

const EVENTS = ["INSERT", "UPDATE", "DELETE"] as const;
const triggerName = (event: string) => `text_translations_${event.toLowerCase()}_series_revision`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function seriesTriggers(db: Kysely<any>, withReasons: boolean) {
  if (dialectOf(db) === "postgres") {
    await dropRevisionsPerStatement(db, "series", "text_translations");
    await bumpRevisionsPerStatement(db, "series", "text_translations", triggerName, series(withReasons));
    return;
  }
  for (const event of EVENTS) await dropTrigger(db, triggerName(event), "text_translations");
  await bumpSeriesRevision(db, "text_translations", triggerName, series(withReasons));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("commitment_events").addColumn("reason_language", "text").execute();
  await seriesTriggers(db, true);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("text_translations").where("subject", "=", "status_reason").execute();
  await seriesTriggers(db, false);
  await db.schema.alterTable("commitment_events").dropColumn("reason_language").execute();
}
