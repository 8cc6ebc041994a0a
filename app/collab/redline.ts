import type { AgendaItemView, DraftActionView } from "./conference-doc";
import { diffWords, type DiffPart } from "./word-diff";

// What changed between two states of a conference document, item by item and
// field by field, as a redline: entries added, removed or changed, and for
// each changed text its deletions and insertions.

export type RedlineField = "title" | "notes" | "outcome" | "text" | "owners" | "due";
/** A field, or a field's text in one language ("notes@zh") when the states were read with every language. */
export type RedlineKey = RedlineField | `${"title" | "notes" | "outcome" | "text"}@${string}`;

export interface RedlineEntry {
  list: "agenda" | "action";
  id: string;
  change: "added" | "removed" | "changed" | "unchanged";
  /** Its number in the later state (or the earlier one, when removed). */
  number: number;
  fields: { field: RedlineKey; parts: DiffPart[] }[];
}

interface State {
  agenda: AgendaItemView[];
  actions: DraftActionView[];
}

type Texts = Partial<Record<RedlineKey, string>>;

/** An entry's texts per language, keyed "<field>@<language>", when it was read with every language. */
function textsByLanguage<T extends Record<string, string>>(texts: Record<string, T> | undefined, fields: Record<string, keyof T>): Texts {
  const out: Texts = {};
  for (const [field, from] of Object.entries(fields)) {
    for (const [language, text] of Object.entries(texts ?? {})) out[`${field}@${language}` as RedlineKey] = text[from];
  }
  return out;
}

const agendaFields = (item: AgendaItemView | undefined): Texts =>
  item?.texts
    ? textsByLanguage(item.texts, { title: "title", notes: "notesText", outcome: "outcomeText" })
    : { title: item?.title ?? "", notes: item?.notesText ?? "", outcome: item?.outcomeText ?? "" };

const actionFields = (action: DraftActionView | undefined): Texts => ({
  ...(action?.texts ? textsByLanguage(action.texts, { text: "text" }) : { text: action?.text ?? "" }),
  owners: action?.owners.join(", ") ?? "",
  due: action?.due ?? "",
});

/** The keys to compare, in reading order: each field in every language, then the plain fields. */
function keysOf(a: Texts, b: Texts, fields: readonly string[]): RedlineKey[] {
  const present = new Set([...Object.keys(a), ...Object.keys(b)]);
  return fields.flatMap((field) => [...present].filter((key) => key === field || key.startsWith(`${field}@`))) as RedlineKey[];
}

function compareList<T extends { id: string }>(list: "agenda" | "action", before: T[], after: T[], fieldsOf: (entry: T | undefined) => Texts, fieldOrder: readonly string[]): RedlineEntry[] {
  const beforeById = new Map(before.map((entry, index) => [entry.id, { entry, number: index + 1 }]));
  const afterIds = new Set(after.map((entry) => entry.id));
  const out: RedlineEntry[] = after.map((entry, index) => {
    const old = beforeById.get(entry.id);
    const a = fieldsOf(old?.entry);
    const b = fieldsOf(entry);
    const order = keysOf(a, b, fieldOrder);
    const fields = order
      .filter((field) => (a[field] ?? "") !== "" || (b[field] ?? "") !== "")
      .map((field) => ({ field, parts: diffWords(a[field] ?? "", b[field] ?? "") }));
    const changed = !old || order.some((field) => (a[field] ?? "") !== (b[field] ?? ""));
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
      fields: keysOf(a, {}, fieldOrder)
        .filter((field) => (a[field] ?? "") !== "")
        .map((field) => ({ field, parts: diffWords(a[field] ?? "", "") })),
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
