/** Longer targets are not followed: no page of ours has an address this long. */
const MAX_TARGET_LENGTH = 2048;
const BASE = "http://accord.invalid";

/**
 * The one check for every redirect target a request names (after sign-in,
 * after a language change): a path on this site, or the fallback.
 *
 * The target is parsed as a browser would parse it (WHATWG URL: tabs and
 * newlines dropped, backslashes read as slashes), so "/\t/evil.example" is
 * seen as the "//evil.example" a browser would follow, and refused. What is
 * returned is the parsed URL re-serialised: ASCII only, every other character
 * percent-encoded, so it is always a valid Location header and can never make
 * the response fail after the session has changed.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_TARGET_LENGTH) return fallback;
  if (!value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" parses to the path "//evil.example", which a browser reads as another host.
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  // Belt and braces: a Location header holds visible ASCII only.
  if (!/^[\x21-\x7e]*$/.test(target)) return fallback;
  return target;
}
