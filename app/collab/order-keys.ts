// Ordering keys for lists edited concurrently (agenda items, draft actions).
// Each item carries a key; moving an item gives it a key between its new
// neighbours, so a move is one field write and concurrent moves converge.
// Keys are base-36 fractions written without the leading "0." and never end
// in "0", so there is always room between two of them.

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const BASE = DIGITS.length;

function digitAt(key: string, index: number): number {
  return index < key.length ? DIGITS.indexOf(key[index]) : 0;
}

/** A key strictly between `low` (or the start) and `high` (or the end). */
export function keyBetween(low: string | null, high: string | null): string {
  const a = low ?? "";
  if (high !== null && a >= high) throw new Error(`keyBetween: ${a} is not below ${high}`);
  let prefix = "";
  let i = 0;
  // Walk the shared leading digits of both keys.
  while (high !== null && i < high.length && digitAt(a, i) === DIGITS.indexOf(high[i])) {
    prefix += high[i];
    i += 1;
  }
  for (;;) {
    const lowDigit = digitAt(a, i);
    const highDigit = high !== null && i < high.length ? DIGITS.indexOf(high[i]) : BASE;
    if (highDigit - lowDigit > 1) return prefix + DIGITS[Math.ceil((lowDigit + highDigit) / 2)];
    // No digit fits between: keep the low digit and look for room after it.
    prefix += DIGITS[lowDigit];
    i += 1;
    // Past this position the high bound no longer constrains us.
    if (highDigit > lowDigit) high = null;
  }
}

export function compareKeys(a: { position: string; id: string }, b: { position: string; id: string }): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
