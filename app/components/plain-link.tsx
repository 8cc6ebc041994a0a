import { useNavigate } from "@remix-run/react";
import { useEffect, type AnchorHTMLAttributes } from "react";

/**
 * A link inside the app drawn as a bare anchor. Remix's <Link> runs a dozen
 * hooks (resolving the path against the route tree, prefetch state, refs) for
 * each of the hundreds of links a register or a leader's view repeats per
 * row: a tenth of their render. These are followed by one click handler for
 * the whole document instead (usePlainLinkNavigation), and are plain links
 * without JavaScript. `data-discover` lets Remix learn their routes ahead, as
 * it does for its own links.
 */
export function PlainLink({ to, ...props }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a {...props} href={to} data-discover="true" data-plain-link="" />;
}

/** Follows a click on any PlainLink in the page with client-side navigation, as <Link> would; once, in the root. */
export function usePlainLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[data-plain-link]") : null;
      if (!anchor || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(url.pathname + url.search + url.hash);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
