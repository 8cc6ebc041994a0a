import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addAgendaItem, addDraftAction, agendaOf } from "../../../../app/collab/conference-doc";
import { holdsMoreThan, leftoverChanges, leftoversAsText } from "../../../../app/collab/leftover-changes";

/** A device's copy: what the server had, plus edits that never reached it. */
function deviceCopyOf(adopted: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(adopted));
  return copy;
}

function adoptedDoc() {
  const doc = new Y.Doc();
  const opening = addAgendaItem(doc, { title: "Khai mạc", kind: "opening", notes: "Phát biểu của hai Trưởng đoàn" });
  const mekong = addAgendaItem(doc, { title: "Mekong Dragon", kind: "thematic" });
  addDraftAction(doc, { text: "Exchange lists", owners: ["VNC"], due: "next" });
  return { doc, opening, mekong };
}

describe("edits a device kept that the adopted record lacks", () => {
  it("are none when the device holds nothing more (or less)", () => {
    const { doc } = adoptedDoc();
    const copy = deviceCopyOf(doc);
    expect(holdsMoreThan(copy, doc)).toBe(false);
    expect(leftoverChanges(doc, copy)).toEqual([]);
    expect(leftoverChanges(doc, new Y.Doc())).toEqual([]);
  });

  it("are none when the device only added spaces", () => {
    const { doc, mekong } = adoptedDoc();
    const copy = deviceCopyOf(doc);
    const title = agendaOf(copy).get(mekong)!.get("title") as Y.Text;
    title.insert(title.length, "  ");
    expect(holdsMoreThan(copy, doc)).toBe(true);
    expect(leftoverChanges(doc, copy)).toEqual([]);
  });

  it("list changed fields with the device's text, new entries and removals, numbered as in the record", () => {
    const { doc, opening, mekong } = adoptedDoc();
    const copy = deviceCopyOf(doc);
    const title = agendaOf(copy).get(mekong)!.get("title") as Y.Text;
    title.insert(title.length, " — 中方建议联合报告");
    agendaOf(copy).delete(opening);
    addDraftAction(copy, { text: "Report jointly to the WCO", owners: ["GACC"], due: null });

    const leftovers = leftoverChanges(doc, copy);
    expect(leftovers).toEqual([
      { list: "agenda", id: mekong, number: 2, label: "Mekong Dragon", change: "changed", fields: [{ field: "title", text: "Mekong Dragon — 中方建议联合报告" }] },
      { list: "agenda", id: opening, number: 1, label: "Khai mạc", change: "removed", fields: [] },
      expect.objectContaining({ list: "action", number: null, label: "Report jointly to the WCO", change: "added" }),
    ]);
    const text = leftoversAsText(leftovers, (l, field) => `${l.label}${field ? ` / ${field}` : ""}`);
    expect(text).toContain("Mekong Dragon / title\nMekong Dragon — 中方建议联合报告");
    expect(text).toContain("Khai mạc");
  });

  it("list the texts of other languages too, named by their key", () => {
    const languages = { base: "vi", working: ["vi", "zh"] };
    const doc = new Y.Doc();
    const id = addAgendaItem(doc, { title: "Khai mạc", kind: "opening" }, undefined, languages);
    (agendaOf(doc).get(id)!.get("title@zh") as Y.Text).insert(0, "开幕");
    const copy = deviceCopyOf(doc);
    (agendaOf(copy).get(id)!.get("title@zh") as Y.Text).insert(2, "式");
    const notes = agendaOf(copy).get(id)!.get("notes@zh") as Y.XmlFragment;
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("双方团长致辞")]);
    notes.insert(0, [paragraph]);
    expect(leftoverChanges(doc, copy)).toEqual([
      {
        list: "agenda",
        id,
        number: 1,
        label: "Khai mạc",
        change: "changed",
        fields: [
          { field: "title@zh", text: "开幕式" },
          { field: "notes@zh", text: "双方团长致辞" },
        ],
      },
    ]);
  });
});
