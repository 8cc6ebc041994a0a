import type { LoaderFunctionArgs } from "@remix-run/node";
import { countUnread } from "../models/notifications.server";

/** The signed-in person's unread count, for the header to follow without reloading. */
export async function loader({ context }: LoaderFunctionArgs) {
  // A fetch from a page whose session ended: say so, rather than redirecting it to the sign-in page.
  if (!context.user) return Response.json({ error: "unauthorized" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json({ unread: await countUnread(context.db, context.user.id) }, { headers: { "Cache-Control": "no-store" } });
}
