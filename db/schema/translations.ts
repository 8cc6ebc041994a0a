/** What a text in several languages belongs to (migration 0013). */
export type TranslatedSubject = "conference" | "commitment" | "agreement" | "clause" | "follow_up" | "series" | "status_reason";

/**
 * The text of one field of one command-owned thing in a language other than
 * its base language. The base language's text stays in the thing's own column
 * (`commitments.text`, `clauses.text`, …) and its language in that row's
 * `base_language`, so every reader that knows nothing of languages still reads
 * a whole text.
 */
export interface TextTranslationsTable {
  subject: TranslatedSubject;
  subject_id: number;
  /** The column it parallels: "text", "title", "note". */
  field: string;
  language: string;
  text: string;
  /**
   * The language and text this one was last confirmed in line with (by
   * editing it or by "still correct"); null when never confirmed. The text is
   * kept, not a hash, so a stale translation can show what changed since.
   */
  aligned_language: string | null;
  aligned_text: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** A figure reported in a series, named in one working language (migration 0024). */
export interface FigureNamesTable {
  series_id: number;
  /** The label and unit its reports were typed with, trimmed and in lower case (figureKey). */
  label_key: string;
  unit_key: string;
  language: string;
  label: string;
  unit: string;
  updated_at: string;
  updated_by: string | null;
}
