// Where a co-edited text in one language lives in the conference document.
//
// The text in the conference's base language (conferences.base_language) keeps
// the field's own key ("title", "notes", "outcome", an action's "text"), so
// every document written before parallel texts still reads whole. The text
// in another language sits beside it under "<field>@<language>"
// ("title@zh"). A language's key never changes when the series' languages
// do; a language dropped from the series keeps its text, unread.

/** Codes a text may be kept in; wider than the interface's languages (Lao is a working language first). */
export const TEXT_LANGUAGES = ["vi", "zh", "en", "lo"] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

export function isTextLanguage(value: unknown): value is TextLanguage {
  return typeof value === "string" && (TEXT_LANGUAGES as readonly string[]).includes(value);
}

/** Co-edited fields that have a text per language. */
export const AGENDA_TEXT_FIELDS = ["title", "notes", "outcome"] as const;
export const ACTION_TEXT_FIELDS = ["text"] as const;

/** The key of `field` in `language`, for a document whose base language is `base`. */
export function textKey(field: string, language: string, base: string): string {
  return language === base ? field : `${field}@${language}`;
}

/** Reads a key back: the field and the language it holds (the base for an unsuffixed key). */
export function parseTextKey(key: string, base: string): { field: string; language: string } | null {
  const at = key.indexOf("@");
  if (at < 0) return { field: key, language: base };
  const language = key.slice(at + 1);
  return isTextLanguage(language) && language !== base ? { field: key.slice(0, at), language } : null;
}
