import { describe, expect, it } from "vitest";
import { diffWords, tokens } from "../../../../app/collab/word-diff";

describe("word differences for redlines", () => {
  it("splits Latin and Vietnamese words whole, Chinese characters one by one", () => {
    expect(tokens("Trao đổi 2.600 tin")).toEqual(["Trao", " ", "đổi", " ", "2", ".", "600", " ", "tin"]);
    expect(tokens("加强信息交流")).toEqual(["加", "强", "信", "息", "交", "流"]);
  });

  it.each([
    ["Exchange lists monthly", "Exchange contact lists monthly", [{ type: "equal", text: "Exchange " }, { type: "insert", text: "contact " }, { type: "equal", text: "lists monthly" }]],
    ["Trao đổi hàng quý", "Trao đổi hàng tháng", [{ type: "equal", text: "Trao đổi hàng " }, { type: "delete", text: "quý" }, { type: "insert", text: "tháng" }]],
    ["加强信息交流", "加强情报交流", [{ type: "equal", text: "加强" }, { type: "delete", text: "信息" }, { type: "insert", text: "情报" }, { type: "equal", text: "交流" }]],
    ["", "New text", [{ type: "insert", text: "New text" }]],
    ["Gone", "", [{ type: "delete", text: "Gone" }]],
    ["Same", "Same", [{ type: "equal", text: "Same" }]],
  ])("%j → %j", (before, after, parts) => {
    expect(diffWords(before, after)).toEqual(parts);
  });

  it("puts the parts back together into both texts", () => {
    const before = "The parties agree to exchange information on high-risk goods every quarter.";
    const after = "The two parties agree to exchange intelligence on high-risk goods and routes every month.";
    const parts = diffWords(before, after);
    expect(parts.filter((p) => p.type !== "insert").map((p) => p.text).join("")).toBe(before);
    expect(parts.filter((p) => p.type !== "delete").map((p) => p.text).join("")).toBe(after);
  });
});
