import * as Y from "yjs";
import { readActions, readAgenda, type AgendaItemView, type DraftActionView } from "./conference-doc";

// Edits a device still holds for a conference whose record was adopted
// without them (they reached the server after it was frozen, or never did).
// They are not lost silently: the person sees them as text to copy elsewhere.

export type LeftoverField = "title" | "notes" | "outcome" | "text" | "owners" | "due";

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
  fields: { field: LeftoverField; text: string }[];
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

const agendaFields = (item: AgendaItemView) => ({ title: item.title, notes: item.notesText, outcome: item.outcomeText });
const actionFields = (action: DraftActionView) => ({ text: action.text, owners: action.owners.join(", "), due: action.due ?? "" });

function compare<T extends { id: string }>(
  list: "agenda" | "action",
  adopted: T[],
  mine: T[],
  fieldsOf: (entry: T) => Partial<Record<LeftoverField, string>>,
  labelOf: (entry: T) => string,
): Leftover[] {
  const out: Leftover[] = [];
  const adoptedById = new Map(adopted.map((entry, index) => [entry.id, { entry, number: index + 1 }]));
  const mineIds = new Set(mine.map((entry) => entry.id));
  for (const entry of mine) {
    const before = adoptedById.get(entry.id);
    const now = fieldsOf(entry);
    const fields = (Object.keys(now) as LeftoverField[])
      .filter((field) => (before ? !sameWords(fieldsOf(before.entry)[field], now[field]) : (now[field] ?? "").trim() !== ""))
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
    return [
      ...compare("agenda", readAgenda(adopted), readAgenda(merged), agendaFields, (item) => item.title.trim()),
      ...compare("action", readActions(adopted), readActions(merged), actionFields, (action) => action.text.trim()),
    ];
  } finally {
    merged.destroy();
  }
}

/** All leftovers as one plain text, to paste into a follow-up, a note or the next conference. */
export function leftoversAsText(leftovers: Leftover[], describe: (leftover: Leftover, field?: LeftoverField) => string): string {
  return leftovers
    .map((leftover) =>
      leftover.fields.length === 0
        ? describe(leftover)
        : leftover.fields.map((f) => `${describe(leftover, f.field)}\n${f.text}`).join("\n\n"),
    )
    .join("\n\n");
}
