import type { Catalog } from "./catalogs/en";
import { bundledCatalogs } from "./catalogs.server";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { createT, type Messages, type TFunction } from "./translate";

export type { TFunction, TOptions } from "./translate";

// In the browser the server-only module is empty: catalogs arrive through loadCatalog.
const catalogs = new Map<Locale, Catalog>(Object.entries(bundledCatalogs ?? {}) as [Locale, Catalog][]);

/** Each catalog in a chunk of its own, so a page downloads only its reader's language. */
const catalogChunks: Record<Locale, () => Promise<Catalog>> = {
  en: () => import("./catalogs/en").then((m) => m.en),
  vi: () => import("./catalogs/vi").then((m) => m.vi),
  zh: () => import("./catalogs/zh").then((m) => m.zh),
};

/** Makes a language's catalog available before its first render (the browser calls this before hydrating). */
export async function loadCatalog(locale: Locale): Promise<void> {
  if (catalogs.has(locale)) return;
  catalogs.set(locale, await catalogChunks[locale]());
  instances.delete(locale);
}

/** One language's translate function: its own catalog, then English for a key it lacks. */
export interface I18n {
  locale: Locale;
  t: TFunction;
}

function createI18n(locale: Locale): I18n {
  const order = locale === DEFAULT_LOCALE ? [locale] : [locale, DEFAULT_LOCALE];
  const present = order.flatMap((code): [Locale, Messages][] => {
    const catalog = catalogs.get(code);
    return catalog ? [[code, catalog as unknown as Messages]] : [];
  });
  return { locale, t: createT(present) };
}

const instances = new Map<Locale, I18n>();

/**
 * The shared translator for a language: the server holds every catalog, the
 * browser the one it loaded, so the first paint is already in the right language.
 */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}
