/** Remembers the language of someone not signed in (signed-in users keep it on their account). */
export const LOCALE_COOKIE = "accord_lang";

export function localeCookie(locale: string, secure: boolean): string {
  const attributes = ["Path=/", "Max-Age=31536000", "SameSite=Lax", secure ? "Secure" : null].filter(Boolean);
  return `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; ${attributes.join("; ")}`;
}
