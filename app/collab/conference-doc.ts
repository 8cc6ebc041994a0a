import * as Y from "yjs";
import { AGENDA_KINDS, isDue, isDuration, isPartyCode, isStartTime, type AgendaKind } from "./conference-schema";
import { compareKeys, keyBetween } from "./order-keys";
import { ACTION_TEXT_FIELDS, AGENDA_TEXT_FIELDS, textKey } from "./parallel-texts";
import { alignField, type AlignmentEntries, type AlignmentWrite, type FieldAlignment } from "./text-alignment";

// The shape of a `conference/<id>` document, shared by the browser, the hub's
// projection and server-side commands. Items live in maps keyed by id (not in
// arrays) so that reordering is a single field write that merges cleanly.
//
//   agenda:  Y.Map<id, Y.Map>  title: Y.Text, kind, leadParty, startTime,
//                              durationMinutes, position, notes/outcome: Y.XmlFragment
//   actions: Y.Map<id, Y.Map>  text: Y.Text, owners: Y.Map<code, true>, due, position

export { AGENDA_KINDS, type AgendaKind } from "./conference-schema";

export interface AgendaItemView {
  id: string;
  position: string;
  title: string;
  kind: AgendaKind;
  leadParty: string | null;
  startTime: string | null;
  durationMinutes: number | null;
  notesText: string;
  outcomeText: string;
  /**
   * Every working language's texts of the item (the base language's too),
   * when read for several languages; the fields above are the base language's.
   */
  texts?: Record<string, { title: string; notesText: string; outcomeText: string }>;
  /** Per field ("title", "notes", "outcome"), its source and each language's state, when read for several languages. */
  alignment?: Record<string, FieldAlignment>;
}

export interface DraftActionView {
  id: string;
  position: string;
  text: string;
  owners: string[];
  /** "YYYY-MM-DD", "next" (by the next conference) or null. */
  due: string | null;
  /** Every working language's text of the action (the base language's too), when read for several. */
  texts?: Record<string, { text: string }>;
  /** The action text's source and each language's state, when read for several languages. */
  alignment?: Record<string, FieldAlignment>;
}

/** The languages a reader fills `texts` with: the document's base language and the series' working languages. */
export interface DocLanguages {
  base: string;
  /** In the series' order; the base language is read even when it is not among them. */
  working: readonly string[];
}

/** The working languages with the base among them (first, if the series no longer names it). */
export function languagesOf(languages: DocLanguages): string[] {
  return languages.working.includes(languages.base) ? [...languages.working] : [languages.base, ...languages.working];
}

export function agendaOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap("agenda");
}

export function actionsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap("actions");
}

function newItemId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The entries of an agenda or action list in their order (anything but a map is skipped). */
export function sortedEntries(map: Y.Map<Y.Map<unknown>>) {
  // Anything but a map here was never allowed; documents stored before the hub enforced it may hold it.
  return [...map.entries()]
    .filter((entry): entry is [string, Y.Map<unknown>] => entry[1] instanceof Y.Map)
    .map(([id, item]) => ({ id, item, position: typeof item.get("position") === "string" ? (item.get("position") as string) : "" }))
    .sort(compareKeys);
}

function lastPosition(map: Y.Map<Y.Map<unknown>>): string | null {
  const entries = sortedEntries(map);
  return entries.length ? entries[entries.length - 1].position : null;
}

function isKind(value: unknown): value is AgendaKind {
  return typeof value === "string" && (AGENDA_KINDS as readonly string[]).includes(value);
}

const BLOCKS = new Set(["paragraph", "heading", "listItem", "codeBlock", "blockquote"]);
/** Deeper than the hub allows today (conference-schema.ts); documents stored before it was enforced stop here. */
const MAX_WALK_DEPTH = 64;

/**
 * Readable text of a rich-text fragment: paragraphs on their own lines. The
 * walk keeps its own stack, so no nesting, however deep, can overflow the
 * call stack.
 */
export function fragmentText(fragment: unknown): string {
  if (!(fragment instanceof Y.XmlFragment)) return "";
  const blocks: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim() !== "") blocks.push(current);
    current = "";
  };
  type Frame = { node: Y.XmlFragment; children: unknown[]; index: number; depth: number; block: boolean };
  const frameOf = (node: Y.XmlFragment, depth: number): Frame => ({
    node,
    children: node.toArray(),
    index: 0,
    depth,
    block: node instanceof Y.XmlElement && BLOCKS.has(node.nodeName),
  });
  const stack: Frame[] = [frameOf(fragment, 0)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.children.length) {
      stack.pop();
      if (frame.block) flush();
      continue;
    }
    const child = frame.children[frame.index++];
    if (child instanceof Y.XmlText) {
      current += (child.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
    } else if (child instanceof Y.XmlElement && frame.depth < MAX_WALK_DEPTH) {
      const next = frameOf(child, frame.depth + 1);
      if (next.block) flush();
      stack.push(next);
    }
  }
  flush();
  return blocks.join("\n");
}

