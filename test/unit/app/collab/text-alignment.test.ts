import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ALIGNMENT_ORIGIN, confirmStillCorrect, trackAlignment } from "../../../../app/collab/alignment-tracker";
import { addAgendaItem, addDraftAction, agendaOf, actionsOf, readActions, readAgenda } from "../../../../app/collab/conference-doc";
import { DOCUMENT_LIMITS } from "../../../../app/collab/conference-schema";
import { alignAfterEdit, alignField, confirmInLine, remember, rememberChanged, type AlignmentEntries } from "../../../../app/collab/text-alignment";

const LANGS = ["vi", "zh", "en"];

/** Applies writes to entries, as the document would. */
function apply(entries: AlignmentEntries, writes: [string, unknown][]): AlignmentEntries {
  return { ...entries, ...Object.fromEntries(writes) };
}

describe("the stale rule", () => {
  type Row = {
    name: string;
    texts: Record<string, string>;
    entries: AlignmentEntries;
    want: Record<string, string> | null;
    source?: string;
  };
  const inLine = { "title@zh": remember("vi", "Hợp tác hải quan"), "title@en": remember("vi", "Hợp tác hải quan") };
  // As documents stored before in-line texts kept only a digest have them: the source's text itself.
  const inLineWithText = { "title@zh": { with: "vi", text: "Hợp tác hải quan" }, "title@en": { with: "vi", text: "Hợp tác hải quan" } };
  const rows: Row[] = [
    { name: "empty everywhere: nothing to say", texts: { vi: "", zh: "", en: " " }, entries: {}, want: null },
    { name: "only the base: the others are missing", texts: { vi: "Hợp tác hải quan", zh: "", en: "" }, entries: {}, want: { vi: "source", zh: "missing", en: "missing" } },
    {
      name: "confirmed against the source as it is: current",
      texts: { vi: "Hợp tác hải quan", zh: "海关合作", en: "Customs cooperation" },
      entries: inLine,
      want: { vi: "source", zh: "current", en: "current" },
    },
    {
      name: "spaces added to the source change nothing",
      texts: { vi: "  Hợp tác   hải quan ", zh: "海关合作", en: "Customs cooperation" },
      entries: inLine,
      want: { vi: "source", zh: "current", en: "current" },
    },
    {
      name: "the source changed since: stale",
      texts: { vi: "Hợp tác hải quan biên giới", zh: "海关合作", en: "Customs cooperation" },
      entries: inLine,
      want: { vi: "source", zh: "stale", en: "stale" },
    },
    {
      name: "confirmed when the source's text was kept while in line: current",
      texts: { vi: "Hợp tác  hải quan", zh: "海关合作", en: "Customs cooperation" },
      entries: inLineWithText,
      want: { vi: "source", zh: "current", en: "current" },
    },
    {
      name: "confirmed when the source's text was kept while in line, the source changed since: stale",
      texts: { vi: "Hợp tác hải quan biên giới", zh: "海关合作", en: "Customs cooperation" },
      entries: inLineWithText,
      want: { vi: "source", zh: "stale", en: "stale" },
    },
    {
      name: "confirmed against another language than the source: stale",
      texts: { vi: "Hợp tác hải quan", zh: "海关合作", en: "Customs cooperation" },
      entries: { "title@zh": remember("en", "Hợp tác hải quan"), "title@en": remember("vi", "Hợp tác hải quan") },
      want: { vi: "source", zh: "stale", en: "current" },
    },
    {
      name: "written but never confirmed: stale",
      texts: { vi: "Hợp tác hải quan", zh: "海关合作", en: "" },
      entries: {},
      want: { vi: "source", zh: "stale", en: "missing" },
    },
    {
      name: "another language leads: the base follows it",
      texts: { vi: "Hợp tác hải quan", zh: "海关合作与交流", en: "" },
      entries: { title: "zh", "title@vi": remember("zh", "海关合作") },
      want: { vi: "stale", zh: "source", en: "missing" },
      source: "zh",
    },
    {
      name: "a source that was emptied hands over to the base",
      texts: { vi: "Hợp tác hải quan", zh: "", en: "" },
      entries: { title: "zh" },
      want: { vi: "source", zh: "missing", en: "missing" },
      source: "vi",
    },
    {
      name: "with an empty base, the first language with a text leads",
      texts: { vi: "", zh: "海关合作", en: "" },
      entries: {},
      want: { vi: "missing", zh: "source", en: "missing" },
      source: "zh",
    },
    {
      name: "an alignment of a hostile shape counts as never confirmed",
      texts: { vi: "Hợp tác hải quan", zh: "海关合作", en: "" },
      entries: { "title@zh": { with: "vi", text: "Hợp tác hải quan", extra: 1 } },
      want: { vi: "source", zh: "stale", en: "missing" },
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const aligned = alignField("title", row.texts, row.entries, LANGS, "vi");
      if (row.want === null) return expect(aligned).toBeNull();
      expect(Object.fromEntries(Object.entries(aligned!.states).map(([l, s]) => [l, s.state]))).toEqual(row.want);
      if (row.source) expect(aligned!.source).toBe(row.source);
    });
  }

  it("says what the source said when the stale text was last confirmed", () => {
    const wentStale = { "title@zh": rememberChanged("vi", "Hợp tác hải quan") };
    const aligned = alignField("title", { vi: "Hợp tác hải quan biên giới", zh: "海关合作", en: "" }, wentStale, LANGS, "vi");
    expect(aligned!.states.zh).toEqual({ state: "stale", since: "Hợp tác hải quan" });
    // Entries stored before in-line texts kept only a digest say it too.
    expect(alignField("title", { vi: "Hợp tác hải quan biên giới", zh: "海关合作", en: "" }, inLineWithText, LANGS, "vi")!.states.zh).toEqual({ state: "stale", since: "Hợp tác hải quan" });
  });

  it("a text in line keeps a short digest of its source, not the source's words", () => {
    const entry = remember("vi", "Hợp tác   hải quan ");
    expect(Object.keys(entry).sort()).toEqual(["digest", "with"]);
    expect(entry).toEqual(remember("vi", "Hợp tác hải quan"));
    expect(entry.digest).toMatch(/^[0-9a-f]{16}$/);
  });

  it("remembers a long source by its digest, and still tells when it changes", () => {
    const long = "từ ".repeat(DOCUMENT_LIMITS.alignedTextLength);
    const entry = rememberChanged("vi", long);
    expect(entry).toMatchObject({ with: "vi" });
    expect("text" in entry).toBe(false);
    const texts = { vi: long, zh: "长文", en: "" };
    expect(alignField("notes", texts, { "notes@zh": entry }, LANGS, "vi")!.states.zh.state).toBe("current");
    expect(alignField("notes", { ...texts, vi: `${long} thêm` }, { "notes@zh": entry }, LANGS, "vi")!.states.zh).toEqual({ state: "stale", since: null });
  });
});

