import type * as Y from "yjs";
import { addAgendaItem, type AgendaKind } from "./conference-doc";

/** The usual skeleton of a session, so secretariats start from a shape and not a blank page. */
export function addDefaultAgenda(doc: Y.Doc, titles: Record<AgendaKind, string>) {
  for (const kind of ["opening", "review", "thematic", "closing"] as const) {
    addAgendaItem(doc, { title: titles[kind], kind });
  }
}
