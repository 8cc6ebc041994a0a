import { describe, expect, it } from "vitest";
import { parseNotice } from "../../../../app/collab/collab-notices";

describe("notices from the hub", () => {
  it.each([
    ['{"kind":"status","status":"concluded"}', { kind: "status", status: "concluded" }],
    ['{"kind":"colour","color":"#1f7a4d"}', { kind: "colour", color: "#1f7a4d" }],
    ['{"kind":"status","status":"archived"}', null],
    ['{"kind":"colour","color":"red; background:url(x)"}', null],
    ["not json", null],
    ["null", null],
  ])("%s reads as %j", (text, expected) => {
    expect(parseNotice(text)).toEqual(expected);
  });
});