describe("what an edit does to the alignment", () => {
  const base = { languages: LANGS, base: "vi" };
  it("a first text makes its language the source; writing a missing one confirms it", () => {
    let entries: AlignmentEntries = {};
    entries = apply(entries, alignAfterEdit({ ...base, field: "title", language: "zh", before: "", texts: { vi: "", zh: "海关", en: "" }, entries }));
    expect(entries).toEqual({ title: "zh" });
    entries = apply(entries, alignAfterEdit({ ...base, field: "title", language: "vi", before: "", texts: { vi: "Hải quan", zh: "海关", en: "" }, entries }));
    expect(alignField("title", { vi: "Hải quan", zh: "海关", en: "" }, entries, LANGS, "vi")!.states).toMatchObject({ zh: { state: "source" }, vi: { state: "current" } });
  });

  it("a first text in the base language writes nothing: the base is the source wherever no entry names another", () => {
    const texts = { vi: "Hải quan", zh: "", en: "" };
    expect(alignAfterEdit({ ...base, field: "title", language: "vi", before: "", texts, entries: {} })).toEqual([]);
    expect(alignField("title", texts, {}, LANGS, "vi")).toEqual({ source: "vi", states: { vi: { state: "source" }, zh: { state: "missing" }, en: { state: "missing" } } });
    // An entry naming another language (whose text has gone) is replaced, so the base leads from now on.
    expect(alignAfterEdit({ ...base, field: "title", language: "vi", before: "", texts, entries: { title: "zh" } })).toEqual([["title", "vi"]]);
    // Brought in line with the base by its first text, a translation follows it as before.
    const entries = apply({}, alignAfterEdit({ ...base, field: "title", language: "zh", before: "", texts: { ...texts, zh: "海关" }, entries: {} }));
    expect(entries).toEqual({ "title@zh": remember("vi", "Hải quan") });
    expect(alignField("title", { ...texts, zh: "海关" }, entries, LANGS, "vi")!.states.zh.state).toBe("current");
  });

  it("editing the source leaves the others stale; editing a stale one brings it in line without touching the source", () => {
    let texts = { vi: "Trao đổi thông tin", zh: "交流信息", en: "Exchange information" };
    let entries: AlignmentEntries = { "title@zh": remember("vi", texts.vi), "title@en": remember("vi", texts.vi) };
    const before = texts.vi;
    texts = { ...texts, vi: "Trao đổi thông tin tình báo" };
    const writes = alignAfterEdit({ ...base, field: "title", language: "vi", before, texts, entries });
    // The texts that were in line keep the source's words from before, so the change can be shown.
    expect(writes).toEqual([
      ["title@zh", { with: "vi", text: "Trao đổi thông tin" }],
      ["title@en", { with: "vi", text: "Trao đổi thông tin" }],
    ]);
    entries = apply(entries, writes);
    // Further typing in the source writes nothing more: they are stale already, and remember what they followed.
    expect(alignAfterEdit({ ...base, field: "title", language: "vi", before: texts.vi, texts: { ...texts, vi: `${texts.vi} biên giới` }, entries })).toEqual([]);
    expect(alignField("title", texts, entries, LANGS, "vi")!.states.zh).toEqual({ state: "stale", since: "Trao đổi thông tin" });
    texts = { ...texts, zh: "交流情报信息" };
    entries = apply(entries, alignAfterEdit({ ...base, field: "title", language: "zh", before: "交流信息", texts, entries }));
    const now = alignField("title", texts, entries, LANGS, "vi")!;
    expect(now.source).toBe("vi");
    expect(now.states).toMatchObject({ zh: { state: "current" }, en: { state: "stale" } });
  });

  it("editing a text that was in line makes it the source, and the others show its change", () => {
    let texts = { vi: "Trao đổi thông tin", zh: "交流信息", en: "Exchange information" };
    let entries: AlignmentEntries = { "title@zh": remember("vi", texts.vi), "title@en": remember("vi", texts.vi) };
    texts = { ...texts, zh: "每月交流信息" };
    entries = apply(entries, alignAfterEdit({ ...base, field: "title", language: "zh", before: "交流信息", texts, entries }));
    const now = alignField("title", texts, entries, LANGS, "vi")!;
    expect(now.source).toBe("zh");
    expect(now.states.vi).toEqual({ state: "stale", since: "交流信息" });
    expect(now.states.en).toEqual({ state: "stale", since: "交流信息" });
    // Further typing in the new source writes nothing more.
    expect(alignAfterEdit({ ...base, field: "title", language: "zh", before: texts.zh, texts: { ...texts, zh: "每月定期交流信息" }, entries })).toEqual([]);
  });

  it("still correct confirms against the source as it is now, and is a no-op when nothing is stale", () => {
    const texts = { vi: "Trao đổi thông tin tình báo", zh: "交流信息", en: "" };
    let entries: AlignmentEntries = { "title@zh": remember("vi", "Trao đổi thông tin") };
    entries = apply(entries, confirmInLine("title", "zh", texts, entries, LANGS, "vi"));
    expect(alignField("title", texts, entries, LANGS, "vi")!.states.zh.state).toBe("current");
    expect(confirmInLine("title", "zh", texts, entries, LANGS, "vi")).toEqual([]);
    expect(confirmInLine("title", "vi", texts, entries, LANGS, "vi")).toEqual([]);
    expect(confirmInLine("title", "en", texts, entries, LANGS, "vi")).toEqual([]);
  });
});

