// Word-level differences between two texts, for redlines: what was deleted
// and what inserted, in reading order. Latin-script words are whole tokens;
// Chinese, Japanese and Korean characters count one each (no spaces between
// words there); whitespace and punctuation are tokens of their own.

export type DiffPart = { type: "equal" | "insert" | "delete"; text: string };

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{M}\p{N}_]+|\s+|[^\s\p{L}\p{M}\p{N}_]/gu;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Beyond this many tokens on a side the table would be too large: one change for the middle instead. */
const MAX_TOKENS = 3000;

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = out[out.length - 1];
    if (last && last.type === part.type) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/** The parts that turn `before` into `after`: equal runs, deletions and insertions. */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ type: "equal", text: before }] : [];
  const a = tokens(before);
  const b = tokens(after);
  // Common head and tail first: most edits touch a few words in the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const parts: DiffPart[] = [{ type: "equal", text: a.slice(0, head).join("") }];
  if (midA.length > MAX_TOKENS || midB.length > MAX_TOKENS) {
    parts.push({ type: "delete", text: midA.join("") }, { type: "insert", text: midB.join("") });
  } else {
    // Longest common subsequence over the middle, then walk it.
    const rows = midA.length + 1;
    const cols = midB.length + 1;
    const table = new Uint32Array(rows * cols);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        table[i * cols + j] = midA[i] === midB[j] ? table[(i + 1) * cols + j + 1] + 1 : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length && j < midB.length) {
      if (midA[i] === midB[j]) {
        parts.push({ type: "equal", text: midA[i] });
        i++;
        j++;
      } else if (table[(i + 1) * cols + j] >= table[i * cols + j + 1]) {
        parts.push({ type: "delete", text: midA[i++] });
      } else {
        parts.push({ type: "insert", text: midB[j++] });
      }
    }
    while (i < midA.length) parts.push({ type: "delete", text: midA[i++] });
    while (j < midB.length) parts.push({ type: "insert", text: midB[j++] });
  }
  parts.push({ type: "equal", text: a.slice(a.length - tail).join("") });
  return merge(parts);
}
