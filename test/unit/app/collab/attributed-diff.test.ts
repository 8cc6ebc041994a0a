import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { attributedDiff, type EntryChange } from "../../../../app/collab/attributed-diff";
import { addAgendaItem, addDraftAction, agendaOf, actionsOf, setActionOwner } from "../../../../app/collab/conference-doc";
import { decodeDeleteRanges, DeleterIndex, encodeDeleteRanges, type DeleteSetLike } from "../../../../app/collab/delete-ranges";

/**
 * Two parties' editors on one document, as the hub sees them: each update is
 * relayed to the other, the client that made it is bound to its person, and
 * what it deleted is stored with that person.
 */
function twoParties() {
  const server = new Y.Doc();
  const owners = new Map<number, string>();
  const deleters = new DeleterIndex<string>();
  const editor = (clientID: number, person: string) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    owners.set(clientID, person);
    doc.on("update", (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      const ranges = encodeDeleteRanges(tr.deleteSet as unknown as DeleteSetLike);
      if (ranges) deleters.add(decodeDeleteRanges(ranges), person);
      Y.applyUpdate(server, update);
    });
    return doc;
  };
  const vn = editor(101, "vn-secretariat");
  const cn = editor(202, "cn-secretariat");
  const sync = () => {
    Y.applyUpdate(vn, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(cn, Y.encodeStateAsUpdate(server));
  };
  const authors = {
    insertedBy: (client: number) => owners.get(client),
    deletedBy: (client: number, clock: number) => deleters.find(client, clock),
  };
  const state = () => Y.encodeStateAsUpdate(server);
  return { server, vn, cn, sync, authors, state };
}

const text = (doc: Y.Doc, id: string, key = "title") => agendaOf(doc).get(id)!.get(key) as Y.Text;
const field = (entry: EntryChange<string> | undefined, key: string) => entry?.fields.find((f) => f.key === key);

