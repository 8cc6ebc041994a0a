import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HOLE, type MarkupCache } from "../components/server-markup";

// Keys are a language and a form's variant: a few dozen at most. The bound is
// there so that a key built wrongly can never grow the process without end.
const MAX_ENTRIES = 500;
const templates = new Map<string, string[]>();

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** See MarkupCache: the same for every request, since what is cached depends only on its key. */
export const markupCache: MarkupCache = (key: string, render: () => ReactElement, fill: string) => {
  let parts = templates.get(key);
  if (!parts) {
    parts = renderToStaticMarkup(render()).split(HOLE);
    if (templates.size >= MAX_ENTRIES) templates.delete(templates.keys().next().value as string);
    templates.set(key, parts);
  }
  return parts.join(escapeHtml(fill));
};
