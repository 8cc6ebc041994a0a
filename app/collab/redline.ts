import type { AgendaItemView, DraftActionView } from "./conference-doc";
import { diffWords, type DiffPart } from "./word-diff";

// What changed between two states of a conference document, item by item and
// field by field, as a redline: entries added, removed or changed, and for
// each changed text its deletions and insertions.

export type RedlineField = "title" | "notes" | "outcome" | "text" | "owners" | "due";

export interface RedlineEntry {
  list: "agenda" | "action";
  id: string;
  change: "added" | "removed" | "changed" | "unchanged";
  /** Its number in the later state (or the earlier one, when removed). */
  number: number;
  fields: { field: RedlineField; parts: DiffPart[] }[];
}

interface State {
  agenda: AgendaItemView[];
  actions: DraftActionView[];
}

const agendaFields = (item: AgendaItemView | undefined): Record<RedlineField, string> => ({
  title: item?.title ?? "",
  notes: item?.notesText ?? "",
  outcome: item?.outcomeText ?? "",
  text: "",
  owners: "",
  due: "",
});

const actionFields = (action: DraftActionView | undefined): Record<RedlineField, string> => ({
  title: "",
  notes: "",
  outcome: "",
  text: action?.text ?? "",
  owners: action?.owners.join(", ") ?? "",
  due: action?.due ?? "",
});

function compareList<T extends { id: string }>(list: "agenda" | "action", before: T[], after: T[], fieldsOf: (entry: T | undefined) => Record<RedlineField, string>, order: RedlineField[]): RedlineEntry[] {
  const beforeById = new Map(before.map((entry, index) => [entry.id, { entry, number: index + 1 }]));
  const afterIds = new Set(after.map((entry) => entry.id));
  const out: RedlineEntry[] = after.map((entry, index) => {
    const old = beforeById.get(entry.id);
    const a = fieldsOf(old?.entry);
    const b = fieldsOf(entry);
    const fields = order
      .filter((field) => a[field] !== "" || b[field] !== "")
      .map((field) => ({ field, parts: diffWords(a[field], b[field]) }));
    const changed = !old || order.some((field) => a[field] !== b[field]);
    return { list, id: entry.id, change: !old ? "added" : changed ? "changed" : "unchanged", number: index + 1, fields };
  });
  for (const [id, { entry, number }] of beforeById) {
    if (afterIds.has(id)) continue;
    const a = fieldsOf(entry);
    out.push({
      list,
      id,
      change: "removed",
      number,
      fields: order.filter((field) => a[field] !== "").map((field) => ({ field, parts: diffWords(a[field], "") })),
    });
  }
  return out;
}

export function redline(before: State, after: State): RedlineEntry[] {
  return [
    ...compareList("agenda", before.agenda, after.agenda, agendaFields, ["title", "notes", "outcome"]),
    ...compareList("action", before.actions, after.actions, actionFields, ["text", "owners", "due"]),
  ];
}
