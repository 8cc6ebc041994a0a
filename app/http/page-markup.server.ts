import type { AppLoadContext } from "@remix-run/node";
import type { PageMarkupRef } from "../components/server-markup";

/**
 * Markup drawn on the server (a chart) that a page shows as is. On a request
 * for the whole page its HTML carries it once, and the page's data only names
 * it: sent as data too, it would cross the wire twice and be escaped into a
 * script. A data request (a navigation, a live update) gets the markup itself.
 */
export function markupForPage(context: AppLoadContext, key: string, html: string): PageMarkupRef {
  if (!context.pageMarkup) return { key, html };
  context.pageMarkup.set(key, html);
  return { key, html: null };
}
