import { pickText } from "../models/parallel-text-rules";

// Every text field of /api/v1 is answered the same way (decision 0044): the
// base text in the field itself, as before parallel texts, then its language,
// the text in every language there is one, and the text this caller is shown.
// The names follow one rule, described beside the schemas (api-schemas.server.ts).

/** Who reads, for the viewer's text: their language and where the series falls back to. */
export interface ApiReader {
  locale: string;
  /** The series' working languages, in order. */
  working: readonly string[];
}

type TextsKey<F extends string> = F extends "text" ? "texts" : `${F}Texts`;

/** `<field>`, `<field>Language`, `<field>Texts` (`texts` for "text") and `viewer<Field>`. */
export type ParallelFields<F extends string> = Record<F, string> &
  Record<`${F}Language`, string> &
  Record<TextsKey<F>, Record<string, string>> &
  Record<`viewer${Capitalize<F>}`, { text: string; language: string }>;

/** A field's texts by language: the base's always (even empty), another only when it has a text. */
export function textsByLanguage(base: { language: string; text: string }, others: Readonly<Record<string, string>> = {}): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [language, text] of Object.entries(others)) if (language !== base.language && text.trim() !== "") texts[language] = text;
  texts[base.language] = base.text;
  return texts;
}

/**
 * One text field as the API answers it: the base text, its language, every
 * language's text and the one `reader` is shown (pickText: theirs when there
 * is one, else the series' first working language that has one).
 */
export function inEveryLanguage<F extends string>(
  field: F,
  reader: ApiReader,
  base: { language: string; text: string },
  others?: Readonly<Record<string, string>>,
): ParallelFields<F> {
  const texts = textsByLanguage(base, others);
  const shown = pickText(texts, reader.locale, reader.working, base.language);
  return {
    [field]: base.text,
    [`${field}Language`]: base.language,
    [field === "text" ? "texts" : `${field}Texts`]: texts,
    [`viewer${field[0].toUpperCase()}${field.slice(1)}`]: { text: shown.text, language: shown.language },
  } as ParallelFields<F>;
}
