import { createContext, useContext } from "react";
import { i18nFor, type I18n, type TFunction } from "./i18n";
import { DEFAULT_LOCALE } from "./locales";

/** The page's language and its translator (root.tsx provides it). */
export const I18nContext = createContext<I18n | null>(null);

/** The translate function for components; a language change reloads the page, so it never changes under them. */
export function useT(): TFunction {
  return (useContext(I18nContext) ?? i18nFor(DEFAULT_LOCALE)).t;
}
