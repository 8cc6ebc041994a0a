import { describe, expect, it } from "vitest";
import { diffText, transformPosition } from "../../../../app/collab/text-diff";

const apply = (before: string, change: ReturnType<typeof diffText>) =>
  change ? before.slice(0, change.index) + change.insert + before.slice(change.index + change.remove) : before;

describe("the smallest splice between two values of a field", () => {
  it("finds insertions, deletions and replacements, and nothing when nothing changed", () => {
    expect(diffText("abc", "abc")).toBeNull();
    expect(diffText("Hà Nội", "Hà Nội 2026")).toEqual({ index: 6, remove: 0, insert: " 2026" });
    expect(diffText("海关合作", "海关")).toEqual({ index: 2, remove: 2, insert: "" });
    // The caret after the typed "u" keeps the "t" after it out of the splice.
    expect(diffText("cat", "cut", 2)).toEqual({ index: 1, remove: 1, insert: "u" });
    // With the caret at the end (the default), everything from the first difference is the splice.
    expect(diffText("cat", "cut")).toEqual({ index: 1, remove: 2, insert: "ut" });
  });

  it("uses the caret to place an insertion where it is ambiguous", () => {
    // Typing "a" into "aa" with the caret after the first "a".
    expect(diffText("aa", "aaa", 1)).toEqual({ index: 0, remove: 0, insert: "a" });
    expect(diffText("aa", "aaa", 3)).toEqual({ index: 2, remove: 0, insert: "a" });
  });

  it("never splits a surrogate pair, so emoji and rare CJK characters stay whole", () => {
    // U+20BB7 𠮷 and U+20BB8 differ only in their low surrogate.
    const change = diffText("x𠮷y", "x\u{20BB8}y", 3);
    expect(change).toEqual({ index: 1, remove: 2, insert: "\u{20BB8}" });
    expect(diffText("😀😀", "😀😁")?.index).toBe(2);
    expect(diffText("😀😀", "😁😀", 2)).toEqual({ index: 0, remove: 2, insert: "😁" });
  });

  it("turns any value into any other through its splice", () => {
    const values = ["", "a", "Đặng", "Dương", "海关 2,600", "a😀b", "aaaa", "Vũ Văn A"];
    for (const before of values) for (const after of values) expect(apply(before, diffText(before, after))).toBe(after);
  });
});

describe("where a caret goes after someone else's edit", () => {
  it("moves with text inserted or deleted before it and stays put for text after it", () => {
    expect(transformPosition(5, [{ insert: "abc" }])).toBe(8);
    expect(transformPosition(5, [{ retain: 6 }, { insert: "abc" }])).toBe(5);
    expect(transformPosition(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
  });

  it("stays before text inserted exactly at it, and lands at a deletion's start when the deletion swallows it", () => {
    expect(transformPosition(5, [{ retain: 5 }, { insert: "x" }])).toBe(5);
    expect(transformPosition(5, [{ retain: 3 }, { delete: 10 }])).toBe(3);
  });

  it("counts an embed as one position", () => {
    expect(transformPosition(2, [{ insert: { image: "x" } }])).toBe(3);
  });
});
