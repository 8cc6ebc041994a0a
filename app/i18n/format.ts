import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, LOCALE_TAGS, type Locale } from "./locales";

/** Dates and numbers written the way each language writes them. */
export function formatDate(locale: Locale, value: string | Date, style: "medium" | "long" = "medium") {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: style, timeZone: "UTC" }).format(date);
}

export function formatDateTime(locale: Locale, value: string | Date) {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatNumber(locale: Locale, value: number) {
  return new Intl.NumberFormat(LOCALE_TAGS[locale]).format(value);
}

/** The current request's language, as the root loader chose it. */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}
