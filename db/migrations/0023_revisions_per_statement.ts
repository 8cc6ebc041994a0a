import type { Kysely } from "kysely";
import { bumpConferenceRevision, bumpRevisionsPerStatement, bumpSeriesRevision, dialectOf, dropRevisionsPerStatement, dropTrigger } from "../dialect";

// PostgreSQL: the series and conference revision triggers of migrations 0004,
// 0014 and 0021 run once per statement rather than once per row (decision 0047).
// Per row, a bulk write updated the same revision row once for every row it
// touched (10,000 commitments: 101 s, 3.8 s without the triggers). The
// revisions move by the same amounts as before. SQLite has row triggers only
// and keeps them: its writer updates a row in place, without new versions.

const SERIES: { table: string; series: (row: string) => string }[] = [
  { table: "commitments", series: (row) => `${row}.series_id` },
  { table: "conferences", series: (row) => `${row}.series_id` },
  { table: "series_parties", series: (row) => `${row}.series_id` },
  { table: "commitment_owners", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "follow_ups", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "commitment_reviews", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
  // Migration 0014's: a text in another language, by the kind of thing it translates.
  {
    table: "text_translations",
    series: (row) => `CASE ${row}.subject
      WHEN 'commitment' THEN (SELECT series_id FROM commitments WHERE id = ${row}.subject_id)
      WHEN 'conference' THEN (SELECT series_id FROM conferences WHERE id = ${row}.subject_id)
      WHEN 'agreement' THEN (SELECT series_id FROM agreements WHERE id = ${row}.subject_id)
      WHEN 'clause' THEN (SELECT a.series_id FROM clauses c JOIN agreements a ON a.id = c.agreement_id WHERE c.id = ${row}.subject_id)
      WHEN 'follow_up' THEN (SELECT c.series_id FROM follow_ups f JOIN commitments c ON c.id = f.commitment_id WHERE f.id = ${row}.subject_id)
    END`,
  },
];

const CONFERENCE: { table: string; conference: (row: string) => string }[] = [
  { table: "commitments", conference: (row) => `${row}.conference_id` },
  { table: "commitment_owners", conference: (row) => `(SELECT conference_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "follow_ups", conference: (row) => `(SELECT conference_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "commitment_reviews", conference: (row) => `(SELECT conference_id FROM commitments WHERE id = ${row}.commitment_id)` },
];

const EVENTS = ["INSERT", "UPDATE", "DELETE"] as const;

// The names of 0004, 0014 and 0021, so that their own `down` still finds them.
const seriesTrigger = (table: string) => (event: string) => `${table}_${event.toLowerCase()}_series_revision`;
const conferenceTrigger = (table: string) => (event: string) => `${table}_${event.toLowerCase()}_conference_revision`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  for (const { table, series } of SERIES) {
    for (const event of EVENTS) await dropTrigger(db, seriesTrigger(table)(event), table);
    await bumpRevisionsPerStatement(db, "series", table, seriesTrigger(table), series);
  }
  for (const { table, conference } of CONFERENCE) {
    for (const event of EVENTS) await dropTrigger(db, conferenceTrigger(table)(event), table);
    await bumpRevisionsPerStatement(db, "conference", table, conferenceTrigger(table), conference);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  for (const { table, series } of SERIES) {
    await dropRevisionsPerStatement(db, "series", table);
    await bumpSeriesRevision(db, table, seriesTrigger(table), series);
  }
  for (const { table, conference } of CONFERENCE) {
    await dropRevisionsPerStatement(db, "conference", table);
    await bumpConferenceRevision(db, table, conferenceTrigger(table), conference);
  }
}
