import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode, useLayoutEffect, type ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalog } from "./i18n/i18n";
import { DEFAULT_LOCALE, isLocale } from "./i18n/locales";

/**
 * Events after which React hydrates a still-dehydrated page synchronously.
 * RemixBrowser's first render always suspends (it decodes the page's streamed
 * data first), and a synchronous render that suspends outside any Suspense
 * boundary fails: React's error #345, "root did not complete". So until the
 * page has hydrated, these events do what they do without script (type,
 * follow a link, submit a form) and never reach React.
 */
const HYDRATING_EVENTS = [
  "auxclick", "beforeinput", "change", "click", "compositionend", "compositionstart", "compositionupdate",
  "contextmenu", "copy", "cut", "dblclick", "dragend", "dragstart", "drop", "focusin", "focusout", "input",
  "invalid", "keydown", "keypress", "keyup", "mousedown", "mouseup", "paste", "pointercancel", "pointerdown",
  "pointerup", "reset", "selectionchange", "submit", "textInput", "touchcancel", "touchend", "touchstart",
];

function holdEventsUntilHydrated(): () => void {
  const hold = (event: Event) => event.stopPropagation();
  for (const type of HYDRATING_EVENTS) window.addEventListener(type, hold, true);
  return () => {
    for (const type of HYDRATING_EVENTS) window.removeEventListener(type, hold, true);
  };
}

/** Runs once the hydrated page has been committed. */
function Hydrated({ onHydrated, children }: { onHydrated: () => void; children: ReactNode }) {
  useLayoutEffect(onHydrated, [onHydrated]);
  return children;
}

// The page's language is on <html data-locale>; its catalog (a chunk of its
// own) is fetched first, so the first client render says exactly what the
// server rendered.
const pageLocale = document.documentElement.dataset.locale;
void loadCatalog(isLocale(pageLocale) ? pageLocale : DEFAULT_LOCALE).then(() => {
  const releaseEvents = holdEventsUntilHydrated();
  // Said on the page too, so that anyone (a browser test) can tell a link will now be followed by the router.
  const release = () => {
    releaseEvents();
    document.documentElement.dataset.hydrated = "true";
  };
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <Hydrated onHydrated={release}>
          <RemixBrowser />
        </Hydrated>
      </StrictMode>,
    );
  });
});
