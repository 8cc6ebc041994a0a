import { describe, expect, it } from "vitest";
import { parseTextKey, textKey } from "../../../../app/collab/parallel-texts";

describe("keys of texts per language", () => {
  it("keeps the base language under the field's own key and the others beside it", () => {
    expect(textKey("title", "vi", "vi")).toBe("title");
    expect(textKey("title", "zh", "vi")).toBe("title@zh");
    expect(parseTextKey("title", "vi")).toEqual({ field: "title", language: "vi" });
    expect(parseTextKey("notes@zh", "vi")).toEqual({ field: "notes", language: "zh" });
  });

  it("reads no language it does not know, and no second key for the base language", () => {
    expect(parseTextKey("title@xx", "vi")).toBeNull();
    expect(parseTextKey("title@vi", "vi")).toBeNull();
  });
});
