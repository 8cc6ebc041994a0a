import type { Locale } from "./locales";

/**
 * A figure typed by a person, read the way that person writes numbers.
 *
 * - `ok`: one reading only, written the writer's own way.
 * - `confirm`: a reading is likely but must be confirmed before it is stored,
 *   because the same characters mean another number elsewhere ("1.200" is
 *   1200 in Vietnamese and 1.2 in English: `alternative` is the other reading)
 *   or because it is written against the writer's own convention ("1,5"
 *   typed in English can only be 1.5, but may be a slip).
 * - `invalid`: not a number at all.
 */
export type ParsedNumber =
  | { status: "ok"; value: number }
  | { status: "confirm"; value: number; alternative: number | null }
  | { status: "invalid" };

/** Each interface language's marks, as Intl.NumberFormat writes them (see format.ts). */
const MARKS: Record<Locale, { group: "," | "."; decimal: "," | "." }> = {
  en: { group: ",", decimal: "." },
  vi: { group: ".", decimal: "," },
  zh: { group: ",", decimal: "." },
};

// Spaces people use between thousands: ordinary, no-break, narrow no-break,
// thin and figure space (French-style "2 600" and what Word or a phone inserts).
const SPACE = /[ \u00A0\u202F\u2009\u2007]/;

/** Figures larger than this lose precision as a double; nobody counts that far. */
const LIMIT = 1e15;

/** Full-width digits and marks, as Chinese input methods type them, become ASCII. */
function halfWidth(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF0C\u3001]/g, ",")
    .replace(/\uFF0E/g, ".")
    .replace(/[\u2212\uFF0D]/g, "-")
    .replace(/\uFF0B/g, "+");
}

function finite(sign: number, text: string): number | null {
  const value = sign * Number(text);
  return Number.isFinite(value) && Math.abs(value) < LIMIT ? value : null;
}

function result(value: number | null, sure: boolean, alternative: number | null = null): ParsedNumber {
  if (value === null) return { status: "invalid" };
  return sure ? { status: "ok", value } : { status: "confirm", value, alternative };
}

export function parseNumber(input: string, locale: Locale): ParsedNumber {
  const marks = MARKS[locale];
  let text = halfWidth(input.trim());
  let sign = 1;
  if (text.startsWith("-") || text.startsWith("+")) {
    sign = text.startsWith("-") ? -1 : 1;
    text = text.slice(1).trimStart();
  }
  if (!/^\d[\d., \u00A0\u202F\u2009\u2007]*$/.test(text) || !/\d$/.test(text)) return { status: "invalid" };

  // Spaces group thousands in every language; then the one mark left, if any, is the decimal one.
  if (SPACE.test(text)) {
    const groups = text.split(SPACE);
    const last = groups.pop()!;
    const lastMatch = /^(\d{3})(?:([.,])(\d+))?$/.exec(last);
    if (!/^\d{1,3}$/.test(groups[0]) || !groups.slice(1).every((g) => /^\d{3}$/.test(g)) || !lastMatch) return { status: "invalid" };
    const [, lastGroup, mark, fraction] = lastMatch;
    const whole = groups.join("") + lastGroup;
    if (!mark) return result(finite(sign, whole), true);
    return result(finite(sign, `${whole}.${fraction}`), mark === marks.decimal);
  }

  const dots = text.split(".").length - 1;
  const commas = text.split(",").length - 1;
  if (dots === 0 && commas === 0) return result(finite(sign, text), true);

  // Both marks: the last one is the decimal mark and appears once; the other groups thousands.
  if (dots > 0 && commas > 0) {
    const decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    const group = decimal === "." ? "," : ".";
    const [whole, fraction] = text.split(decimal);
    if (text.split(decimal).length !== 2 || !groupedWhole(whole, group)) return { status: "invalid" };
    return result(finite(sign, `${whole.split(group).join("")}.${fraction}`), decimal === marks.decimal);
  }

  const mark = dots > 0 ? "." : ",";
  const parts = text.split(mark);
  // The same mark more than once can only group thousands ("1.200.000"): one reading.
  if (parts.length > 2) {
    if (!groupedWhole(text, mark)) return { status: "invalid" };
    return result(finite(sign, parts.join("")), true);
  }

  const [whole, fraction] = parts;
  const decimalReading = finite(sign, `${whole}.${fraction}`);
  // One mark followed by exactly three digits reads both ways ("1.200", "2,600"):
  // the writer's convention proposes, the writer confirms. A leading 0 ("0.500") can only be a decimal.
  if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) {
    const groupReading = finite(sign, whole + fraction);
    return mark === marks.group ? result(groupReading, false, decimalReading) : result(decimalReading, false, groupReading);
  }
  return result(decimalReading, mark === marks.decimal);
}

/** "1.234.567" with `group` = ".": a first group of 1–3 digits, then groups of exactly three. */
function groupedWhole(text: string, group: string): boolean {
  const groups = text.split(group);
  if (groups.length === 1) return /^\d+$/.test(text);
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}