/** The plain text of a field in one language: a Y.Text's characters or a fragment's paragraphs. */
export function plainTextOf(item: Y.Map<unknown>, field: string, language: string, base: string): string {
  const value = item.get(textKey(field, language, base));
  if (value instanceof Y.Text) return value.toString();
  return fragmentText(value);
}

/** The alignment entries of an item, as plain values (text-alignment.ts). */
export function alignmentEntries(item: Y.Map<unknown>): AlignmentEntries {
  const map = item.get("alignment");
  return map instanceof Y.Map ? Object.fromEntries(map.entries()) : {};
}

/** Each field's texts in every language and how they stand to one another. */
function parallelOf(item: Y.Map<unknown>, fields: readonly string[], languages: DocLanguages) {
  const all = languagesOf(languages);
  const entries = alignmentEntries(item);
  const texts: Record<string, Record<string, string>> = {};
  const alignment: Record<string, FieldAlignment> = {};
  for (const field of fields) {
    const byLanguage = Object.fromEntries(all.map((language) => [language, plainTextOf(item, field, language, languages.base)]));
    texts[field] = byLanguage;
    const aligned = alignField(field, byLanguage, entries, all, languages.base);
    if (aligned) alignment[field] = aligned;
  }
  return { all, texts, alignment };
}

/** Applies alignment writes to an item (creating its alignment map the first time). */
export function writeAlignment(item: Y.Map<unknown>, writes: AlignmentWrite[]) {
  if (writes.length === 0) return;
  let map = item.get("alignment");
  if (!(map instanceof Y.Map)) {
    map = new Y.Map<unknown>();
    item.set("alignment", map);
  }
  for (const [key, value] of writes) (map as Y.Map<unknown>).set(key, value);
}

/**
 * The Y type of a field in a language, created when the item has none yet
 * (items made before the series had this language). Created on first use
 * rather than on load, so two people opening the page do not both create it.
 */
export function ensureTextType(item: Y.Map<unknown>, field: string, language: string, base: string): Y.Text | Y.XmlFragment {
  const key = textKey(field, language, base);
  const existing = item.get(key);
  if (existing instanceof Y.Text || existing instanceof Y.XmlFragment) return existing;
  const created = field === "notes" || field === "outcome" ? new Y.XmlFragment() : new Y.Text();
  item.set(key, created);
  return created;
}

export function readAgenda(doc: Y.Doc, languages?: DocLanguages): AgendaItemView[] {
  return sortedEntries(agendaOf(doc)).map(({ id, item, position }) => {
    const kind = item.get("kind");
    const duration = item.get("durationMinutes");
    const parallel = languages ? parallelOf(item, AGENDA_TEXT_FIELDS, languages) : null;
    return {
      id,
      position,
      title: item.get("title") instanceof Y.Text ? String(item.get("title")) : "",
      kind: isKind(kind) ? kind : "other",
      leadParty: isPartyCode(item.get("leadParty")) ? (item.get("leadParty") as string) : null,
      startTime: isStartTime(item.get("startTime")) ? (item.get("startTime") as string) : null,
      durationMinutes: isDuration(duration) ? (duration as number) : null,
      notesText: fragmentText(item.get("notes")),
      outcomeText: fragmentText(item.get("outcome")),
      ...(parallel
        ? {
            texts: Object.fromEntries(
              parallel.all.map((l) => [l, { title: parallel.texts.title[l], notesText: parallel.texts.notes[l], outcomeText: parallel.texts.outcome[l] }]),
            ),
            alignment: parallel.alignment,
          }
        : {}),
    };
  });
}

export function readActions(doc: Y.Doc, languages?: DocLanguages): DraftActionView[] {
  return sortedEntries(actionsOf(doc)).map(({ id, item, position }) => {
    const owners = item.get("owners");
    const due = item.get("due");
    const parallel = languages ? parallelOf(item, ACTION_TEXT_FIELDS, languages) : null;
    return {
      id,
      position,
      text: item.get("text") instanceof Y.Text ? String(item.get("text")) : "",
      owners: owners instanceof Y.Map ? [...owners.keys()].filter((k) => owners.get(k) === true && isPartyCode(k)).sort() : [],
      // A due the schema would refuse (stored before it was enforced) reads as none.
      due: typeof due === "string" && due !== "" && isDue(due) ? due : null,
      ...(parallel
        ? { texts: Object.fromEntries(parallel.all.map((l) => [l, { text: parallel.texts.text[l] }])), alignment: parallel.alignment }
        : {}),
    };
  });
}

