import type { AgendaItemView, DraftActionView } from "../collab/conference-doc";

// A parallel record read in one of its languages. The unsuffixed texts of an
// agenda item or action are the base language's; `texts` (filled at
// adoption) holds every language's. A record adopted before parallel texts
// has only its base language, and a language without a text is null, never
// silently replaced by another language's words.

/** What the exports need of a record to read it per language. */
export interface ParallelRecord {
  conference: { title: string; titles?: Record<string, string> };
  agenda: AgendaItemView[];
  actions: DraftActionView[];
  languages: { base: string; working: string[]; authentic: string[] };
}

export interface ItemIn {
  item: AgendaItemView;
  title: string | null;
  notesText: string;
  outcomeText: string;
}

export interface ActionIn {
  action: DraftActionView;
  text: string | null;
}

export interface RecordIn {
  language: string;
  title: string | null;
  agenda: ItemIn[];
  actions: ActionIn[];
}

function nonEmpty(text: string | undefined): string | null {
  return text !== undefined && text.trim() !== "" ? text : null;
}

/** The record's texts in `language`; null where it has none in that language. */
export function recordIn(record: ParallelRecord, language: string): RecordIn {
  const isBase = language === record.languages.base;
  return {
    language,
    title: nonEmpty(record.conference.titles?.[language] ?? (isBase ? record.conference.title : undefined)),
    agenda: record.agenda.map((item) => {
      const texts = item.texts?.[language] ?? (isBase ? item : undefined);
      return { item, title: nonEmpty(texts?.title), notesText: texts?.notesText ?? "", outcomeText: texts?.outcomeText ?? "" };
    }),
    // An action is in the record when it has a text in some language.
    actions: record.actions
      .filter((action) => action.text.trim() || Object.values(action.texts ?? {}).some((t) => t.text.trim()))
      .map((action) => ({ action, text: nonEmpty(action.texts?.[language]?.text ?? (isBase ? action.text : undefined)) })),
  };
}

/** The languages a record is signed in: its authentic ones, else its base. */
export function authenticOf(record: ParallelRecord): string[] {
  return record.languages.authentic.length ? record.languages.authentic : [record.languages.base];
}
