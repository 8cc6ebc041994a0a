import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "../http/guards.server";
import { openNotification } from "../models/notifications.server";

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Opens one of the person's notifications: marks it read and goes to the thing it is about. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const id = idSchema.safeParse(params.id);
  // Someone else's notification answers exactly like one that does not exist.
  const path = id.success ? await openNotification(context.db, context.clock, user.id, id.data) : null;
  if (!path) throw new Response("Not Found", { status: 404 });
  context.notices.unreadChanged(user.id);
  return redirect(path, { status: 303 });
}
