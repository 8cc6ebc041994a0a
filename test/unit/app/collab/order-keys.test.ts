import { describe, expect, it } from "vitest";
import { compareKeys, keyBetween } from "../../../../app/collab/order-keys";

const VALID = /^[0-9a-z]*[1-9a-z]$/;

describe("order keys", () => {
  it("makes a key strictly between two, or before the first, or after the last", () => {
    expect(keyBetween(null, null)).toMatch(VALID);
    const middle = keyBetween(null, null);
    const before = keyBetween(null, middle);
    const after = keyBetween(middle, null);
    expect(before < middle && middle < after).toBe(true);
    for (const [low, high] of [
      ["1", "2"],
      ["1", "11"],
      ["az", "b"],
      ["z", null],
      [null, "01"],
      ["0001", "0002"],
    ] as const) {
      const key = keyBetween(low, high);
      expect(key, `${low}..${high}`).toMatch(VALID);
      if (low !== null) expect(key > low, `${key} > ${low}`).toBe(true);
      if (high !== null) expect(key < high, `${key} < ${high}`).toBe(true);
    }
  });

  it("always finds room: a thousand inserts at the same place stay ordered and short enough", () => {
    // Each new item goes right after the first one, the worst case for fractional keys.
    const keys = [keyBetween(null, null)];
    keys.push(keyBetween(keys[0], null));
    for (let i = 0; i < 1000; i++) keys.splice(1, 0, keyBetween(keys[0], keys[1]));
    const sorted = [...keys].sort();
    expect(keys).toEqual(sorted);
    expect(new Set(keys).size).toBe(keys.length);
    // The document schema allows 256 characters per key.
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(256);
  });

  it("refuses bounds in the wrong order instead of making a key that sorts wrongly", () => {
    expect(() => keyBetween("b", "a")).toThrow();
    expect(() => keyBetween("a", "a")).toThrow();
  });

  it("orders two items with the same key by id, so concurrent moves to one place converge everywhere", () => {
    const a = { position: "h", id: "b1" };
    const b = { position: "h", id: "a9" };
    const c = { position: "g", id: "zz" };
    expect([a, b, c].sort(compareKeys).map((x) => x.id)).toEqual(["zz", "a9", "b1"]);
    expect(compareKeys(a, a)).toBe(0);
  });
});
