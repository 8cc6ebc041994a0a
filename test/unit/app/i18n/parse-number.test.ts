import { describe, expect, it } from "vitest";
import type { Locale } from "../../../../app/i18n/locales";
import { parseNumber, type ParsedNumber } from "../../../../app/i18n/parse-number";

const ok = (value: number): ParsedNumber => ({ status: "ok", value });
const confirm = (value: number, alternative: number | null = null): ParsedNumber => ({ status: "confirm", value, alternative });
const invalid: ParsedNumber = { status: "invalid" };

// [typed, language of the person typing, how it is read]
const table: [string, Locale, ParsedNumber][] = [
  // Plain digits mean the same everywhere.
  ["2600", "vi", ok(2600)],
  ["2600", "en", ok(2600)],
  ["  37 ", "zh", ok(37)],
  ["0", "en", ok(0)],
  ["-12", "en", ok(-12)],
  ["−12", "vi", ok(-12)],
  // One mark followed by three digits reads both ways: the writer's convention proposes, the writer confirms.
  ["1.200", "vi", confirm(1200, 1.2)],
  ["2.600", "vi", confirm(2600, 2.6)],
  ["1,200", "vi", confirm(1.2, 1200)],
  ["1,200", "en", confirm(1200, 1.2)],
  ["2,600", "zh", confirm(2600, 2.6)],
  ["1.200", "en", confirm(1.2, 1200)],
  ["1.200", "zh", confirm(1.2, 1200)],
  // A leading zero can only be a decimal.
  ["0.500", "en", ok(0.5)],
  ["0,500", "vi", ok(0.5)],
  // The same mark twice can only group thousands.
  ["1.200.000", "vi", ok(1200000)],
  ["1,200,000", "en", ok(1200000)],
  ["1.200.000", "en", ok(1200000)],
  // Spaces group thousands in every language (ordinary, no-break, narrow no-break, thin).
  ["2 600", "en", ok(2600)],
  ["2 600", "vi", ok(2600)],
  ["2\u00A0600", "zh", ok(2600)],
  ["1\u202F234\u202F567", "vi", ok(1234567)],
  ["2\u2009600", "en", ok(2600)],
  ["2 600,5", "vi", ok(2600.5)],
  ["2 600.5", "en", ok(2600.5)],
  ["2 600,5", "en", confirm(2600.5)],
  // Both marks: the last is the decimal one.
  ["1.234,5", "vi", ok(1234.5)],
  ["1,234.5", "en", ok(1234.5)],
  ["1,234.5", "vi", confirm(1234.5)],
  ["1.234,5", "zh", confirm(1234.5)],
  // A decimal written the writer's own way is sure; written the other way it is confirmed.
  ["1,5", "vi", ok(1.5)],
  ["1.5", "en", ok(1.5)],
  ["12.25", "zh", ok(12.25)],
  ["1.5", "vi", confirm(1.5)],
  ["1,5", "en", confirm(1.5)],
  ["1234,5", "vi", ok(1234.5)],
  // Full-width digits and marks from a Chinese input method.
  ["２６００", "zh", ok(2600)],
  ["２，６００", "zh", confirm(2600, 2.6)],
  // Not numbers.
  ["", "en", invalid],
  ["many", "en", invalid],
  ["12 items", "en", invalid],
  ["1..2", "en", invalid],
  ["1,2,3", "en", invalid],
  ["1.2.3", "vi", invalid],
  ["12 34", "en", invalid],
  ["1.", "en", invalid],
  [".5", "en", invalid],
  ["1,234.5.6", "en", invalid],
  ["1e5", "en", invalid],
  ["Infinity", "en", invalid],
  ["1 2345", "vi", invalid],
  ["9".repeat(16), "en", invalid],
];

describe("reading a figure the way its writer writes numbers", () => {
  it.each(table)("%j typed in %s", (typed, locale, expected) => {
    expect(parseNumber(typed, locale)).toEqual(expected);
  });
});
