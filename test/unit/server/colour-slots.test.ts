import { describe, expect, it } from "vitest";
import { ColourSlots } from "../../../server/collab/colour-slots";

describe("colours of the people in a document", () => {
  it("gives each person their own slot, keeps it across their tabs, and frees it when they leave", () => {
    const slots = new ColourSlots(3);
    expect(slots.take("lan")).toBe(0);
    expect(slots.take("zhang")).toBe(1);
    expect(slots.take("lan")).toBe(0);
    slots.release("lan");
    // Lan still has a tab open: her slot is not given away.
    expect(slots.take("minh")).toBe(2);
    slots.release("lan");
    expect(slots.take("hung")).toBe(0);
  });

  it("shares the least used slot once every colour is taken", () => {
    const slots = new ColourSlots(2);
    slots.take("a");
    slots.take("b");
    expect(slots.take("c")).toBe(0);
    expect(slots.take("d")).toBe(1);
  });
});
