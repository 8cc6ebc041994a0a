import type { DB } from "../../db/connection";
import { getAgenda, getAgendaTexts, getDraftActions, getDraftActionTexts, type AgendaItemTexts } from "./conferences.server";
import { pickShown } from "./parallel-text-rules";

// The conference's agenda and draft actions as the server last projected them
// from the document, for the page's first paint and for readers without
// script: each text in the reader's language where there is one, else in
// another working language, saying which (as every other page does).

interface Conference {
  id: number;
  baseLanguage: string;
}

/** One field of an item in every language it has: the base row's, then each projected translation's. */
function inEveryLanguage(base: string, baseText: string, translated: Record<string, AgendaItemTexts> | undefined, field: keyof AgendaItemTexts) {
  const texts: Record<string, string> = { [base]: baseText };
  for (const [language, t] of Object.entries(translated ?? {})) if (language !== base) texts[language] = t[field];
  return texts;
}

export async function agendaForReader(db: DB, conference: Conference, reader: string, working: readonly string[]) {
  const [items, translated] = await Promise.all([getAgenda(db, conference.id), getAgendaTexts(db, conference.id)]);
  const base = conference.baseLanguage;
  return items.map((item) => {
    const own = translated.get(item.id);
    const title = pickShown(inEveryLanguage(base, item.title, own, "title"), reader, working, base);
    const notes = pickShown(inEveryLanguage(base, item.notesText, own, "notesText"), reader, working, base);
    const outcome = pickShown(inEveryLanguage(base, item.outcomeText, own, "outcomeText"), reader, working, base);
    return {
      ...item,
      title: title.text,
      notesText: notes.text,
      outcomeText: outcome.text,
      shown: { title: title.shown, notes: notes.shown, outcome: outcome.shown },
    };
  });
}

export async function draftActionsForReader(db: DB, conference: Conference, reader: string, working: readonly string[]) {
  const [actions, translated] = await Promise.all([getDraftActions(db, conference.id), getDraftActionTexts(db, conference.id)]);
  const base = conference.baseLanguage;
  return actions.map((action) => {
    const text = pickShown({ ...translated.get(action.id), [base]: action.text }, reader, working, base);
    return { ...action, text: text.text, shown: text.shown };
  });
}
