import type { AppLoadContext } from "@remix-run/node";
import { requireSeries } from "./guards.server";
import { getConferenceByNumber } from "../models/conferences.server";
import type { SeriesAction } from "../models/permissions.server";

/** A conference of a series the user may act on, by its number in the URL; 404 otherwise. */
export async function requireConference(
  context: AppLoadContext,
  request: Request,
  params: { slug?: string; number?: string },
  action: SeriesAction = "series.view",
) {
  const access = await requireSeries(context, request, params.slug ?? "", action);
  const number = Number(params.number);
  const conference = Number.isSafeInteger(number) && number > 0 ? await getConferenceByNumber(context.db, access.series.id, number) : null;
  if (!conference) throw new Response("Not Found", { status: 404 });
  return { ...access, conference };
}
