import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addAgendaItem, addDraftAction, agendaOf, writeAlignment } from "../../../../app/collab/conference-doc";
import { remember, rememberChanged } from "../../../../app/collab/text-alignment";
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

  it("takes a text per working language beside the base one, and alignments of the shape the workspace writes", () => {
    const p = pair();
    const languages = { base: "vi", working: ["vi", "zh", "en", "lo"] };
    expect(send(p, (d) => addAgendaItem(d, { title: "Hợp tác" }, undefined, languages)).ok).toBe(true);
    expect(send(p, (d) => addDraftAction(d, { text: "Trao đổi" }, languages)).ok).toBe(true);
    const item = (d: Y.Doc) => [...agendaOf(d).values()][0];
    expect(send(p, (d) => (item(d).get("title@zh") as Y.Text).insert(0, "合作")).ok).toBe(true);
    expect(send(p, (d) => (item(d).get("title@lo") as Y.Text).insert(0, "ການຮ່ວມມື")).ok).toBe(true);
    expect(send(p, (d) => writeAlignment(item(d), [["title", "zh"], ["title@vi", remember("zh", "合作")]])).ok).toBe(true);
    expect(send(p, (d) => writeAlignment(item(d), [["notes@en", remember("vi", "ghi chú ".repeat(5000))]])).ok).toBe(true);
    // A text gone stale keeps its source's words from before (a digest when long), as older documents keep them while in line.
    expect(send(p, (d) => writeAlignment(item(d), [["title@en", rememberChanged("vi", "Hợp tác")], ["notes@zh", rememberChanged("vi", "ghi chú ".repeat(5000))]])).ok).toBe(true);
    expect(send(p, (d) => writeAlignment(item(d), [["outcome@en", { with: "vi", text: "Kết quả" }]])).ok).toBe(true);
    expect(send(p, (d) => writeAlignment(item(d), [["outcome@zh", { with: "vi", digest: "0123456789abcdef" }]])).ok).toBe(true);
    // An alignment is rewritten as people type: a key written again is no new entry, in one update or many.
    for (let i = 0; i < 20; i++) expect(send(p, (d) => writeAlignment(item(d), [["title@zh", remember("vi", `Hợp tác ${i}`)], ["title@en", remember("vi", `${i}`)]])).ok).toBe(true);
    expect(send(p, (d) => d.transact(() => [1, 2, 3].forEach((i) => writeAlignment(item(d), [["outcome@zh", remember("vi", `${i}`)], ["outcome@vi", remember("zh", `${i}`)]])))).ok).toBe(true);
    // A language's text of a field is as long as the base's may be, no longer.
    expect(send(p, (d) => (item(d).get("title@zh") as Y.Text).insert(0, "字".repeat(DOCUMENT_LIMITS.titleLength * 2)))).toMatchObject({ ok: false });
  });

  it("refuses other keys and shapes for texts per language and their alignment", () => {
    const p = pair();
    send(p, (d) => addAgendaItem(d, { title: "Hợp tác" }));
    const item = (d: Y.Doc) => [...agendaOf(d).values()][0];
    const alignment = (d: Y.Doc) => {
      if (!(item(d).get("alignment") instanceof Y.Map)) item(d).set("alignment", new Y.Map());
      return item(d).get("alignment") as Y.Map<unknown>;
    };
    const hostile: Record<string, (d: Y.Doc) => void> = {
      "unknown language": (d) => item(d).set("title@fr", new Y.Text("x")),
      "language in capitals": (d) => item(d).set("title@ZH", new Y.Text("x")),
      "language of a field with none": (d) => item(d).set("kind@zh", "opening"),
      "rich text where plain belongs": (d) => item(d).set("title@zh", new Y.XmlFragment()),
      "plain text where rich belongs": (d) => item(d).set("outcome@zh", new Y.Text("x")),
      "source in an unknown language": (d) => alignment(d).set("title", "fr"),
      "source that is not text": (d) => alignment(d).set("title", 1),
      "alignment without its language": (d) => alignment(d).set("title@zh", { text: "x" }),
      "alignment with both text and digest": (d) => alignment(d).set("title@zh", { with: "vi", text: "x", digest: "ab" }),
      "alignment with a digest that is not hex": (d) => alignment(d).set("title@zh", { with: "vi", digest: "<script>" }),
      "alignment with a digest too short": (d) => alignment(d).set("title@zh", { with: "vi", digest: "0123456789abcde" }),
      "alignment with a digest too long": (d) => alignment(d).set("title@zh", { with: "vi", digest: "0123456789abcdef0" }),
      "alignment with a digest in capitals": (d) => alignment(d).set("title@zh", { with: "vi", digest: "0123456789ABCDEF" }),
      "alignment with a digest that is a number": (d) => alignment(d).set("title@zh", { with: "vi", digest: 1234567890123456 }),
      "alignment with a digest and no language": (d) => alignment(d).set("title@zh", { digest: "0123456789abcdef" }),
      "alignment remembering too much": (d) => alignment(d).set("title@zh", { with: "vi", text: "x".repeat(DOCUMENT_LIMITS.alignedTextLength + 1) }),
      "alignment of an action field on an agenda item": (d) => alignment(d).set("text@zh", { with: "vi", text: "x" }),
      "alignment under a key with a second @": (d) => alignment(d).set("title@zh@vi", { with: "vi", text: "x" }),
      "alignment map holding a type": (d) => alignment(d).set("title@zh", new Y.Text("x")),
    };
    for (const [name, change] of Object.entries(hostile)) expect(send(p, change), name).toMatchObject({ ok: false });
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