describe("alignment kept as people type, in the document", () => {
  const languages = { base: "vi", working: LANGS };

  /** Two screens of one document, in step through their updates. */
  function twoScreens() {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on("update", (u: Uint8Array, origin: unknown) => origin !== "b" && Y.applyUpdate(b, u, "a"));
    b.on("update", (u: Uint8Array, origin: unknown) => origin !== "a" && Y.applyUpdate(a, u, "b"));
    const stops = [trackAlignment(a, languages), trackAlignment(b, languages)];
    return { a, b, stop: () => stops.forEach((s) => s()) };
  }
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const text = (doc: Y.Doc, key: string) => [...agendaOf(doc).values()][0].get(key) as Y.Text;

  it("one writes the source, the other its translation; a change of the source shows on the other screen as stale with what changed", async () => {
    const { a, b, stop } = twoScreens();
    addAgendaItem(a, { kind: "thematic" }, undefined, languages);
    text(a, "title").insert(0, "Hợp tác chống buôn lậu");
    await flush();
    text(b, "title@zh").insert(0, "反走私合作");
    await flush();
    expect(readAgenda(b, languages)[0].alignment!.title.states).toMatchObject({ vi: { state: "source" }, zh: { state: "current" }, en: { state: "missing" } });

    text(a, "title").insert(text(a, "title").length, " ma túy");
    await flush();
    const seen = readAgenda(b, languages)[0].alignment!.title.states.zh;
    expect(seen).toEqual({ state: "stale", since: "Hợp tác chống buôn lậu" });

    const item = [...agendaOf(b).values()][0];
    confirmStillCorrect(b, item, "title", "zh", languages);
    expect(readAgenda(a, languages)[0].alignment!.title.states.zh.state).toBe("current");
    stop();
  });

  it("a translation typed character by character stays a translation; a later change of it leads", async () => {
    let clock = 0;
    const doc = new Y.Doc();
    const stop = trackAlignment(doc, languages, () => clock);
    addAgendaItem(doc, { kind: "thematic", title: "Trao đổi thông tin" }, undefined, languages);
    const zh = text(doc, "title@zh");
    for (const char of "交流信息") {
      zh.insert(zh.length, char);
      await flush();
      clock += 5_000;
    }
    const states = () => readAgenda(doc, languages)[0].alignment!.title.states;
    expect(states()).toMatchObject({ vi: { state: "source" }, zh: { state: "current" } });
    // A pause longer than a run of writing: the next change of the Chinese is a change the others must follow.
    clock += 120_000;
    zh.insert(0, "每月");
    await flush();
    expect(states()).toMatchObject({ vi: { state: "stale", since: "交流信息" }, zh: { state: "source" } });
    // The Vietnamese brought in line, then another field, then back: the Vietnamese leads again.
    const vi = text(doc, "title");
    vi.insert(0, "Hằng tháng ");
    await flush();
    expect(states()).toMatchObject({ vi: { state: "current" }, zh: { state: "source" } });
    text(doc, "title@en").insert(0, "Monthly exchange of information");
    await flush();
    vi.insert(vi.length, " tình báo");
    await flush();
    expect(states()).toMatchObject({ vi: { state: "source" }, zh: { state: "stale" }, en: { state: "stale" } });
    stop();
  });

  it("an action text in two languages, and nothing written for a remote edit or the alignment's own writes", async () => {
    const { a, b, stop } = twoScreens();
    addDraftAction(a, { owners: ["VNC"] }, languages);
    const item = [...actionsOf(a).values()][0];
    (item.get("text") as Y.Text).insert(0, "Trao đổi danh sách");
    await flush();
    const writes: unknown[] = [];
    b.on("afterTransaction", (tr: Y.Transaction) => {
      if (tr.local && tr.origin === ALIGNMENT_ORIGIN) writes.push(tr);
    });
    ([...actionsOf(b).values()][0].get("text@en") as Y.Text).insert(0, "Exchange lists");
    await flush();
    expect(writes).toHaveLength(1);
    expect(readActions(a, languages)[0].texts).toEqual({ vi: { text: "Trao đổi danh sách" }, zh: { text: "" }, en: { text: "Exchange lists" } });
    expect(readActions(a, languages)[0].alignment!.text.states.en.state).toBe("current");
    stop();
  });
});
