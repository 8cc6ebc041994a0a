import type { Kysely } from "kysely";
import { afterChange, bumpSeriesRevision, dropTrigger, type RowRef } from "../dialect";

// A text in another language, and a change of a series' languages, change
// what its dashboards show to readers of that language: both raise the
// series' revision (migration 0004), so the leader's view is recomputed.

/** The series a translated thing belongs to, by its kind (text_translations.subject). */
function seriesOf(row: RowRef): string {
  return `CASE ${row}.subject
      WHEN 'commitment' THEN (SELECT series_id FROM commitments WHERE id = ${row}.subject_id)
      WHEN 'conference' THEN (SELECT series_id FROM conferences WHERE id = ${row}.subject_id)
      WHEN 'agreement' THEN (SELECT series_id FROM agreements WHERE id = ${row}.subject_id)
      WHEN 'clause' THEN (SELECT a.series_id FROM clauses c JOIN agreements a ON a.id = c.agreement_id WHERE c.id = ${row}.subject_id)
      WHEN 'follow_up' THEN (SELECT c.series_id FROM follow_ups f JOIN commitments c ON c.id = f.commitment_id WHERE f.id = ${row}.subject_id)
    END`;
}

const EVENTS = ["INSERT", "UPDATE", "DELETE"] as const;
const triggerName = (event: string) => `text_translations_${event.toLowerCase()}_series_revision`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await bumpSeriesRevision(db, "text_translations", triggerName, seriesOf);
  // Any change of a series row (its languages among them) raises its revision: renaming is rare enough.
  await afterChange(db, "series_languages_series_revision", "UPDATE", "series", "UPDATE series_revisions SET revision = revision + 1 WHERE series_id = NEW.id;");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await dropTrigger(db, "series_languages_series_revision", "series");
  for (const event of EVENTS) await dropTrigger(db, triggerName(event), "text_translations");
}
