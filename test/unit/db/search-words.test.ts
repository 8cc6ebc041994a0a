import { describe, expect, it } from "vitest";
import { isSearchable, searchWords } from "../../../db/search";

describe("searchWords", () => {
  it("splits on control characters too: a NUL must never reach FTS5", () => {
    expect(searchWords("mekong\u0000dragon")).toEqual(["mekong", "dragon"]);
    expect(searchWords("\u0000")).toEqual([]);
    expect(searchWords("a\u001fb\u007fc")).toEqual(["a", "b", "c"]);
  });

  it("keeps at most eight words", () => {
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
  });
});

describe("isSearchable", () => {
  it("needs a word of two characters, or one Chinese or Japanese character", () => {
    expect(isSearchable(searchWords("a"))).toBe(false);
    expect(isSearchable(searchWords("a b c"))).toBe(false);
    expect(isSearchable(searchWords("ab"))).toBe(true);
    expect(isSearchable(searchWords("a mekong"))).toBe(true);
    expect(isSearchable(searchWords("海"))).toBe(true);
    expect(isSearchable(searchWords("ở"))).toBe(false);
    expect(isSearchable(searchWords("Đà"))).toBe(true);
  });
});
