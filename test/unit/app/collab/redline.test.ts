import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addAgendaItem, agendaOf, readActions, readAgenda } from "../../../../app/collab/conference-doc";
import { redline } from "../../../../app/collab/redline";

const languages = { base: "vi", working: ["vi", "zh"] };
const state = (doc: Y.Doc, read: typeof languages | null = languages) => ({ agenda: readAgenda(doc, read ?? undefined), actions: readActions(doc, read ?? undefined) });

describe("a redline of parallel texts", () => {
  it("shows what changed in each language, named by field and language", () => {
    const doc = new Y.Doc();
    const id = addAgendaItem(doc, { title: "Hợp tác", kind: "thematic" }, undefined, languages);
    (agendaOf(doc).get(id)!.get("title@zh") as Y.Text).insert(0, "合作");
    const before = state(doc);
    (agendaOf(doc).get(id)!.get("title@zh") as Y.Text).insert(2, "交流");
    const [entry] = redline(before, state(doc));
    expect(entry.change).toBe("changed");
    expect(entry.fields.map((f) => f.field)).toEqual(["title@vi", "title@zh"]);
    expect(entry.fields[1].parts).toEqual([
      { type: "equal", text: "合作" },
      { type: "insert", text: "交流" },
    ]);
  });

  it("reads a document of one language as before", () => {
    const doc = new Y.Doc();
    addAgendaItem(doc, { title: "Opening", kind: "opening" });
    const [entry] = redline({ agenda: [], actions: [] }, state(doc, null));
    expect(entry).toMatchObject({ change: "added", fields: [{ field: "title", parts: [{ type: "insert", text: "Opening" }] }] });
  });
});
