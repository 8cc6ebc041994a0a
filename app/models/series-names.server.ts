import { sql, type RawBuilder } from "kysely";
import type { DB } from "../../db/connection";
import { serializable, type Tx } from "../../db/transactions";
import { isoNow, type Clock } from "./clock.server";
import { recordAudit } from "./audit.server";
import { writeTranslation } from "./parallel-texts.server";
import type { WorkingLanguage } from "../i18n/working-languages";

/**
 * A series' name and description in each working language. The series row
 * keeps the name it was created with (in whatever language it was typed);
 * a name given for a language is what readers of that language see, and a
 * reader whose language has none sees the row's. A name is a proper name,
 * not a text that goes stale against another, so nothing is kept "in line".
 */
export type SeriesTextField = "name" | "description";
export type SeriesTexts = Partial<Record<WorkingLanguage, { name: string; description: string }>>;

/**
 * The series' name (or description) as `language` reads it, as an SQL
 * expression over the series row named `table`: one statement reads the
 * series and its reader's name together.
 */
export function seriesTextFor(table: string, field: SeriesTextField, language: string): RawBuilder<string> {
  return sql<string>`coalesce((select tt.text from text_translations tt where tt.subject = 'series' and tt.subject_id = ${sql.ref(`${table}.id`)} and tt.field = ${field} and tt.language = ${language}), ${sql.ref(`${table}.${field}`)})`;
}

/** Every language's name and description given for the series (empty strings where one was given without the other). */
export async function readSeriesTexts(db: DB | Tx, seriesId: number): Promise<SeriesTexts> {
  const rows = await db
    .selectFrom("text_translations")
    .select(["field", "language", "text"])
    .where("subject", "=", "series")
    .where("subject_id", "=", seriesId)
    .execute();
  const texts: SeriesTexts = {};
  for (const row of rows) {
    const language = row.language as WorkingLanguage;
    const entry = (texts[language] ??= { name: "", description: "" });
    if (row.field === "name" || row.field === "description") entry[row.field] = row.text;
  }
  return texts;
}

/**
 * Sets the name and description of each of `languages` (the series' working
 * languages): an empty text removes that language's, so its readers see the
 * series' own again. Languages not listed are left as they are.
 */
export async function setSeriesTexts(
  db: DB,
  clock: Clock,
  series: { id: number; slug: string },
  languages: readonly WorkingLanguage[],
  texts: SeriesTexts,
  actor: { id: string; ip: string | null },
): Promise<void> {
  await serializable(db, async (trx) => {
    const before = await readSeriesTexts(trx, series.id);
    for (const language of languages) {
      for (const field of ["name", "description"] as const) {
        const text = texts[language]?.[field] ?? "";
        if (text === (before[language]?.[field] ?? "")) continue;
        if (text === "") {
          await trx
            .deleteFrom("text_translations")
            .where("subject", "=", "series")
            .where("subject_id", "=", series.id)
            .where("field", "=", field)
            .where("language", "=", language)
            .execute();
        } else {
          await writeTranslation(trx, { subject: "series", subjectId: series.id, field, language, text, aligned: null, at: isoNow(clock), by: actor.id });
        }
      }
    }
    const after = await readSeriesTexts(trx, series.id);
    await recordAudit(trx, clock, { kind: "series.names", subject: `series:${series.slug}`, actorId: actor.id, ip: actor.ip, detail: { from: before, to: after } });
  });
}

/** The names given per language of each series (none for a series named only by its row), for texts read later by many readers. */
export async function seriesNamesIn(db: DB | Tx, seriesIds: readonly number[]): Promise<Map<number, Record<string, string>>> {
  const names = new Map<number, Record<string, string>>();
  if (seriesIds.length === 0) return names;
  const rows = await db
    .selectFrom("text_translations")
    .select(["subject_id", "language", "text"])
    .where("subject", "=", "series")
    .where("field", "=", "name")
    .where("subject_id", "in", [...new Set(seriesIds)])
    .execute();
  for (const row of rows) names.set(row.subject_id, { ...names.get(row.subject_id), [row.language]: row.text });
  return names;
}

/** The series as a notification names it: its own name, and the names its readers' languages give it. */
export function seriesParams(name: string, seriesId: number, names: Map<number, Record<string, string>>): { series: string; seriesIn?: Record<string, string> } {
  const seriesIn = names.get(seriesId);
  return seriesIn ? { series: name, seriesIn } : { series: name };
}
