import * as Y from "yjs";
import { actionsOf, agendaOf, fragmentText, readActions, readAgenda, type AgendaItemView, type DraftActionView } from "./conference-doc";
import { ACTION_TEXT_FIELDS, AGENDA_TEXT_FIELDS, isTextLanguage } from "./parallel-texts";

// Edits a device still holds for a conference whose record was adopted
// without them (they reached the server after it was frozen, or never did).
// They are not lost silently: the person sees them as text to copy elsewhere.

export type LeftoverField = "title" | "notes" | "outcome" | "text" | "owners" | "due";
/** A field, or a field's text in another language ("notes@zh", parallel-texts.ts). */
export type LeftoverKey = LeftoverField | `${"title" | "notes" | "outcome" | "text"}@${string}`;

export interface Leftover {
  /** "agenda" or "action", and the entry's id in the document. */
  list: "agenda" | "action";
  id: string;
  /** The entry's number in the adopted record, or null when only this device has it. */
  number: number | null;
  /** What the entry is called in the adopted record (or on this device, when it is new). */
  label: string;
  change: "added" | "changed" | "removed";
  /** The fields this device has differently, with their text as this device has it. */
  fields: { field: LeftoverKey; text: string }[];
}

/** True when `local` holds edits that `adopted` does not. */
export function holdsMoreThan(local: Y.Doc, adopted: Y.Doc): boolean {
  const adoptedVector = Y.decodeStateVector(Y.encodeStateVector(adopted));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(local))) {
    if (clock > (adoptedVector.get(client) ?? 0)) return true;
  }
  return false;
}

/** A space typed at the end, or a line break, is not a change worth copying. */
const sameWords = (a: string | undefined, b: string | undefined) => (a ?? "").replace(/\s+/g, " ").trim() === (b ?? "").replace(/\s+/g, " ").trim();

/**
 * The texts of every entry in languages other than the base, by entry id and
 * key ("title@zh"). Read without knowing the base: whatever other language a
 * device wrote in is shown, not only today's working languages.
 */
function otherLanguageTexts(doc: Y.Doc): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  for (const [list, fields] of [
    [agendaOf(doc), AGENDA_TEXT_FIELDS],
    [actionsOf(doc), ACTION_TEXT_FIELDS],
  ] as const) {
    for (const [id, item] of list.entries()) {
      if (!(item instanceof Y.Map)) continue;
      const texts: Record<string, string> = {};
      for (const [key, value] of item.entries()) {
        const [field, language] = key.split("@");
        if (!language || !isTextLanguage(language) || !(fields as readonly string[]).includes(field)) continue;
        texts[key] = value instanceof Y.Text ? value.toString() : fragmentText(value);
      }
      found.set(id, texts);
    }
  }
  return found;
}

type Fields = Partial<Record<LeftoverKey, string>>;
const agendaFields = (item: AgendaItemView): Fields => ({ title: item.title, notes: item.notesText, outcome: item.outcomeText });
const actionFields = (action: DraftActionView): Fields => ({ text: action.text, owners: action.owners.join(", "), due: action.due ?? "" });

function compare<T extends { id: string }>(
  list: "agenda" | "action",
  adopted: T[],
  mine: T[],
  fieldsOf: (entry: T, from: "adopted" | "merged") => Fields,
  labelOf: (entry: T) => string,
): Leftover[] {
  const out: Leftover[] = [];
  const adoptedById = new Map(adopted.map((entry, index) => [entry.id, { entry, number: index + 1 }]));
  const mineIds = new Set(mine.map((entry) => entry.id));
  for (const entry of mine) {
    const before = adoptedById.get(entry.id);
    const now = fieldsOf(entry, "merged");
    const fields = (Object.keys(now) as LeftoverKey[])
      .filter((field) => (before ? !sameWords(fieldsOf(before.entry, "adopted")[field], now[field]) : (now[field] ?? "").trim() !== ""))
      .map((field) => ({ field, text: now[field] ?? "" }));
    if (fields.length === 0) continue;
    out.push({ list, id: entry.id, number: before?.number ?? null, label: labelOf(before?.entry ?? entry), change: before ? "changed" : "added", fields });
  }
  for (const [id, { entry, number }] of adoptedById) {
    if (!mineIds.has(id)) out.push({ list, id, number, label: labelOf(entry), change: "removed", fields: [] });
  }
  return out;
}

/**
 * What this device's copy (`local`) would have changed in the adopted record:
 * the adopted document with the local edits merged in, compared field by field.
 */
export function leftoverChanges(adopted: Y.Doc, local: Y.Doc): Leftover[] {
  if (!holdsMoreThan(local, adopted)) return [];
  const merged = new Y.Doc();
  try {
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(adopted));
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(local));
    const [otherAdopted, otherMerged] = [otherLanguageTexts(adopted), otherLanguageTexts(merged)];
    // The other languages' texts, compared like the base's (a text only this device has counts from empty).
    const withOthers =
      <T extends { id: string }>(fieldsOf: (entry: T) => Fields) =>
      (entry: T, from: "adopted" | "merged"): Fields => {
        const others = (from === "adopted" ? otherAdopted : otherMerged).get(entry.id) ?? {};
        const keys = new Set([...Object.keys(otherAdopted.get(entry.id) ?? {}), ...Object.keys(otherMerged.get(entry.id) ?? {})]);
        return { ...fieldsOf(entry), ...Object.fromEntries([...keys].map((key) => [key, others[key] ?? ""])) };
      };
    return [
      ...compare("agenda", readAgenda(adopted), readAgenda(merged), withOthers(agendaFields), (item) => item.title.trim()),
      ...compare("action", readActions(adopted), readActions(merged), withOthers(actionFields), (action) => action.text.trim()),
    ];
  } finally {
    merged.destroy();
  }
}

/** All leftovers as one plain text, to paste into a follow-up, a note or the next conference. */
export function leftoversAsText(leftovers: Leftover[], describe: (leftover: Leftover, field?: LeftoverKey) => string): string {
  return leftovers
    .map((leftover) =>
      leftover.fields.length === 0
        ? describe(leftover)
        : leftover.fields.map((f) => `${describe(leftover, f.field)}\n${f.text}`).join("\n\n"),
    )
    .join("\n\n");
}
