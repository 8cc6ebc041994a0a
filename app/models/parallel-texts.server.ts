import type { Kysely } from "kysely";
import type { Database, TranslatedSubject } from "../../db/schema";
import { serializable } from "../../db/transactions";
import { recordAudit } from "./audit.server";
import { pickText, textState, type ShownLanguage, type TextState, type TextsInEveryLanguage } from "./parallel-text-rules";
import type { Clock } from "./clock.server";
import { DomainError } from "./errors.server";
import { workingLanguagesOf } from "./series.server";
import type { WorkingLanguage } from "../i18n/working-languages";

/** One field's text in one language other than its base, with what it was last brought in line with. */
export interface Translation {
  language: string;
  text: string;
  alignedLanguage: string | null;
  alignedText: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** subject id → field → language → translation. */
export type TranslationsOf = Map<number, Record<string, Record<string, Translation>>>;

/** The stored translations of several things of one kind, in one query. */
export async function readTranslations(
  db: Kysely<Database>,
  subject: TranslatedSubject,
  ids: readonly number[],
): Promise<TranslationsOf> {
  const found: TranslationsOf = new Map();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom("text_translations")
    .selectAll()
    .where("subject", "=", subject)
    .where("subject_id", "in", [...new Set(ids)])
    .execute();
  for (const row of rows) {
    const fields = found.get(row.subject_id) ?? {};
    const languages = (fields[row.field] ??= {});
    languages[row.language] = {
      language: row.language,
      text: row.text,
      alignedLanguage: row.aligned_language,
      alignedText: row.aligned_text,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
    found.set(row.subject_id, fields);
  }
  return found;
}

export interface TranslationWrite {
  subject: TranslatedSubject;
  subjectId: number;
  field: string;
  language: string;
  text: string;
  /** The source this text is now in line with, or null to leave it unconfirmed. */
  aligned: { language: string; text: string } | null;
  at: string;
  by: string | null;
}

/** Sets one translation, replacing what was there (callers authorise and audit). */
export async function writeTranslation(db: Kysely<Database>, write: TranslationWrite): Promise<void> {
  const values = {
    text: write.text,
    aligned_language: write.aligned?.language ?? null,
    aligned_text: write.aligned?.text ?? null,
    updated_at: write.at,
    updated_by: write.by,
  };
  await db
    .insertInto("text_translations")
    .values({ subject: write.subject, subject_id: write.subjectId, field: write.field, language: write.language, ...values })
    .onConflict((oc) => oc.columns(["subject", "subject_id", "field", "language"]).doUpdateSet(values))
    .execute();
}

/** The text a translation parallels: its language, its text and the series whose languages apply. */
export interface BaseText {
  language: string;
  text: string;
  seriesId: number;
}

/** The base text of one field of one thing, or undefined when there is no such thing (or field). */
export async function readBaseText(db: Kysely<Database>, subject: TranslatedSubject, id: number, field: string): Promise<BaseText | undefined> {
  const row = await (() => {
    switch (subject) {
      case "commitment":
        return field === "text"
          ? db.selectFrom("commitments").select(["base_language as language", "text", "series_id as seriesId"]).where("id", "=", id).executeTakeFirst()
          : undefined;
      case "conference":
        return field === "title"
          ? db.selectFrom("conferences").select(["base_language as language", "title as text", "series_id as seriesId"]).where("id", "=", id).executeTakeFirst()
          : undefined;
      case "agreement":
        return field === "title"
          ? db.selectFrom("agreements").select(["base_language as language", "title as text", "series_id as seriesId"]).where("id", "=", id).executeTakeFirst()
          : undefined;
      case "clause":
        return field === "text"
          ? db
              .selectFrom("clauses")
              .innerJoin("agreements", "agreements.id", "clauses.agreement_id")
              .select(["agreements.base_language as language", "clauses.text", "agreements.series_id as seriesId"])
              .where("clauses.id", "=", id)
              .executeTakeFirst()
          : undefined;
      case "follow_up":
        return field === "note"
          ? db
              .selectFrom("follow_ups")
              .innerJoin("commitments", "commitments.id", "follow_ups.commitment_id")
              .select(["follow_ups.base_language as language", "follow_ups.note as text", "commitments.series_id as seriesId"])
              .where("follow_ups.id", "=", id)
              .executeTakeFirst()
          : undefined;
      case "status_reason":
        // Only a reason whose language is known has a base to write the others beside.
        return field === "reason"
          ? db
              .selectFrom("commitment_events")
              .innerJoin("commitments", "commitments.id", "commitment_events.commitment_id")
              .select(["commitment_events.reason_language as language", "commitment_events.reason as text", "commitments.series_id as seriesId"])
              .where("commitment_events.id", "=", id)
              .where("commitment_events.reason_language", "is not", null)
              .where("commitment_events.reason", "is not", null)
              .$narrowType<{ language: string; text: string }>()
              .executeTakeFirst()
          : undefined;
      case "series":
        return undefined;
    }
  })();
  return row ?? undefined;
}

export interface TranslationChange {
  subject: TranslatedSubject;
  subjectId: number;
  field: string;
  language: string;
  /** The new text; empty removes this language's text. Ignored when confirming. */
  text: string;
  /**
   * The base text the writer had in front of them. When the base has changed
   * since, what they wrote is kept in line with what they saw, so it shows as
   * needing an update rather than passing for current.
   */
  seenBase?: string;
  /** Confirm the stored text "still correct" against the base as it is now. */
  confirm: boolean;
}

/** "savedBehind": saved, but the base changed while it was written, so it is not in line with it yet. */
export type TranslationOutcome = "saved" | "savedBehind" | "confirmed" | "removed" | "unchanged";

/**
 * Writes or confirms one text in a language other than its base (the base
 * text is edited where it lives), with its audit row in the same transaction.
 * Callers authorise; the language must be one the series works in.
 */
export async function changeTranslation(
  db: Kysely<Database>,
  clock: Clock,
  actor: { userId: string; ip: string | null },
  change: TranslationChange,
): Promise<TranslationOutcome> {
  // Joins the transaction of a command that runs it (runCommitmentCommand).
  return serializable(db, async (trx) => {
    const base = await readBaseText(trx, change.subject, change.subjectId, change.field);
    if (!base) throw new DomainError("notFound");
    if (change.language === base.language) throw new DomainError("languageIsBase", "language");
    if (!(await workingLanguagesOf(trx, base.seriesId)).includes(change.language as WorkingLanguage)) throw new DomainError("languageNotWorking", "language");
    const existing = (await readTranslations(trx, change.subject, [change.subjectId])).get(change.subjectId)?.[change.field]?.[change.language];
    const at = clock.now().toISOString();
    const key = { subject: change.subject, subjectId: change.subjectId, field: change.field, language: change.language };
    let outcome: TranslationOutcome;
    if (change.confirm) {
      if (!existing) throw new DomainError("nothingToConfirm", "language");
      if (existing.alignedLanguage === base.language && existing.alignedText === base.text) return "unchanged";
      await writeTranslation(trx, { ...key, text: existing.text, aligned: { language: base.language, text: base.text }, at, by: actor.userId });
      outcome = "confirmed";
    } else if (!change.text.trim()) {
      if (!existing) return "unchanged";
      await trx
        .deleteFrom("text_translations")
        .where("subject", "=", change.subject)
        .where("subject_id", "=", change.subjectId)
        .where("field", "=", change.field)
        .where("language", "=", change.language)
        .execute();
      outcome = "removed";
    } else {
      const seen = change.seenBase ?? base.text;
      const aligned = { language: base.language, text: seen };
      if (existing && existing.text === change.text && existing.alignedLanguage === aligned.language && existing.alignedText === aligned.text) return "unchanged";
      await writeTranslation(trx, { ...key, text: change.text, aligned, at, by: actor.userId });
      outcome = seen === base.text ? "saved" : "savedBehind";
    }
    await recordAudit(trx, clock, {
      kind: "text.translated",
      subject: `${change.subject}:${change.subjectId}`,
      actorId: actor.userId,
      ip: actor.ip,
      detail: { field: change.field, language: change.language, outcome, ...(outcome === "removed" ? { before: existing?.text } : { text: change.confirm ? existing?.text : change.text }) },
    });
    return outcome;
  });
}

/** Every language's text of one field of several things, the base's included: id → language → text. */
export async function textsInEveryLanguage(
  db: Kysely<Database>,
  subject: TranslatedSubject,
  rows: readonly { id: number; baseLanguage: string; text: string }[],
  field: string,
): Promise<Map<number, Record<string, string>>> {
  const translations = await readTranslations(db, subject, rows.map((r) => r.id));
  const out = new Map<number, Record<string, string>>();
  for (const row of rows) {
    const texts: Record<string, string> = {};
    for (const [language, translation] of Object.entries(translations.get(row.id)?.[field] ?? {})) texts[language] = translation.text;
    texts[row.baseLanguage] = row.text;
    out.set(row.id, texts);
  }
  return out;
}

/** Gives a new thing the texts in other languages of the one it was made from (a clause's, for its commitment). */
export async function copyTranslations(
  db: Kysely<Database>,
  from: { subject: TranslatedSubject; id: number; field: string },
  to: { subject: TranslatedSubject; id: number; field: string },
): Promise<void> {
  const found = (await readTranslations(db, from.subject, [from.id])).get(from.id)?.[from.field] ?? {};
  for (const t of Object.values(found)) {
    await writeTranslation(db, {
      subject: to.subject,
      subjectId: to.id,
      field: to.field,
      language: t.language,
      text: t.text,
      aligned: t.alignedLanguage !== null && t.alignedText !== null ? { language: t.alignedLanguage, text: t.alignedText } : null,
      at: t.updatedAt,
      by: t.updatedBy,
    });
  }
}

/** One language's text of a field as an editing page shows it. */
export interface LanguageText {
  language: string;
  text: string;
  state: TextState;
  updatedAt: string | null;
}

/**
 * Every working language's text of one field of several things, the base
 * first, each with its state against the base (one query for all of them).
 */
export async function languageTextsOf(
  db: Kysely<Database>,
  subject: TranslatedSubject,
  rows: readonly { id: number; baseLanguage: string; text: string }[],
  field: string,
  working: readonly string[],
): Promise<Map<number, LanguageText[]>> {
  const translations = await readTranslations(db, subject, rows.map((r) => r.id));
  const out = new Map<number, LanguageText[]>();
  for (const row of rows) {
    const stored = translations.get(row.id)?.[field] ?? {};
    const base = { language: row.baseLanguage, text: row.text };
    const languages = [row.baseLanguage, ...working.filter((code) => code !== row.baseLanguage)];
    out.set(
      row.id,
      languages.map((language) => ({
        language,
        text: language === row.baseLanguage ? row.text : (stored[language]?.text ?? ""),
        state: textState(language, base, stored[language]),
        updatedAt: stored[language]?.updatedAt ?? null,
      })),
    );
  }
  return out;
}

/**
 * Conferences with their title in the reader's language where there is one,
 * else in another working language with `shown` saying so (pickText), as the
 * pages show them; one query for all of them.
 */
export async function conferenceTitlesForReader<T extends { id: number; baseLanguage: string; title: string }>(
  db: Kysely<Database>,
  conferences: readonly T[],
  reader: string,
  working: readonly string[],
): Promise<(T & { shown: ShownLanguage })[]> {
  const titles = await textsInEveryLanguage(db, "conference", conferences.map((c) => ({ id: c.id, baseLanguage: c.baseLanguage, text: c.title })), "title");
  return conferences.map((c) => {
    const shown = pickText(titles.get(c.id) ?? { [c.baseLanguage]: c.title }, reader, working, c.baseLanguage);
    return { ...c, title: shown.text, shown: { language: shown.language, wanted: shown.wanted } };
  });
}

/**
 * One conference's title for one reader (conferenceTitlesForReader), as the
 * pages about it head themselves: `titleShown` says its language when it is
 * not the reader's.
 */
export async function conferenceHeading(
  db: Kysely<Database>,
  conference: { id: number; baseLanguage: string; title: string },
  reader: string,
  working: readonly string[],
): Promise<{ title: string; titleShown: ShownLanguage }> {
  const [one] = await conferenceTitlesForReader(db, [conference], reader, working);
  return { title: one.title, titleShown: one.shown };
}

/**
 * Every language's text of several commitments with their series' working
 * languages, for notifications, which each recipient reads in their own
 * language; only commitments that have a text in another language than
 * their base are in the map.
 */
export async function commitmentTextsForReaders(
  db: Kysely<Database>,
  rows: readonly { id: number; baseLanguage: string; text: string; seriesId: number }[],
): Promise<Map<number, TextsInEveryLanguage>> {
  const texts = await textsInEveryLanguage(db, "commitment", rows, "text");
  const working = new Map<number, string[]>();
  const out = new Map<number, TextsInEveryLanguage>();
  for (const row of rows) {
    const own = texts.get(row.id) ?? {};
    if (Object.keys(own).every((language) => language === row.baseLanguage)) continue;
    if (!working.has(row.seriesId)) working.set(row.seriesId, await workingLanguagesOf(db, row.seriesId));
    out.set(row.id, { texts: own, working: working.get(row.seriesId)!, base: row.baseLanguage });
  }
  return out;
}
