import { isTextLanguage, type TextLanguage } from "../collab/parallel-texts";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/**
 * The languages a series can work in: the languages its texts are kept in.
 * Wider than the interface's languages: Lao is a working language for texts
 * while the interface speaks English, Vietnamese and Chinese (decision 0026).
 * Stored as codes, so adding one needs no migration.
 */
export const WORKING_LANGUAGES = ["en", "vi", "zh", "lo"] as const satisfies readonly TextLanguage[];
export type WorkingLanguage = TextLanguage;

/** Each working language named in itself, as the language pickers and markers show it. */
export const WORKING_LANGUAGE_NAMES: Record<WorkingLanguage, string> = {
  en: "English",
  vi: "Tiếng Việt",
  zh: "中文",
  lo: "ພາສາລາວ",
};

/** A language's own name; a code Accord does not know is shown as it is. */
export function languageName(code: string): string {
  return isTextLanguage(code) ? WORKING_LANGUAGE_NAMES[code] : code;
}

/** What a series works in when nobody has said (migration 0006's default). */
export const DEFAULT_WORKING_LANGUAGES: readonly WorkingLanguage[] = [DEFAULT_LOCALE];

function readList(stored: string | null | undefined): WorkingLanguage[] {
  let value: unknown;
  try {
    value = JSON.parse(stored ?? "");
  } catch {
    value = null;
  }
  return Array.isArray(value) ? [...new Set(value.filter(isTextLanguage))] : [];
}

/**
 * The stored JSON array, read defensively: unknown codes and repeats are
 * dropped, and an empty or unreadable value means the default, so a bad row
 * can never break a page.
 */
export function parseWorkingLanguages(stored: string | null | undefined): WorkingLanguage[] {
  const list = readList(stored);
  return list.length ? list : [...DEFAULT_WORKING_LANGUAGES];
}

/**
 * The languages whose texts are authentic for the record, in the order of the
 * working languages. Stored empty (every series before parallel texts), or
 * unreadable, or naming none of today's working languages: all of them are.
 */
export function parseAuthenticLanguages(stored: string | null | undefined, working: readonly string[]): string[] {
  const named = new Set<string>(readList(stored));
  const authentic = working.filter((code) => named.has(code));
  return authentic.length ? authentic : [...working];
}

/**
 * The interface language a series' new content (suggested titles, default
 * agenda) is written in: its first working language that the interface
 * speaks, so a Lao–Vietnamese series suggests Vietnamese titles.
 */
export function contentLanguage(languages: readonly string[]): Locale {
  return languages.find(isLocale) ?? DEFAULT_LOCALE;
}

/** The language a series' texts are written in when nobody says otherwise: its first working language. */
export function baseLanguageOf(languages: readonly string[]): WorkingLanguage {
  const first = languages[0];
  return isTextLanguage(first) ? first : DEFAULT_LOCALE;
}
