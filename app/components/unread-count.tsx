import { NavLink } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT } from "../i18n/use-t";

/** How often an open page asks for the unread count (one indexed count per person). */
const POLL_MS = 30_000;

/**
 * The notifications menu entry with its unread count. The count comes with
 * the page and is then asked for every half minute while the page is visible,
 * and at once when it becomes visible again. Without script it is the count
 * the page was loaded with.
 */
export function NotificationsLink({ initial }: { initial: number }) {
  const t = useT();
  const [unread, setUnread] = useState(initial);
  useEffect(() => setUnread(initial), [initial]);
  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/notifications/count", { headers: { accept: "application/json" } });
        if (!response.ok) return;
        const body = (await response.json()) as { unread?: unknown };
        if (!stopped && typeof body.unread === "number") setUnread(body.unread);
      } catch {
        // Offline for a moment: the next round tries again.
      }
    };
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    const onVisible = () => void refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
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
