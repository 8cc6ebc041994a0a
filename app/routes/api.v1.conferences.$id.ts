import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, Conference } from "../http/api-schemas.server";
import { apiJson, apiReadOnly, requireApiConference } from "../http/api.server";
import { inEveryLanguage } from "../http/api-texts.server";
import { getAgenda, getAgendaTexts, getDraftActions, getDraftActionTexts, type AgendaItemTexts } from "../models/conferences.server";
import { textsInEveryLanguage } from "../models/parallel-texts.server";

/** A conference with its agenda and draft actions, as projected to SQL from the live document, each text in every language. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series, conference } = await requireApiConference(context, request, params.id);
  const [agenda, agendaTexts, draftActions, actionTexts, titles] = await Promise.all([
    getAgenda(context.db, conference.id),
    getAgendaTexts(context.db, conference.id),
    getDraftActions(context.db, conference.id),
    getDraftActionTexts(context.db, conference.id),
    textsInEveryLanguage(context.db, "conference", [{ id: conference.id, baseLanguage: conference.baseLanguage, text: conference.title }], "title"),
  ]);
  const reader = { locale: context.locale, working: series.languages };
  // The document's texts are in the conference's base language, like its title.
  const base = (text: string) => ({ language: conference.baseLanguage, text });
  /** One field of an item's texts in the other languages, by language. */
  const othersOf = (itemId: string, field: keyof AgendaItemTexts) =>
    Object.fromEntries(Object.entries(agendaTexts.get(itemId) ?? {}).map(([language, texts]) => [language, texts[field]]));
  return apiJson({
    id: conference.id,
    series: series.slug,
    number: conference.number,
    ...inEveryLanguage("title", reader, base(conference.title), titles.get(conference.id)),
    status: conference.status,
    startsOn: conference.startsOn,
    endsOn: conference.endsOn,
    venue: conference.venue,
    format: conference.format,
    host: conference.hostCode,
    docName: conference.docName,
    agenda: agenda.map((item) => ({
      id: item.id,
      ...inEveryLanguage("title", reader, base(item.title), othersOf(item.id, "title")),
      kind: item.kind,
      leadParty: item.leadParty,
      startTime: item.startTime,
      durationMinutes: item.durationMinutes,
      ...inEveryLanguage("notes", reader, base(item.notesText), othersOf(item.id, "notesText")),
      ...inEveryLanguage("outcome", reader, base(item.outcomeText), othersOf(item.id, "outcomeText")),
    })),
    draftActions: draftActions.map(({ id: actionId, text, owners, due }) => ({
      id: actionId,
      ...inEveryLanguage("text", reader, base(text), actionTexts.get(actionId)),
      owners,
      due,
    })),
  } satisfies ApiBody<typeof Conference>);
}

export const action = apiReadOnly;
