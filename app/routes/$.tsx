import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../http/guards.server";

/**
 * Any path no route knows. Someone signed in gets the "not found" page; someone
 * who is not is first asked to sign in, as on every other page.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(context, request);
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
