import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireConference } from "../http/conference-access.server";
import { changesSinceSeen } from "../models/changes-since.server";
import { getSeriesParties } from "../models/series.server";

/**
 * "Changes since your last visit", on its own: the workspace asks for it once
 * it is on screen and again, a moment after, whenever someone else edits, so
 * that the page is typable before this arrives and it follows the others live.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, conference } = await requireConference(context, request, params);
  const parties = await getSeriesParties(context.db, series.id);
  const since = await changesSinceSeen(context.db, context.clock, {
    userId: user.id,
    conference,
    current: await context.collab.currentState(conference.docName),
    parties: parties.map((p) => p.code),
  });
  return Response.json(
    { ...since, who: { ...since.who, parties: parties.map((p) => ({ code: p.code, name: p.name })) } },
    // Per reader, and changes with every edit.
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
