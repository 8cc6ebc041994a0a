import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeCalendar } from "../exports/series-calendar.server";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { readerCalendarEvents } from "../models/calendar-feed.server";

/** The series calendar (RFC 5545): conferences and commitment due dates, in the reader's language; members only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "");
  const events = await readerCalendarEvents(context.db, context.clock, {
    series,
    reader: context.locale,
    origin: new URL(request.url).origin,
    t: i18nFor(context.locale).t,
  });
  const body = writeCalendar(events, series.name);
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${series.slug}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
