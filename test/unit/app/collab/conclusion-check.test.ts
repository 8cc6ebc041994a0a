import { describe, expect, it } from "vitest";
import { checkConclusion, dueProblem, recordContent } from "../../../../app/collab/conclusion-check";
import { isCalendarDate } from "../../../../app/collab/conference-schema";
import type { AgendaItemView, DraftActionView } from "../../../../app/collab/conference-doc";

const TODAY = "2027-03-10";

function item(title: string, kind: AgendaItemView["kind"] = "thematic", extra: Partial<AgendaItemView> = {}): AgendaItemView {
  return { id: `i-${title}-${kind}`, position: "a", title, kind, leadParty: null, startTime: null, durationMinutes: null, notesText: "", outcomeText: "", ...extra };
}

function action(text: string, owners: string[], due: string | null): DraftActionView {
  return { id: `a-${text}`, position: "a", text, owners, due };
}

describe("due dates", () => {
  it.each([
    ["2027-03-10", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2031-13-45", false],
    ["not-a-date", false],
    ["=1+1", false],
    ["2027-03-10\r\n", false],
  ])("%j is a calendar date: %s", (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it.each([
    [null, null],
    ["next", null],
    ["2027-03-10", null],
    ["2027-03-09", "past"],
    ["2031-13-45", "invalid"],
  ] as const)("%j on %s is %s", (due, expected) => {
    expect(dueProblem(due, TODAY)).toBe(expected);
  });
});

describe("the conclusion check", () => {
  it("passes a complete agenda with owned, dated actions", () => {
    const check = checkConclusion(
      [item("Opening", "opening", { leadParty: "VNC" }), item("Closing", "closing", { leadParty: "GACC" })],
      [action("Exchange lists", ["VNC", "GACC"], "next")],
      ["VNC", "GACC"],
      TODAY,
    );
    expect(check).toEqual({ items: 2, commitments: 1, problems: [], blocking: false });
  });

  it("blocks on untitled items with content, actions without owners and bad or past dates", () => {
    const check = checkConclusion(
      [item("Opening", "opening", { leadParty: "VNC" }), item("", "thematic", { notesText: "Notes without a title" })],
      [action("No owner", [], "next"), action("Bad date", ["VNC"], "2031-13-45"), action("Late", ["GACC"], "2027-01-01")],
      ["VNC", "GACC"],
      TODAY,
    );
    expect(check.blocking).toBe(true);
    expect(check.problems).toEqual([
      { kind: "untitledItem", number: 2 },
      { kind: "actionWithoutOwners", number: 1, text: "No owner" },
      { kind: "actionDueInvalid", number: 2, text: "Bad date" },
      { kind: "actionDuePast", number: 3, text: "Late", due: "2027-01-01" },
    ]);
  });

  it("warns, without blocking, of items after the closing one, parties with nothing, and blanks left out", () => {
    const check = checkConclusion(
      [item("Opening", "opening", { leadParty: "VNC" }), item("", "other"), item("Closing", "closing"), item("Any other business")],
      [action("  ", [], null), action("Share data", ["VNC"], null)],
      ["VNC", "GACC", "LAO"],
      TODAY,
    );
    expect(check.blocking).toBe(false);
    expect(check.items).toBe(3);
    expect(check.commitments).toBe(1);
    expect(check.problems).toEqual([
      { kind: "itemAfterClosing", number: 3, title: "Any other business" },
      { kind: "partyWithoutItem", party: "GACC" },
      { kind: "partyWithoutItem", party: "LAO" },
      { kind: "blankItemsLeftOut", count: 1 },
      { kind: "emptyActionsLeftOut", count: 1 },
    ]);
  });

  it("leaves blank items and empty actions out of the record, and nothing else", () => {
    const content = recordContent(
      [item("A"), item(""), item("", "thematic", { outcomeText: "Agreed" })],
      [action("", ["VNC"], null), action("B", [], null)],
    );
    expect(content.agenda.map((i) => i.outcomeText || i.title)).toEqual(["A", "Agreed"]);
    expect(content.actions.map((a) => a.text)).toEqual(["B"]);
  });
});

describe("the conclusion check of parallel texts", () => {
  const LANGUAGES = { working: ["vi", "zh", "en"], authentic: ["vi", "zh"] };
  const aligned = (states: Record<string, "source" | "current" | "stale" | "missing">) => ({
    source: Object.entries(states).find(([, s]) => s === "source")![0],
    states: Object.fromEntries(Object.entries(states).map(([l, state]) => [l, { state }])),
  });
  const texts = (title: Record<string, string>) =>
    Object.fromEntries(Object.entries(title).map(([l, t]) => [l, { title: t, notesText: "", outcomeText: "" }]));

  it("blocks on a stale or missing authentic text, and only warns for another working language", () => {
    const agenda = [
      item("Hợp tác", "thematic", {
        leadParty: "VNC",
        texts: texts({ vi: "Hợp tác", zh: "合作", en: "" }),
        alignment: { title: aligned({ vi: "source", zh: "stale", en: "missing" }) },
      }),
    ];
    const actions: DraftActionView[] = [
      { ...action("Trao đổi", ["GACC"], "next"), texts: { vi: { text: "Trao đổi" }, zh: { text: "" }, en: { text: "Exchange" } }, alignment: { text: aligned({ vi: "source", zh: "missing", en: "current" }) } },
    ];
    const check = checkConclusion(agenda, actions, ["VNC", "GACC"], TODAY, LANGUAGES);
    expect(check.problems).toEqual([
      { kind: "textStale", subject: "item", number: 1, label: "Hợp tác", language: "zh", fields: ["title"], authentic: true },
      { kind: "textMissing", subject: "item", number: 1, label: "Hợp tác", language: "en", fields: ["title"], authentic: false },
      { kind: "textMissing", subject: "action", number: 1, label: "Trao đổi", language: "zh", fields: ["text"], authentic: true },
    ]);
    expect(check.blocking).toBe(true);

    const inLine = checkConclusion(
      [{ ...agenda[0], alignment: { title: aligned({ vi: "source", zh: "current", en: "missing" }) } }],
      [{ ...actions[0], alignment: { text: aligned({ vi: "source", zh: "current", en: "current" }) } }],
      ["VNC", "GACC"],
      TODAY,
      LANGUAGES,
    );
    expect(inLine.blocking).toBe(false);
    expect(inLine.problems.map((p) => p.kind)).toEqual(["textMissing"]);
  });

  it("keeps an item written in another language only, names it by that title, and keeps the action that has only a Chinese text", () => {
    const zhOnly = item("", "thematic", { texts: texts({ vi: "", zh: "专题讨论" }) });
    const blank = item("", "other", { texts: texts({ vi: "", zh: "" }) });
    const action: DraftActionView = { id: "a", position: "a", text: "", owners: ["GACC"], due: null, texts: { vi: { text: "" }, zh: { text: "交换清单" } } };
    const kept = recordContent([zhOnly, blank], [action]);
    expect(kept.agenda).toEqual([zhOnly]);
    expect(kept.actions).toEqual([action]);
    const check = checkConclusion([zhOnly, blank], [action], ["GACC"], TODAY);
    expect(check.problems.find((p) => p.kind === "untitledItem")).toBeUndefined();
  });

  it("says nothing of languages for a series that works in one", () => {
    const check = checkConclusion([item("Opening", "opening", { leadParty: "VNC" })], [], ["VNC"], TODAY, { working: ["en"], authentic: ["en"] });
    expect(check.problems).toEqual([]);
  });
});
