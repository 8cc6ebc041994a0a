import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, Conference } from "../http/api-schemas.server";
import { apiJson, apiReadOnly, requireApiConference } from "../http/api.server";
import { getAgenda, getDraftActions } from "../models/conferences.server";

/** A conference with its agenda and draft actions, as projected to SQL from the live document. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series, conference } = await requireApiConference(context, request, params.id);
  const [agenda, draftActions] = await Promise.all([getAgenda(context.db, conference.id), getDraftActions(context.db, conference.id)]);
  return apiJson({
    id: conference.id,
    series: series.slug,
    number: conference.number,
    title: conference.title,
    status: conference.status,
    startsOn: conference.startsOn,
    endsOn: conference.endsOn,
    venue: conference.venue,
    format: conference.format,
    host: conference.hostCode,
    docName: conference.docName,
    agenda: agenda.map((item) => ({
      id: item.id,
      title: item.title,
      kind: item.kind,
      leadParty: item.leadParty,
      startTime: item.startTime,
      durationMinutes: item.durationMinutes,
      notes: item.notesText,
      outcome: item.outcomeText,
    })),
    draftActions: draftActions.map(({ id: actionId, text, owners, due }) => ({ id: actionId, text, owners, due })),
  } satisfies ApiBody<typeof Conference>);
}

export const action = apiReadOnly;
