import { useEffect, useState } from "react";
import * as Y from "yjs";
import { actionsOf, agendaOf, AGENDA_KINDS, sortedEntries, type AgendaKind } from "./conference-doc";
import { isDue, isDuration, isPartyCode, isStartTime } from "./conference-schema";

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

/** A plain field's value when the schema allows it, else null (documents stored before it was enforced). */
const valid = (value: unknown, test: (value: unknown) => boolean) => (value !== null && value !== "" && test(value) ? (value as string) : null);

export function readAgendaRows(doc: Y.Doc): AgendaRow[] {
  return sortedEntries(agendaOf(doc)).map(({ id, item, position }) => {
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
      leadParty: valid(item.get("leadParty"), isPartyCode),
      startTime: valid(item.get("startTime"), isStartTime),
      durationMinutes: isDuration(duration) ? (duration as number) : null,
      notes: notes instanceof Y.XmlFragment ? notes : null,
      outcome: outcome instanceof Y.XmlFragment ? outcome : null,
    };
  });
}

export function readActionRows(doc: Y.Doc): ActionRow[] {
  return sortedEntries(actionsOf(doc)).map(({ id, item, position }) => {
    const text = item.get("text");
    const owners = item.get("owners");
    return {
      id,
      position,
      item,
      text: text instanceof Y.Text ? text : null,
      owners: owners instanceof Y.Map ? [...owners.keys()].filter((k) => owners.get(k) === true && isPartyCode(k)).sort() : [],
      due: valid(item.get("due"), isDue),
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
