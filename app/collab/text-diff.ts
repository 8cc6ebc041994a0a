// Binding a plain <input>/<textarea> to a Y.Text: the smallest edit that turns
// the old value into the new one, and where a caret goes after a remote edit.

export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The single splice from `before` to `after`. `caret` (the caret after the
 * edit) settles ambiguous cases such as typing "a" into "aa". Never splits a
 * surrogate pair, so emoji and rare CJK characters stay whole.
 */
export function diffText(before: string, after: string, caret: number = after.length): TextChange | null {
  if (before === after) return null;
  const at = Math.max(0, Math.min(caret, after.length));
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length - at);
  while (suffix < maxSuffix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  let prefix = 0;
  const maxPrefix = Math.min(before.length - suffix, after.length - suffix);
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

export type TextDelta = { insert?: unknown; retain?: number; delete?: number }[];

/** Where a caret at `position` ends up after someone else's edit. */
export function transformPosition(position: number, delta: TextDelta): number {
  let index = 0;
  let result = position;
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      // An insert exactly at the caret stays after it: the local caret does not jump.
      if (index < result) result += length;
      index += length;
    } else if (op.delete !== undefined) {
      if (index < result) result -= Math.min(op.delete, result - index);
    }
    if (index > result) break;
  }
  return result;
}
