import { useMatches } from "@remix-run/react";

/**
 * Modules a page will import soon after it hydrates (the workspace's editor),
 * named by its loader as `preloadAfterScripts`. Their links come after the
 * page's own scripts, so the browser asks for them last: on a slow link they
 * then arrive right after what hydration needs instead of sharing the
 * bandwidth with it (decision 0053).
 */
export function PreloadAfterScripts() {
  const hrefs = useMatches().flatMap((match) => {
    const href = (match.data as { preloadAfterScripts?: unknown } | undefined)?.preloadAfterScripts;
    return typeof href === "string" ? [href] : [];
  });
  return (
    <>
      {hrefs.map((href) => (
        <link key={href} rel="modulepreload" href={href} />
      ))}
    </>
  );
}
