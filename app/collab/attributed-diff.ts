import * as Y from "yjs";
import { readActions, readAgenda } from "./conference-doc";
import { parseTextKey } from "./parallel-texts";
import { diffWords } from "./word-diff";

// What changed between two states of one conference document, item by item
// and text by text, with who made each change. Both states come from the
// same document's history, so the change is read from the Yjs items
// themselves rather than guessed from the texts: an insertion is an item
// visible in the later state only, made by its client (bound to a person,
// decision 0028); a deletion is an item visible in the earlier state only,
// deleted by whoever the stored deletions name. Every text key an entry has
// is walked ("title", "title@zh", …), so parallel texts come with their language.

export interface AttributedPart<A> {
  type: "equal" | "insert" | "delete";
  text: string;
  /** Who inserted or deleted it, when known. */
  by?: A;
}

export interface FieldChange<A> {
  /** The key in the document: "title", "notes@zh", "owners", "due". */
  key: string;
  field: string;
  /** The text's language; null for fields that have none (owners, due). */
  language: string | null;
  parts: AttributedPart<A>[];
}

export interface EntryChange<A> {
  list: "agenda" | "action";
  id: string;
  change: "added" | "removed" | "changed" | "unchanged";
  /** Its number in the later state (the earlier one when removed). */
  number: number;
  /** Everyone who changed it (first to change it first). */
  by: A[];
  fields: FieldChange<A>[];
}

export interface Authors<A> {
  /** Who made the items of a Yjs client. */
  insertedBy(client: number): A | undefined;
  /** Who deleted the item (client, clock). */
  deletedBy(client: number, clock: number): A | undefined;
}

type YSnapshot = ReturnType<typeof Y.snapshot>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type YType = Y.AbstractType<any>;

const LISTS = [
  { list: "agenda", root: "agenda", read: readAgenda },
  { list: "action", root: "actions", read: readActions },
] as const;

/** Plain fields shown in a redline beside the texts, by list. */
const PLAIN_FIELDS: Record<"agenda" | "action", string[]> = { agenda: [], action: ["owners", "due"] };

const BLOCKS = new Set(["paragraph", "heading", "listItem", "codeBlock", "blockquote"]);
const MAX_DEPTH = 64;

function visible(item: Y.Item, snap: YSnapshot): boolean {
  return (snap.sv.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(snap.ds, item.id);
}

/** The item holding a map key's value in a state, if the key had a value then. */
function entryAt(map: YType, key: string, snap: YSnapshot): Y.Item | null {
  let item: Y.Item | null = map._map.get(key) ?? null;
  while (item !== null && (snap.sv.get(item.id.client) ?? 0) <= item.id.clock) item = item.left;
  return item !== null && visible(item, snap) ? item : null;
}

function typeOf(item: Y.Item | null): YType | null {
  return item && item.content instanceof Y.ContentType ? item.content.type : null;
}

/** A map's keys that ever held something. */
function keysOf(map: YType): string[] {
  return [...map._map.keys()];
}

/** Plain readable value of a map entry: text, flags joined, or the value itself. */
function plainValue(item: Y.Item | null): string {
  if (!item) return "";
  if (typeOf(item)) return "";
  const content = item.content.getContent();
  const value = content[content.length - 1];
  return value === null || value === undefined ? "" : String(value);
}

class PartsBuilder<A> {
  readonly parts: AttributedPart<A>[] = [];
  push(type: AttributedPart<A>["type"], text: string, by?: A) {
    if (!text) return;
    const last = this.parts[this.parts.length - 1];
    if (last && last.type === type && last.by === by) last.text += text;
    else this.parts.push(by === undefined ? { type, text } : { type, text, by });
  }
}

export interface DiffOptions<A> {
  /** The document's base language: unsuffixed text keys are in it. */
  base: string;
  authors: Authors<A>;
}

/**
 * A Yjs document holding both states, without garbage collection: what the
 * earlier state held and the later one deleted keeps its text. The older
 * state is applied first, so every item visible in either carries its content.
 */
function mergedDoc(from: Uint8Array, to: Uint8Array, snapFrom: YSnapshot, snapTo: YSnapshot): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  for (const update of progress(snapTo) < progress(snapFrom) ? [to, from] : [from, to]) Y.applyUpdate(doc, update);
  return doc;
}

/** How far a state has come: items made and items deleted (a deletion leaves the state vector as it was). */
function progress(snap: YSnapshot): number {
  let n = 0;
  for (const clock of snap.sv.values()) n += clock;
  for (const ranges of snap.ds.clients.values()) for (const range of ranges) n += range.len;
  return n;
}

