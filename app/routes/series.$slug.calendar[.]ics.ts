import type { LoaderFunctionArgs } from "@remix-run/node";
import { seriesCalendar } from "../exports/series-calendar.server";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { listCommitments } from "../models/commitments.server";
import { listConferences } from "../models/conferences.server";

/** The series calendar (RFC 5545): conferences and commitment due dates; members only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "");
  const [conferences, commitments] = await Promise.all([
    listConferences(context.db, series.id),
    listCommitments(context.db, context.clock, { seriesId: series.id }),
  ]);
  const body = seriesCalendar({
    series: { slug: series.slug, name: series.name },
    conferences: [...conferences].sort((a, b) => a.number - b.number),
    commitments,
    origin: new URL(request.url).origin,
    t: i18nFor(context.locale).t,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${series.slug}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
