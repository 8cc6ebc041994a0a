import { LOCALE_TAGS, type Locale } from "./locales";

// Accord's translator, the same on the server and in the browser, on the
// catalogs' i18next conventions: nested keys read with dots, `{{name}}` filled
// from the options, `key_one` / `key_other` chosen by the language's plural
// rules from `count`, and the English text when the reader's catalog lacks a
// key. i18next and react-i18next did this in 16 KB of compressed script on
// every page; only these few rules of theirs were in use.

export interface Messages {
  [key: string]: string | Messages;
}

export type TOptions = { count?: number; defaultValue?: string } & Record<string, unknown>;
export type TFunction = (key: string, options?: TOptions) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralOf(locale: Locale, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALE_TAGS[locale]);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

// A page asks for the same keys again and again (every card of the register
// the same labels); a catalog is not changed once loaded. Bounded, in case a
// key is ever built from what a request sent.
const MAX_KEYS_KEPT = 10_000;
const found = new WeakMap<Messages, Map<string, string | undefined>>();

function lookup(messages: Messages, key: string): string | undefined {
  let known = found.get(messages);
  if (!known) {
    known = new Map();
    found.set(messages, known);
  }
  if (known.has(key)) return known.get(key);
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || !Object.hasOwn(node, part)) {
      node = undefined;
      break;
    }
    node = node[part];
  }
  const text = typeof node === "string" ? node : undefined;
  if (known.size < MAX_KEYS_KEPT) known.set(key, text);
  return text;
}

/**
 * `{{name}}` becomes the option's value (null and undefined given as such
 * become ""); a name the options do not have stays as written, and what was
 * put in is not read again.
 */
function interpolate(text: string, options: TOptions | undefined): string {
  if (!options || !text.includes("{{")) return text;
  return text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => {
    const key = name.trim();
    if (!Object.hasOwn(options, key)) return whole;
    const value = options[key];
    return value == null ? "" : String(value);
  });
}

/**
 * The translate function for one language, over its catalog and then the
 * fallback's (each a language and its messages, in the order they are asked).
 */
export function createT(catalogs: [Locale, Messages][]): TFunction {
  return (key, options) => {
    const count = typeof options?.count === "number" ? options.count : undefined;
    for (const [locale, messages] of catalogs) {
      const text =
        (count !== undefined ? (count === 0 ? lookup(messages, `${key}_zero`) : undefined) ?? lookup(messages, `${key}_${pluralOf(locale, count)}`) : undefined) ??
        lookup(messages, key);
      if (text !== undefined) return interpolate(text, options);
    }
    return options?.defaultValue !== undefined ? interpolate(options.defaultValue, options) : key;
  };
}