export function attributedDiff<A>(from: Uint8Array, to: Uint8Array, options: DiffOptions<A>): EntryChange<A>[] {
  const earlierDoc = new Y.Doc();
  const laterDoc = new Y.Doc();
  Y.applyUpdate(earlierDoc, from);
  Y.applyUpdate(laterDoc, to);
  const snapFrom = Y.snapshot(earlierDoc);
  const snapTo = Y.snapshot(laterDoc);
  const merged = mergedDoc(from, to, snapFrom, snapTo);
  const { authors, base } = options;

  const deletedRun = (out: PartsBuilder<A>, item: Y.Item, text: string) => {
    // One item may hold text two people deleted in separate ranges.
    let start = 0;
    let who = authors.deletedBy(item.id.client, item.id.clock);
    for (let i = 1; i < text.length; i++) {
      const next = authors.deletedBy(item.id.client, item.id.clock + i);
      if (next !== who) {
        out.push("delete", text.slice(start, i), who);
        start = i;
        who = next;
      }
    }
    out.push("delete", text.slice(start), who);
  };

  const run = (out: PartsBuilder<A>, item: Y.Item, text: string) => {
    const inFrom = visible(item, snapFrom);
    const inTo = visible(item, snapTo);
    if (inFrom && inTo) out.push("equal", text);
    else if (inTo) out.push("insert", text, authors.insertedBy(item.id.client));
    else if (inFrom) deletedRun(out, item, text);
  };

  const walkText = (out: PartsBuilder<A>, type: YType) => {
    for (let item = type._start; item !== null; item = item.right) {
      if (item.content instanceof Y.ContentString) run(out, item, item.content.str);
    }
  };

  const walkFragment = (out: PartsBuilder<A>, fragment: YType, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (let item = fragment._start; item !== null; item = item.right) {
      const child = typeOf(item);
      if (child instanceof Y.XmlText) walkText(out, child);
      else if (child instanceof Y.XmlElement) {
        walkFragment(out, child, depth + 1);
        if (BLOCKS.has(child.nodeName)) run(out, item, "\n");
      }
    }
  };

  /** The parts of one type visible in either state, read from its items. */
  const typeParts = (type: YType): AttributedPart<A>[] => {
    const out = new PartsBuilder<A>();
    if (type instanceof Y.XmlFragment) walkFragment(out, type, 0);
    else walkText(out, type);
    return trimNewlines(out.parts);
  };

  /** Owners: each party code an entry or a removal of its own. */
  const flagParts = (before: Y.Item | null, after: Y.Item | null): AttributedPart<A>[] => {
    const out = new PartsBuilder<A>();
    const a = typeOf(before);
    const b = typeOf(after);
    const codes = new Set([...(a ? keysOf(a) : []), ...(b ? keysOf(b) : [])]);
    for (const code of [...codes].sort()) {
      const had = a ? entryAt(a, code, snapFrom) : null;
      const has = b ? entryAt(b, code, snapTo) : null;
      const wasOn = had !== null && had.content.getContent()[0] === true;
      const isOn = has !== null && has.content.getContent()[0] === true;
      const sep = out.parts.length > 0 ? ", " : "";
      if (wasOn && isOn) out.push("equal", sep + code);
      else if (isOn) out.push("insert", sep + code, authors.insertedBy(has!.id.client));
      else if (wasOn) out.push("delete", sep + code, authors.deletedBy(had!.id.client, had!.id.clock));
    }
    return out.parts;
  };

  /** Two unrelated values (a plain field, or a text that was replaced whole): a word diff, attributed whole. */
  const valueParts = (before: Y.Item | null, after: Y.Item | null, field: string): AttributedPart<A>[] => {
    const a = field === "owners" ? flagsText(typeOf(before), snapFrom) : plainValue(before);
    const b = field === "owners" ? flagsText(typeOf(after), snapTo) : plainValue(after);
    const insertBy = after ? authors.insertedBy(after.id.client) : undefined;
    const deleteBy = before ? (after ? authors.insertedBy(after.id.client) : authors.deletedBy(before.id.client, before.id.clock)) : undefined;
    return diffWords(a, b).map((part): AttributedPart<A> => {
      const by = part.type === "insert" ? insertBy : part.type === "delete" ? deleteBy : undefined;
      return by === undefined ? part : { ...part, by };
    });
  };

  /** A text replaced by another (an entry restored after it was deleted): compared as texts, attributed whole. */
  const replacedText = (had: Y.Item, has: Y.Item): AttributedPart<A>[] => {
    const textIn = (item: Y.Item, skip: "insert" | "delete") =>
      typeOf(item) ? typeParts(typeOf(item)!).filter((p) => p.type !== skip).map((p) => p.text).join("") : "";
    const insertBy = authors.insertedBy(has.id.client);
    return diffWords(textIn(had, "insert"), textIn(has, "delete")).map((part) =>
      part.type === "equal" || insertBy === undefined ? part : { ...part, by: insertBy },
    );
  };

  const fieldsOf = (list: "agenda" | "action", before: YType | null, after: YType | null, entryDeleter: A | undefined): FieldChange<A>[] => {
    const keys = new Set([...(before ? keysOf(before) : []), ...(after ? keysOf(after) : [])]);
    const textFields: FieldChange<A>[] = [];
    const plainFields: FieldChange<A>[] = [];
    for (const key of keys) {
      const plainIndex = PLAIN_FIELDS[list].indexOf(key);
      const had = before ? entryAt(before, key, snapFrom) : null;
      const has = after ? entryAt(after, key, snapTo) : null;
      if (!had && !has) continue;
      const holdsText = [typeOf(had), typeOf(has)].some((t) => t instanceof Y.Text || t instanceof Y.XmlFragment);
      if (holdsText) {
        const parsed = parseTextKey(key, base);
        if (!parsed) continue;
        let parts: AttributedPart<A>[];
        if (had && had === has) parts = typeParts(typeOf(had)!);
        else if (!has) parts = retag(typeParts(typeOf(had)!), "delete", entryDeleter ?? authors.deletedBy(had!.id.client, had!.id.clock));
        else if (!had) parts = typeParts(typeOf(has)!);
        else parts = replacedText(had, has);
        if (parts.length > 0) textFields.push({ key, field: parsed.field, language: parsed.language, parts });
      } else if (plainIndex >= 0) {
        const parts = key === "owners" && had === has && had ? flagParts(had, has) : valueParts(had, has, key);
        if (parts.length > 0) plainFields.push({ key, field: key, language: null, parts });
      }
    }
    textFields.sort((x, y) => fieldRank(x.field) - fieldRank(y.field) || languageRank(x.language, base) - languageRank(y.language, base) || x.key.localeCompare(y.key));
    plainFields.sort((x, y) => PLAIN_FIELDS[list].indexOf(x.key) - PLAIN_FIELDS[list].indexOf(y.key));
    return [...textFields, ...plainFields];
  };

  const out: EntryChange<A>[] = [];
  try {
    for (const { list, root, read } of LISTS) {
      const map = merged.getMap(root);
      const numberTo = new Map(read(laterDoc).map((entry, index) => [entry.id, index + 1]));
      const numberFrom = new Map(read(earlierDoc).map((entry, index) => [entry.id, index + 1]));
      const entries: EntryChange<A>[] = [];
      for (const id of keysOf(map)) {
        const had = entryAt(map, id, snapFrom);
        const has = entryAt(map, id, snapTo);
        const before = typeOf(had);
        const after = typeOf(has);
        if (!(before instanceof Y.Map) && !(after instanceof Y.Map)) continue;
        const deleter = had && !has ? authors.deletedBy(had.id.client, had.id.clock) : undefined;
        const fields = fieldsOf(list, before instanceof Y.Map ? before : null, after instanceof Y.Map ? after : null, deleter);
        const changed = fields.some((f) => f.parts.some((p) => p.type !== "equal"));
        const change = !had ? "added" : !has ? "removed" : changed ? "changed" : "unchanged";
        const by: A[] = [];
        const note = (who: A | undefined) => {
          if (who !== undefined && !by.includes(who)) by.push(who);
        };
        if (change === "added") note(authors.insertedBy(has!.id.client));
        if (change === "removed") note(deleter);
        for (const f of fields) for (const p of f.parts) if (p.type !== "equal") note(p.by);
        const number = (has ? numberTo.get(id) : numberFrom.get(id)) ?? 0;
        if (number === 0) continue;
        entries.push({ list, id, change, number, by, fields });
      }
      entries.sort((x, y) => Number(x.change === "removed") - Number(y.change === "removed") || x.number - y.number);
      out.push(...entries);
    }
  } finally {
    merged.destroy();
    earlierDoc.destroy();
    laterDoc.destroy();
  }
  return out;
}

