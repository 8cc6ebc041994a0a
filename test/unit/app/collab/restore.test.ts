import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addAgendaItem, addDraftAction, agendaOf, actionsOf, readActions, readAgenda, setActionOwner } from "../../../../app/collab/conference-doc";
import { restoreFromVersion, versionHolds } from "../../../../app/collab/restore";

// Restoring from a version is a new edit on the document as it is now: texts
// change word by word (what did not change keeps its items, so its author),
// an entry deleted since comes back under its id, and "everything" also takes
// out what was added since.
function versionOf(doc: Y.Doc) {
  const version = new Y.Doc();
  Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));
  return version;
}

describe("restore from a version", () => {
  it("brings one item's text back word by word, keeping the items of words that did not change", () => {
    const doc = new Y.Doc();
    doc.clientID = 1;
    const id = addAgendaItem(doc, { title: "Joint operation against drug trafficking", notes: "Figures from both sides" });
    const version = versionOf(doc);
    const title = agendaOf(doc).get(id)!.get("title") as Y.Text;
    title.delete(title.toString().indexOf("drug"), 4);
    title.insert(title.toString().indexOf(" trafficking"), "wildlife");
    agendaOf(doc).get(id)!.set("kind", "closing");
    const before = Y.encodeStateVector(doc);
    doc.clientID = 2;
    restoreFromVersion(doc, version, { kind: "entry", list: "agenda", id });
    expect(readAgenda(doc)[0]).toMatchObject({ title: "Joint operation against drug trafficking", kind: "thematic", notesText: "Figures from both sides" });
    // Only the changed word was written again: the restore's own insertions are "drug".
    const inserted = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before)).structs.filter((s) => s instanceof Y.Item && s.content instanceof Y.ContentString);
    expect(inserted.map((s) => ((s as Y.Item).content as Y.ContentString).str).join("")).toBe("drug");
  });

  it("re-creates an entry deleted since, and the whole agenda loses what was added since", () => {
    const doc = new Y.Doc();
    const keep = addAgendaItem(doc, { title: "Opening" });
    const action = addDraftAction(doc, { text: "Exchange lists of contact points", owners: ["VNC"] });
    const version = versionOf(doc);
    agendaOf(doc).delete(keep);
    const added = addAgendaItem(doc, { title: "Added later" });
    setActionOwner(doc, action, "GACC", true);
    expect(versionHolds(version, { kind: "entry", list: "agenda", id: added })).toBe(false);
    restoreFromVersion(doc, version, { kind: "all" });
    expect(readAgenda(doc).map((i) => [i.id, i.title])).toEqual([[keep, "Opening"]]);
    expect(readActions(doc)).toMatchObject([{ id: action, owners: ["VNC"], text: "Exchange lists of contact points" }]);
    expect(actionsOf(doc).size).toBe(1);
  });
});
