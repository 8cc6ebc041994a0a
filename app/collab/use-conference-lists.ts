import { useEffect, useState } from "react";
import * as Y from "yjs";
import { actionsOf, agendaOf, AGENDA_KINDS, type AgendaKind } from "./conference-doc";
import { compareKeys } from "./order-keys";

// React views of the two lists of a conference document. They re-read only
// when a map changes (order, kind, owners...), not on every keystroke in a
// title or in notes: those are bound to their own Y types.

export interface AgendaRow {
  id: string;
  position: string;
  item: Y.Map<unknown>;
  title: Y.Text | null;
  kind: AgendaKind;
  leadParty: string | null;
  startTime: string | null;
  durationMinutes: number | null;
  notes: Y.XmlFragment | null;
  outcome: Y.XmlFragment | null;
}

export interface ActionRow {
  id: string;
  position: string;
  item: Y.Map<unknown>;
  text: Y.Text | null;
  owners: string[];
  due: string | null;
}

const stringOrNull = (value: unknown) => (typeof value === "string" && value ? value : null);

function sorted(map: Y.Map<Y.Map<unknown>>) {
  return [...map.entries()]
    .map(([id, item]) => ({ id, item, position: String(item.get("position") ?? "") }))
    .sort(compareKeys);
}

export function readAgendaRows(doc: Y.Doc): AgendaRow[] {
  return sorted(agendaOf(doc)).map(({ id, item, position }) => {
    const title = item.get("title");
    const kind = item.get("kind");
    const duration = item.get("durationMinutes");
    const notes = item.get("notes");
    const outcome = item.get("outcome");
    return {
      id,
      position,
      item,
      title: title instanceof Y.Text ? title : null,
      kind: (AGENDA_KINDS as readonly unknown[]).includes(kind) ? (kind as AgendaKind) : "other",
      leadParty: stringOrNull(item.get("leadParty")),
      startTime: stringOrNull(item.get("startTime")),
      durationMinutes: typeof duration === "number" && Number.isFinite(duration) ? duration : null,
      notes: notes instanceof Y.XmlFragment ? notes : null,
      outcome: outcome instanceof Y.XmlFragment ? outcome : null,
    };
  });
}

export function readActionRows(doc: Y.Doc): ActionRow[] {
  return sorted(actionsOf(doc)).map(({ id, item, position }) => {
    const text = item.get("text");
    const owners = item.get("owners");
    return {
      id,
      position,
      item,
      text: text instanceof Y.Text ? text : null,
      owners: owners instanceof Y.Map ? [...owners.keys()].filter((k) => owners.get(k) === true).sort() : [],
      due: stringOrNull(item.get("due")),
    };
  });
}

function useMapRows<T>(doc: Y.Doc, list: (doc: Y.Doc) => Y.Map<Y.Map<unknown>>, read: (doc: Y.Doc) => T[]): T[] {
  const [rows, setRows] = useState<T[]>(() => read(doc));
  useEffect(() => {
    const map = list(doc);
    setRows(read(doc));
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      if (events.some((event) => event.target instanceof Y.Map)) setRows(read(doc));
    };
    map.observeDeep(onChange);
    return () => map.unobserveDeep(onChange);
  }, [doc, list, read]);
  return rows;
}

export const useAgendaRows = (doc: Y.Doc) => useMapRows(doc, agendaOf, readAgendaRows);
export const useActionRows = (doc: Y.Doc) => useMapRows(doc, actionsOf, readActionRows);