function flagsText(type: YType | null, snap: YSnapshot): string {
  if (!type) return "";
  return keysOf(type)
    .filter((code) => {
      const item = entryAt(type, code, snap);
      return item !== null && item.content.getContent()[0] === true;
    })
    .sort()
    .join(", ");
}

function retag<A>(parts: AttributedPart<A>[], type: "delete", by: A | undefined): AttributedPart<A>[] {
  const text = parts.filter((p) => p.type !== "insert").map((p) => p.text).join("");
  return text ? [by === undefined ? { type, text } : { type, text, by }] : [];
}

/** A fragment's last paragraph ends with a line break no one typed: drop it. */
function trimNewlines<A>(parts: AttributedPart<A>[]): AttributedPart<A>[] {
  const out = parts.map((p) => ({ ...p }));
  while (out.length > 0) {
    const last = out[out.length - 1];
    const trimmed = last.text.replace(/\n+$/, "");
    if (trimmed === last.text) break;
    if (trimmed === "") out.pop();
    else {
      last.text = trimmed;
      break;
    }
  }
  return out;
}

const FIELD_ORDER = ["title", "text", "notes", "outcome"];
function fieldRank(field: string): number {
  const index = FIELD_ORDER.indexOf(field);
  return index < 0 ? FIELD_ORDER.length : index;
}
function languageRank(language: string | null, base: string): number {
  return language === base ? 0 : 1;
}
