// Each person keeps one colour on every screen: their caret, their avatar and
// the outline of the field they are in. The colours are dark enough for white
// text (WCAG AA) and are listed again, by index, in app.css (.presence-color-N).
export const PRESENCE_COLORS = [
  "#b42318",
  "#1f7a4d",
  "#7a3ea1",
  "#b54708",
  "#0e7490",
  "#a2185b",
  "#3f51b5",
  "#6b5900",
] as const;

/** FNV-1a: small, stable across browsers and sessions. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function colorIndexForUser(userId: string): number {
  return hash(userId) % PRESENCE_COLORS.length;
}

export function colorForUser(userId: string): string {
  return PRESENCE_COLORS[colorIndexForUser(userId)];
}

/** The palette slot of a colour another client announced; unknown colours get slot 0. */
export function colorIndexOf(color: unknown): number {
  const index = PRESENCE_COLORS.indexOf(color as (typeof PRESENCE_COLORS)[number]);
  return index >= 0 ? index : 0;
}

export function presenceColorClass(color: unknown): string {
  return `presence-color-${colorIndexOf(color)}`;
}
