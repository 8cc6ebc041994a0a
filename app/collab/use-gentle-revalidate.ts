import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";

/**
 * Reloads the page's data because someone else changed something, without
 * cutting short a load already under way (a navigation, a form being sent, a
 * reload): it waits for the page to be idle. A cut-short load is harmless but
 * the browser reports it as an error.
 */
export function useGentleRevalidate(): () => void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy = revalidator.state !== "idle" || navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  const latest = useRef({ revalidate: revalidator.revalidate, busy });
  useEffect(() => {
    latest.current = { revalidate: revalidator.revalidate, busy };
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    const attempt = () => {
      if (latest.current.busy || routerBusy()) {
        timer.current = setTimeout(attempt, 200);
        return;
      }
      void Promise.resolve(latest.current.revalidate()).catch(() => undefined);
    };
    clearTimeout(timer.current);
    attempt();
  }, []);
}

/**
 * The router's own state, read at the moment of asking: the hook's state is
 * React's, which catches up only when the page renders again (navigations
 * render in a transition), so a form sent a moment ago may not show in it yet.
 */
function routerBusy(): boolean {
  const state = typeof window === "undefined" ? undefined : window.__remixRouter?.state;
  if (!state) return false;
  if (state.navigation.state !== "idle" || state.revalidation !== "idle") return true;
  for (const fetcher of state.fetchers.values()) if (fetcher.state !== "idle") return true;
  return false;
}
