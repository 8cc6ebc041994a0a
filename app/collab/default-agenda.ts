import * as Y from "yjs";
import { addAgendaItem, agendaOf, languagesOf, writeAlignment, type AgendaKind, type DocLanguages } from "./conference-doc";
import { textKey } from "./parallel-texts";
import { remember } from "./text-alignment";

const KINDS = ["opening", "review", "thematic", "closing"] as const;

/**
 * The usual skeleton of a session, so secretariats start from a shape and not
 * a blank page. With several working languages, each item's title is written
 * in every one Accord has words for, already in line with the base language's.
 */
export function addDefaultAgenda(
  doc: Y.Doc,
  titles: Record<AgendaKind, string>,
  parallel?: { languages: DocLanguages; titlesIn: (language: string) => Record<AgendaKind, string> | null },
) {
  for (const kind of KINDS) {
    const id = addAgendaItem(doc, { title: titles[kind], kind }, undefined, parallel?.languages);
    if (!parallel) continue;
    const item = agendaOf(doc).get(id);
    if (!item) continue;
    const { base } = parallel.languages;
    for (const language of languagesOf(parallel.languages)) {
      const translated = language === base ? null : parallel.titlesIn(language)?.[kind];
      const text = item.get(textKey("title", language, base));
      if (!translated || !(text instanceof Y.Text)) continue;
      text.insert(0, translated);
      writeAlignment(item, [[`title@${language}`, remember(base, titles[kind])]]);
    }
  }
}
