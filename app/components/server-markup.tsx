import { createContext, useContext, type ReactElement } from "react";
import { I18nContext } from "../i18n/use-t";

/**
 * Renders `render()` to static HTML once per key and answers it with every
 * HOLE replaced by `fill`. Provided only while the server renders a page
 * (app/http/markup-cache.server.ts); absent in the browser.
 */
export type MarkupCache = (key: string, render: () => ReactElement, fill: string) => string;

export const MarkupCacheContext = createContext<MarkupCache | null>(null);

/** Stands in the cached markup for what differs between copies (a commitment's id). Private-use, so no text holds it. */
export const HOLE = "\uE000";

const NOTHING = { __html: "" };

/**
 * Markup that is the same on every card but for one value, drawn once per
 * page language on the server and reused; in the browser, nothing, so that
 * hydration keeps what the server sent (use with suppressHydrationWarning).
 * What `render` draws must need no context but the page's language: it is
 * rendered outside the page's tree.
 */
export function useServerMarkup(key: string | null, render: () => ReactElement, fill: string | number): { __html: string } {
  const cache = useContext(MarkupCacheContext);
  const i18n = useContext(I18nContext);
  // Null: this copy is drawn by React (a form opened, a text of its own).
  if (!cache || !i18n || key === null) return NOTHING;
  const html = cache(`${i18n.locale}\u0001${key}`, () => <I18nContext.Provider value={i18n}>{render()}</I18nContext.Provider>, String(fill));
  return { __html: html };
}

/** Markup named by a page's data: given in it (`html`), or held by the server's rendering of the page (`key`). */
export interface PageMarkupRef {
  key: string;
  html: string | null;
}

/** What the page's HTML carries by key, while the server renders the page (app/http/page-markup.server.ts); absent in the browser. */
export const PageMarkupContext = createContext<ReadonlyMap<string, string> | null>(null);

/**
 * The markup a page's data names: its own text, or on the server the page's
 * copy; in the browser, until data brings it, null (the element keeps what the
 * server drew: use with suppressHydrationWarning).
 */
export function usePageMarkup(ref: PageMarkupRef): string | null {
  const held = useContext(PageMarkupContext);
  return ref.html ?? held?.get(ref.key) ?? null;
}
