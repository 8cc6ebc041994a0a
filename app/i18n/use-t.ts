import { useContext } from "react";
import { getI18n, I18nContext } from "react-i18next";
import type { i18n } from "i18next";

type TFunction = i18n["t"];

const MAX_REMEMBERED = 20_000;
const memoised = new WeakMap<i18n, TFunction>();

/**
 * i18next spends 15–20 µs on every t() call, and a dashboard makes hundreds
 * of the same calls. Each instance has one fixed language (i18n.ts), so a
 * key with the same options always gives the same text: remember it.
 */
function rememberingT(instance: i18n): TFunction {
  const remembered = new Map<string, unknown>();
  const t = ((key: unknown, options?: unknown) => {
    if (typeof key !== "string" || (options !== undefined && (typeof options !== "object" || options === null))) {
      return (instance.t as (k: unknown, o?: unknown) => unknown)(key, options);
    }
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    if (remembered.has(id)) return remembered.get(id);
    const text = (instance.t as (k: unknown, o?: unknown) => unknown)(key, options);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(id, text);
    return text;
  }) as TFunction;
  return t;
}

/**
 * The translate function for components. Each i18next instance has one fixed
 * language and a language change reloads the page, so this needs none of the
 * subscriptions useTranslation() sets up on every call, and it remembers texts.
 */
export function useT(): TFunction {
  // Outside a provider (there is one in root.tsx), the instance initReactI18next registered.
  const instance = useContext(I18nContext)?.i18n ?? getI18n();
  let t = memoised.get(instance);
  if (!t) {
    t = rememberingT(instance);
    memoised.set(instance, t);
  }
  return t;
}
