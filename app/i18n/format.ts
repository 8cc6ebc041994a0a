import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, LOCALE_TAGS, type Locale } from "./locales";

// Building an Intl formatter costs far more than using one (measured: half of
// a large page's render time), so each is built once per language and style.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Dates and numbers written the way each language writes them. */
export function formatDate(locale: Locale, value: string | Date, style: "medium" | "long" | "full" = "medium") {
  const date = typeof value === "string" ? new Date(value) : value;
  return cached(`date:${locale}:${style}`, () => new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: style, timeZone: "UTC" })).format(date);
}

/**
 * A due date typed into a shared document ("2027-03-01"), written the
 * reader's way. A document may hold a value that is not a real date (typed by
 * hand, or an older client): that is shown as typed rather than failing.
 */
export function formatDueDate(locale: Locale, value: string, style: "medium" | "long" = "medium") {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  return date && !Number.isNaN(date.getTime()) ? formatDate(locale, date, style) : value;
}

export function formatDateTime(locale: Locale, value: string | Date) {
  const date = typeof value === "string" ? new Date(value) : value;
  // ICU writes Vietnamese time first ("10:00 5 thg 3, 2026"); people there read the date first.
  if (locale === "vi") {
    const day = cached(`dateonly:${locale}`, () => new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium" })).format(date);
    const time = cached(`timeonly:${locale}`, () => new Intl.DateTimeFormat(LOCALE_TAGS[locale], { timeStyle: "short" })).format(date);
    return `${day}, ${time}`;
  }
  return cached(`datetime:${locale}`, () => new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeStyle: "short" })).format(date);
}

export function formatNumber(locale: Locale, value: number) {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(LOCALE_TAGS[locale])).format(value);
}

/** The current request's language, as the root loader chose it. */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}
