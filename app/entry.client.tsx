import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalog } from "./i18n/i18n";
import { DEFAULT_LOCALE, isLocale } from "./i18n/locales";

/**
 * Resolves once the whole document has been parsed. The server streams the
 * page's data after its shell, in scripts at the end of the body, and this
 * module may run before they arrive. Until they have, RemixBrowser suspends
 * the root, and a click or key press on the still-dehydrated page makes React
 * hydrate it synchronously, which a suspended root cannot do: React's error
 * #345, "root did not complete". Hydrating only after the last script has run
 * leaves no such moment.
 */
function documentParsed(): Promise<void> {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}

// The page's language is on <html data-locale>; its catalog (a chunk of its
// own) is fetched while the document is still arriving, so the first client
// render says exactly what the server rendered.
const pageLocale = document.documentElement.dataset.locale;
void Promise.all([loadCatalog(isLocale(pageLocale) ? pageLocale : DEFAULT_LOCALE), documentParsed()]).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
