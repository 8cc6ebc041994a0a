import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./catalogs/en";
import { vi } from "./catalogs/vi";
import { zh } from "./catalogs/zh";
import { DEFAULT_LOCALE, type Locale } from "./locales";

export const resources = {
  en: { translation: en },
  vi: { translation: vi },
  zh: { translation: zh },
} as const;

/**
 * One i18next instance per server render, and one in the browser. All three
 * catalogs are bundled, so initialisation is synchronous and the first paint is
 * already in the right language.
 */
function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
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
