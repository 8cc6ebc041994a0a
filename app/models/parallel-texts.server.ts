import type { Kysely } from "kysely";
import type { Database, TranslatedSubject } from "../../db/schema";

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
