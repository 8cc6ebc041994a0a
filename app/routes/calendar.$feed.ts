import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { calendarForFeed } from "../models/calendar-feed.server";

const feedFile = z.string().regex(/^[A-Za-z0-9_-]{16,128}\.ics$/);

/**
 * A person's calendar feed at its secret address (no session: calendar apps
 * send none). An unknown or replaced address answers 404 like any other.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const file = feedFile.safeParse(params.feed);
  const body = file.success ? await calendarForFeed(context.db, context.clock, file.data, new URL(request.url).origin) : null;
  if (body === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, no-store",
      // The address is the secret: keep it out of other sites' logs.
      "Referrer-Policy": "no-referrer",
    },
  });
}
