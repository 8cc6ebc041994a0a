import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, Conference } from "../http/api-schemas.server";
import { apiJson, apiNotFound, apiReadOnly, requireApiUser } from "../http/api.server";
import { getAgenda, getConference, getDraftActions } from "../models/conferences.server";
import { getMembership } from "../models/memberships.server";
import { can } from "../models/permissions.server";
import { getSeriesById } from "../models/series.server";

/** A conference with its agenda and draft actions, as projected to SQL from the live document. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireApiUser(context);
  const id = Number(params.id);
  const conference = Number.isSafeInteger(id) && id > 0 ? await getConference(context.db, id) : null;
  const membership = conference ? await getMembership(context.db, conference.seriesId, user.id) : null;
  if (!conference || !can({ user, membership }, "series.view")) {
    throw await apiNotFound(context, request, `conference:${params.id ?? ""}`);
  }
  const [series, agenda, draftActions] = await Promise.all([
    getSeriesById(context.db, conference.seriesId),
    getAgenda(context.db, id),
    getDraftActions(context.db, id),
  ]);
  return apiJson({
    id: conference.id,
    series: series?.slug ?? null,
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
