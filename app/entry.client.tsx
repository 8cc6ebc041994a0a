import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalog } from "./i18n/i18n";
import { DEFAULT_LOCALE, isLocale } from "./i18n/locales";

// The page's language is on <html data-locale>; its catalog is fetched (in
// parallel with nothing else to wait for) before hydrating, so the first
// client render says exactly what the server rendered.
const pageLocale = document.documentElement.dataset.locale;
void loadCatalog(isLocale(pageLocale) ? pageLocale : DEFAULT_LOCALE).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
