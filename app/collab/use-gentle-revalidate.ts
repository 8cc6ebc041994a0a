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
      if (latest.current.busy) {
        timer.current = setTimeout(attempt, 200);
        return;
      }
      void Promise.resolve(latest.current.revalidate()).catch(() => undefined);
    };
    clearTimeout(timer.current);
    attempt();
  }, []);
}
