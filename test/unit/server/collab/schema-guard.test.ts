import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addAgendaItem, addDraftAction, agendaOf } from "../../../../app/collab/conference-doc";
import { conferenceSchema, DOCUMENT_LIMITS } from "../../../../app/collab/conference-schema";
import { SchemaGuard } from "../../../../server/collab/schema-guard";

/** The server's copy and a client's copy of one document, in step. */
function pair() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  return { server, client, guard: new SchemaGuard(conferenceSchema) };
}

/** Applies a client change through the guard, as the hub would; returns the verdict. */
function send(p: ReturnType<typeof pair>, change: (doc: Y.Doc) => void) {
  const before = Y.encodeStateVector(p.client);
  change(p.client);
  const update = Y.encodeStateAsUpdate(p.client, before);
  const verdict = p.guard.check(p.server, Y.decodeUpdate(update));
  if (verdict.ok) Y.applyUpdate(p.server, update);
  else Y.applyUpdate(p.client, Y.encodeStateAsUpdate(p.server)); // (tests only look at verdicts)
  return verdict;
}

function notes(doc: Y.Doc): Y.XmlFragment {
  return [...agendaOf(doc).values()][0].get("notes") as Y.XmlFragment;
}

describe("the conference document's schema, as the hub checks it", () => {
  it("takes what the app itself writes: items, actions, owners, rich text with marks, lists and links", () => {
    const p = pair();
    expect(send(p, (d) => addAgendaItem(d, { title: "Khai mạc", kind: "opening", leadParty: "VNC", startTime: "09:00", durationMinutes: 20, notes: "Phát biểu" })).ok).toBe(true);
    expect(send(p, (d) => addDraftAction(d, { text: "Exchange lists", owners: ["VNC", "GACC"], due: "2027-06-30" })).ok).toBe(true);
    const verdict = send(p, (d) => {
      const list = new Y.XmlElement("bulletList");
      const item = new Y.XmlElement("listItem");
      const para = new Y.XmlElement("paragraph");
      const run = new Y.XmlText();
      notes(d).insert(0, [list]);
      list.insert(0, [item]);
      item.insert(0, [para]);
      para.insert(0, [run]);
      run.insert(0, "加强信息交流", { bold: {} });
      run.insert(run.length, " see ", { italic: {} });
      run.insert(run.length, "WCO", { link: { href: "https://www.wcoomd.org", target: "_blank", rel: "noopener noreferrer nofollow", class: null } });
      const heading = new Y.XmlElement("heading");
      notes(d).insert(1, [heading]);
      heading.setAttribute("level", 3 as never);
    });
    expect(verdict).toEqual({ ok: true });
    // Editing and deleting what is there is always shape-safe.
    expect(send(p, (d) => (([...agendaOf(d).values()][0].get("title") as Y.Text).delete(0, 2))).ok).toBe(true);
    expect(send(p, (d) => agendaOf(d).delete([...agendaOf(d).keys()][0])).ok).toBe(true);
  });

  it("counts nesting across updates: twelve levels of lists, not thirteen", () => {
    const p = pair();
    send(p, (d) => addAgendaItem(d, { title: "Deep" }));
    let at: Y.XmlFragment | null = null;
    for (let level = 1; level <= DOCUMENT_LIMITS.richDepth; level++) {
      const verdict = send(p, (d) => {
        let parent: Y.XmlFragment = notes(d);
        while (parent.length > 0 && parent.get(0) instanceof Y.XmlElement) parent = parent.get(0) as Y.XmlElement;
        parent.insert(0, [new Y.XmlElement("blockquote")]);
        at = parent;
      });
      expect(verdict.ok, `level ${level}`).toBe(true);
    }
    expect(at).not.toBeNull();
    const deeper = send(p, (d) => {
      let parent: Y.XmlFragment = notes(d);
      while (parent.length > 0 && parent.get(0) instanceof Y.XmlElement) parent = parent.get(0) as Y.XmlElement;
      parent.insert(0, [new Y.XmlElement("blockquote")]);
    });
    expect(deeper).toMatchObject({ ok: false });
  });

  it("counts entries and characters over the whole document, not one update", () => {
    const p = pair();
    for (let i = 0; i < DOCUMENT_LIMITS.agendaItems; i++) {
      expect(send(p, (d) => addAgendaItem(d, { title: `Item ${i}` })).ok).toBe(true);
    }
    expect(send(p, (d) => addAgendaItem(d, { title: "One too many" }))).toMatchObject({ ok: false });

    const q = pair();
    send(q, (d) => addAgendaItem(d, { title: "" }));
    const title = () => [...agendaOf(q.client).values()][0].get("title") as Y.Text;
    expect(send(q, () => title().insert(0, "x".repeat(DOCUMENT_LIMITS.titleLength))).ok).toBe(true);
    expect(send(q, () => title().insert(0, "x".repeat(DOCUMENT_LIMITS.titleLength + 1)))).toMatchObject({ ok: false });
  });

  it("says an update that builds on edits it has not seen is unresolved, not wrong", () => {
    const p = pair();
    send(p, (d) => addAgendaItem(d, { title: "Base" }));
    const title = () => [...agendaOf(p.client).values()][0].get("title") as Y.Text;
    title().insert(4, " one"); // never sent
    const before = Y.encodeStateVector(p.client);
    title().insert(8, " two");
    const verdict = p.guard.check(p.server, Y.decodeUpdate(Y.encodeStateAsUpdate(p.client, before)));
    expect(verdict).toMatchObject({ ok: false, unresolved: true });
  });
});
