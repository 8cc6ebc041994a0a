import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from "./locales";

/**
 * The languages a series can work in. Today these are the interface
 * languages, because defaults are written from their catalogs; Lao (issue 12)
 * joins this list with its catalog. Stored as codes, so adding one needs no
 * migration.
 */
export const WORKING_LANGUAGES = LOCALES;
export type WorkingLanguage = Locale;

/** What a series works in when nobody has said (migration 0006's default). */
export const DEFAULT_WORKING_LANGUAGES: readonly WorkingLanguage[] = [DEFAULT_LOCALE];

/**
 * The stored JSON array, read defensively: unknown codes and repeats are
 * dropped, and an empty or unreadable value means the default, so a bad row
 * can never break a page.
 */
export function parseWorkingLanguages(stored: string | null | undefined): WorkingLanguage[] {
  let value: unknown;
  try {
    value = JSON.parse(stored ?? "");
  } catch {
    value = null;
  }
  const list = Array.isArray(value) ? [...new Set(value.filter(isLocale))] : [];
  return list.length ? list : [...DEFAULT_WORKING_LANGUAGES];
}

/** The language a series' new content (suggested titles, default agenda) is written in: its first. */
export function contentLanguage(languages: readonly WorkingLanguage[]): Locale {
  return languages[0] ?? DEFAULT_LOCALE;
}

/**
 * The languages whose texts are authentic for the record, in the order of the
 * working languages. Stored empty (every series before parallel texts), or
 * unreadable, or naming none of today's working languages: all of them are.
 */
export function parseAuthenticLanguages(stored: string | null | undefined, working: readonly string[]): string[] {
  let value: unknown;
  try {
    value = JSON.parse(stored ?? "");
  } catch {
    value = null;
  }
  const named = new Set(Array.isArray(value) ? value.filter((code): code is string => typeof code === "string") : []);
  const authentic = working.filter((code) => named.has(code));
  return authentic.length ? authentic : [...working];
}
