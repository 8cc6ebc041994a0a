import { sql, type Kysely } from "kysely";

// A text in another language, and a change of a series' languages, change
// what its dashboards show to readers of that language: both raise the
// series' revision (migration 0004), so the leader's view is recomputed.

/** The series a translated thing belongs to, by its kind (text_translations.subject). */
function seriesOf(row: "NEW" | "OLD"): string {
  return `CASE ${row}.subject
      WHEN 'commitment' THEN (SELECT series_id FROM commitments WHERE id = ${row}.subject_id)
      WHEN 'conference' THEN (SELECT series_id FROM conferences WHERE id = ${row}.subject_id)
      WHEN 'agreement' THEN (SELECT series_id FROM agreements WHERE id = ${row}.subject_id)
      WHEN 'clause' THEN (SELECT a.series_id FROM clauses c JOIN agreements a ON a.id = c.agreement_id WHERE c.id = ${row}.subject_id)
      WHEN 'follow_up' THEN (SELECT c.series_id FROM follow_ups f JOIN commitments c ON c.id = f.commitment_id WHERE f.id = ${row}.subject_id)
    END`;
}

const EVENTS = [
  { event: "INSERT", rows: ["NEW"] },
  { event: "UPDATE", rows: ["OLD", "NEW"] },
  { event: "DELETE", rows: ["OLD"] },
] as const;

const triggerName = (event: string) => `text_translations_${event.toLowerCase()}_series_revision`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const { event, rows } of EVENTS) {
    const bumps = rows.map((row) => `UPDATE series_revisions SET revision = revision + 1 WHERE series_id = ${seriesOf(row)};`).join("\n    ");
    await sql
      .raw(`CREATE TRIGGER ${triggerName(event)} AFTER ${event} ON text_translations BEGIN
    ${bumps}
  END`)
      .execute(db);
  }
  await sql`CREATE TRIGGER series_languages_series_revision AFTER UPDATE OF languages, authentic_languages ON series BEGIN
    UPDATE series_revisions SET revision = revision + 1 WHERE series_id = NEW.id;
  END`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS series_languages_series_revision`.execute(db);
  for (const { event } of EVENTS) await sql.raw(`DROP TRIGGER IF EXISTS ${triggerName(event)}`).execute(db);
}