export interface NewAgendaItem {
  title?: string;
  kind?: AgendaKind;
  leadParty?: string | null;
  startTime?: string | null;
  durationMinutes?: number | null;
  /** Text for the notes and outcome, as plain paragraphs (used by server-side commands). */
  notes?: string;
  outcome?: string;
}

function paragraphsFragment(text: string | undefined): Y.XmlFragment {
  const fragment = new Y.XmlFragment();
  const paragraphs = (text ?? "").split("\n").filter((p) => p.trim() !== "");
  fragment.insert(
    0,
    paragraphs.map((p) => {
      const el = new Y.XmlElement("paragraph");
      el.insert(0, [new Y.XmlText(p)]);
      return el;
    }),
  );
  return fragment;
}

/** Keys of a field's empty texts in the languages other than the base. */
function otherLanguageKeys(field: string, languages: DocLanguages | undefined): string[] {
  return languages ? languagesOf(languages).filter((l) => l !== languages.base).map((l) => textKey(field, l, languages.base)) : [];
}

/**
 * Appends an agenda item (or places it after `afterId`) and returns its id.
 * With `languages`, the item gets an empty text in each other working language at once.
 */
export function addAgendaItem(doc: Y.Doc, input: NewAgendaItem = {}, afterId?: string, languages?: DocLanguages): string {
  const agenda = agendaOf(doc);
  const id = newItemId();
  doc.transact(() => {
    const entries = sortedEntries(agenda);
    const at = afterId ? entries.findIndex((e) => e.id === afterId) : -1;
    const position =
      at >= 0
        ? keyBetween(entries[at].position || null, entries[at + 1]?.position ?? null)
        : keyBetween(lastPosition(agenda), null);
    const item = new Y.Map<unknown>();
    item.set("title", new Y.Text(input.title ?? ""));
    item.set("kind", input.kind ?? "thematic");
    item.set("leadParty", input.leadParty ?? null);
    item.set("startTime", input.startTime ?? null);
    item.set("durationMinutes", input.durationMinutes ?? null);
    item.set("position", position);
    item.set("notes", paragraphsFragment(input.notes));
    item.set("outcome", paragraphsFragment(input.outcome));
    for (const key of otherLanguageKeys("title", languages)) item.set(key, new Y.Text());
    for (const key of [...otherLanguageKeys("notes", languages), ...otherLanguageKeys("outcome", languages)]) item.set(key, new Y.XmlFragment());
    agenda.set(id, item);
  });
  return id;
}

export function removeAgendaItem(doc: Y.Doc, id: string) {
  agendaOf(doc).delete(id);
}

/** Moves an item so that it sits at `toIndex` in the current order. */
export function moveItem(doc: Y.Doc, list: Y.Map<Y.Map<unknown>>, id: string, toIndex: number) {
  const entries = sortedEntries(list).filter((e) => e.id !== id);
  const item = list.get(id);
  if (!item) return;
  const index = Math.max(0, Math.min(toIndex, entries.length));
  const low = index > 0 ? entries[index - 1].position : null;
  const high = index < entries.length ? entries[index].position : null;
  // Equal neighbours (two concurrent inserts) leave no room: fall back to the low side.
  const position = low !== null && high !== null && low >= high ? keyBetween(low, null) : keyBetween(low, high);
  doc.transact(() => item.set("position", position));
}

export interface NewDraftAction {
  text?: string;
  owners?: string[];
  due?: string | null;
}

export function addDraftAction(doc: Y.Doc, input: NewDraftAction = {}, languages?: DocLanguages): string {
  const actions = actionsOf(doc);
  const id = newItemId();
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    item.set("text", new Y.Text(input.text ?? ""));
    for (const key of otherLanguageKeys("text", languages)) item.set(key, new Y.Text());
    const owners = new Y.Map<boolean>();
    for (const code of input.owners ?? []) owners.set(code, true);
    item.set("owners", owners);
    item.set("due", input.due ?? null);
    item.set("position", keyBetween(lastPosition(actions), null));
    actions.set(id, item);
  });
  return id;
}

export function removeDraftAction(doc: Y.Doc, id: string) {
  actionsOf(doc).delete(id);
}

export function setActionOwner(doc: Y.Doc, actionId: string, code: string, owns: boolean) {
  const owners = actionsOf(doc).get(actionId)?.get("owners");
  if (!(owners instanceof Y.Map)) return;
  if (owns) owners.set(code, true);
  else owners.delete(code);
}

/** Plain fields of an item: kind, leadParty, startTime, durationMinutes, due. */
export function setItemField(list: Y.Map<Y.Map<unknown>>, id: string, field: string, value: string | number | null) {
  list.get(id)?.set(field, value);
}
