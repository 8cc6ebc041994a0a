import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Catalog } from "./catalogs/en";
import { bundledCatalogs } from "./catalogs.server";
import { DEFAULT_LOCALE, type Locale } from "./locales";

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

/**
 * One i18next instance per language, shared by every render in it.
 * Initialisation is synchronous, so the first paint is already in the right
 * language: the server holds every catalog, the browser the one it loaded.
 */
function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries([...catalogs].map(([code, catalog]) => [code, { translation: catalog }]));
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const instances = new Map<Locale, i18n>();

/** The shared instance for a language. Each has one fixed language, so sharing is safe. */
export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}