describe("attributedDiff", () => {
  it("names who inserted and who deleted each run of a title", () => {
    const p = twoParties();
    const id = addAgendaItem(p.vn, { title: "Joint operation against drug trafficking" });
    p.sync();
    const before = p.state();
    // The other side deletes "drug " and adds "wildlife ".
    const title = text(p.cn, id);
    const at = title.toString().indexOf("drug ");
    p.cn.transact(() => {
      title.delete(at, "drug ".length);
      title.insert(at, "wildlife ");
    });
    p.sync();
    text(p.vn, id).insert(title.toString().length, " (Mekong Dragon)");
    const changes = attributedDiff(before, p.state(), { base: "en", authors: p.authors });
    const entry = changes.find((c) => c.id === id);
    expect(entry?.change).toBe("changed");
    expect(entry?.by).toEqual(["cn-secretariat", "vn-secretariat"]);
    expect(field(entry, "title")).toMatchObject({ field: "title", language: "en" });
    expect(field(entry, "title")?.parts).toEqual([
      { type: "equal", text: "Joint operation against " },
      { type: "delete", text: "drug ", by: "cn-secretariat" },
      { type: "insert", text: "wildlife ", by: "cn-secretariat" },
      { type: "equal", text: "trafficking" },
      { type: "insert", text: " (Mekong Dragon)", by: "vn-secretariat" },
    ]);
  });

  it("walks every language's text of an entry and labels it", () => {
    const p = twoParties();
    const id = addAgendaItem(p.vn, { title: "Khai mạc" });
    p.sync();
    const before = p.state();
    agendaOf(p.cn).get(id)!.set("title@zh", new Y.Text("开幕"));
    p.sync();
    const entry = attributedDiff(before, p.state(), { base: "vi", authors: p.authors }).find((c) => c.id === id);
    expect(entry?.change).toBe("changed");
    expect(field(entry, "title@zh")).toEqual({ key: "title@zh", field: "title", language: "zh", parts: [{ type: "insert", text: "开幕", by: "cn-secretariat" }] });
    expect(field(entry, "title")?.parts).toEqual([{ type: "equal", text: "Khai mạc" }]);
  });

  it("keeps the text of a removed item and names who removed it", () => {
    const p = twoParties();
    const keep = addAgendaItem(p.vn, { title: "Opening" });
    const drop = addAgendaItem(p.vn, { title: "Cigarette smuggling", notes: "Figures from both sides" });
    p.sync();
    const before = p.state();
    agendaOf(p.cn).delete(drop);
    p.sync();
    const changes = attributedDiff(before, p.state(), { base: "en", authors: p.authors });
    const removed = changes.find((c) => c.id === drop);
    expect(removed).toMatchObject({ change: "removed", number: 2, by: ["cn-secretariat"] });
    expect(field(removed, "title")?.parts).toEqual([{ type: "delete", text: "Cigarette smuggling", by: "cn-secretariat" }]);
    expect(field(removed, "notes")?.parts).toEqual([{ type: "delete", text: "Figures from both sides", by: "cn-secretariat" }]);
    expect(changes.find((c) => c.id === keep)?.change).toBe("unchanged");
  });

  it("attributes an added draft action and each owner ticked or unticked", () => {
    const p = twoParties();
    const action = addDraftAction(p.vn, { text: "Exchange information monthly", owners: ["VNC"] });
    p.sync();
    const before = p.state();
    setActionOwner(p.cn, action, "GACC", true);
    p.sync();
    const added = addDraftAction(p.cn, { text: "Report each stage to the WCO", owners: ["GACC"] });
    p.sync();
    const changes = attributedDiff(before, p.state(), { base: "en", authors: p.authors });
    expect(field(changes.find((c) => c.id === action), "owners")?.parts).toEqual([
      { type: "insert", text: "GACC", by: "cn-secretariat" },
      { type: "equal", text: ", VNC" },
    ]);
    const entry = changes.find((c) => c.id === added);
    expect(entry).toMatchObject({ list: "action", change: "added", number: 2, by: ["cn-secretariat"] });
    expect(field(entry, "text")?.parts).toEqual([{ type: "insert", text: "Report each stage to the WCO", by: "cn-secretariat" }]);
    expect(actionsOf(p.server).size).toBe(2);
  });

  it("reads rich-text notes paragraph by paragraph", () => {
    const p = twoParties();
    const id = addAgendaItem(p.vn, { title: "Review", notes: "First paragraph\nSecond paragraph" });
    p.sync();
    const before = p.state();
    const notes = agendaOf(p.cn).get(id)!.get("notes") as Y.XmlFragment;
    (notes.get(1) as Y.XmlElement).delete(0, 1);
    p.sync();
    const entry = attributedDiff(before, p.state(), { base: "en", authors: p.authors }).find((c) => c.id === id);
    expect(field(entry, "notes")?.parts).toEqual([
      { type: "equal", text: "First paragraph\n" },
      { type: "delete", text: "Second paragraph\n", by: "cn-secretariat" },
    ].map((p, i, all) => (i === all.length - 1 ? { ...p, text: p.text.replace(/\n$/, "") } : p)));
  });

  it("compares a later state with an earlier one (the other way round) without losing deleted text", () => {
    const p = twoParties();
    const id = addAgendaItem(p.vn, { title: "Maritime smuggling" });
    p.sync();
    const older = p.state();
    text(p.cn, id).delete(0, "Maritime ".length);
    p.sync();
    const entry = attributedDiff(p.state(), older, { base: "en", authors: p.authors }).find((c) => c.id === id);
    expect(field(entry, "title")?.parts).toEqual([
      { type: "insert", text: "Maritime ", by: "vn-secretariat" },
      { type: "equal", text: "smuggling" },
    ]);
  });
});

describe("delete ranges", () => {
  it("round-trip and find the first person who deleted an item", () => {
    const bytes = encodeDeleteRanges({ clients: new Map([[7, [{ clock: 3, len: 4 }]], [9, []]]) });
    expect(decodeDeleteRanges(bytes!)).toEqual([{ client: 7, clock: 3, len: 4 }]);
    expect(encodeDeleteRanges({ clients: new Map() })).toBeNull();
    const index = new DeleterIndex<string>();
    index.add([{ client: 7, clock: 3, len: 4 }], "first");
    index.add([{ client: 7, clock: 5, len: 10 }], "second");
    expect([2, 3, 6, 7, 14, 15].map((clock) => index.find(7, clock))).toEqual([undefined, "first", "first", "second", "second", undefined]);
  });
});
