import { NavLink } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT } from "../i18n/use-t";

/** How often a page without the live stream asks for the unread count (one indexed count per person). */
const POLL_MS = 30_000;
const LIVE_PATH = "/notifications/live";

/**
 * The notifications menu entry with its unread count. The count comes with
 * the page; then the server pushes every change over a small event stream
 * (server/notify/unread-stream.ts). While that stream is not open (a proxy
 * that buffers it, the network gone, the session ended) the page asks for the
 * count every half minute while visible; and any page asks at once when it
 * becomes visible again.
 * Without script it is the count the page was loaded with.
 */
export function NotificationsLink({ initial }: { initial: number }) {
  const t = useT();
  const [unread, setUnread] = useState(initial);
  useEffect(() => setUnread(initial), [initial]);
  useEffect(() => {
    let stopped = false;
    let live = false;
    const refresh = async (evenIfLive: boolean) => {
      if ((live && !evenIfLive) || document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/notifications/count", { headers: { accept: "application/json" } });
        if (!response.ok) return;
        const body = (await response.json()) as { unread?: unknown };
        if (!stopped && typeof body.unread === "number") setUnread(body.unread);
      } catch {
        // Offline for a moment: the next round tries again.
      }
    };
    let stream: EventSource | null = null;
    if (typeof EventSource !== "undefined") {
      stream = new EventSource(LIVE_PATH);
      stream.addEventListener("open", () => (live = true));
      stream.addEventListener("unread", (event) => {
        const body = JSON.parse((event as MessageEvent<string>).data) as { unread?: unknown };
        if (!stopped && typeof body.unread === "number") setUnread(body.unread);
      });
      // The browser reconnects by itself; until it does, polling stands in.
      stream.addEventListener("error", () => (live = false));
      stream.addEventListener("signedOut", () => {
        live = false;
        stream?.close();
      });
    }
    const timer = window.setInterval(() => void refresh(false), POLL_MS);
    // A tab coming back (a laptop waking) asks once even with the stream open: the stream may not know yet that it is gone.
    const onVisible = () => void refresh(true);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      stream?.close();
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
  return (
    <NavLink to="/notifications" aria-label={unread ? t("notify.menuUnread", { count: unread }) : t("notify.menu")}>
      {t("notify.menu")}
      {unread ? (
        <span className="unread-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
