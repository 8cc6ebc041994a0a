import type { Locale } from "./locales";

/**
 * How each interface language orders names. SQL ORDER BY on text compares
 * bytes (the databases use C.UTF-8, see DESIGN.md), which puts "Đặng" after
 * "Vũ" and Chinese names in code-point order, so lists people read are sorted
 * here instead, with the viewer's collation: Vietnamese letters in their own
 * alphabet (… D, Đ, E …), Chinese by pinyin.
 */
const COLLATION_TAGS: Record<Locale, string> = {
  en: "en",
  vi: "vi",
  zh: "zh-u-co-pinyin",
};

// Building a collator costs far more than comparing with one: one per language.
const collators = new Map<Locale, Intl.Collator>();

export function collatorFor(locale: Locale): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) {
    // numeric: "Conference 9" before "Conference 10"; base letters first, then accents, then case.
    collator = new Intl.Collator(COLLATION_TAGS[locale], { numeric: true, sensitivity: "variant" });
    collators.set(locale, collator);
  }
  return collator;
}

/** A sorted copy, by one or more texts in turn (e.g. role, then name). */
export function sortByText<T>(items: readonly T[], locale: Locale, ...keys: ((item: T) => string | null | undefined)[]): T[] {
  const { compare } = collatorFor(locale);
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const order = compare(key(a) ?? "", key(b) ?? "");
      if (order !== 0) return order;
    }
    return 0;
  });
}
