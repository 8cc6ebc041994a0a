import type { AppLoadContext } from "@remix-run/node";
import { recordAudit } from "../models/audit.server";
import { getMembership } from "../models/memberships.server";
import { can } from "../models/permissions.server";
import { getSeriesBySlug } from "../models/series.server";
import type { SessionUser } from "../models/session.server";

// Resource routes build their Response themselves: with single fetch, Remix 2 wraps
// a bare object in its deprecated json() and warns, and React Router 7 refuses one.

/** JSON errors for /api/v1: always a status and a message, never HTML. */
export function apiError(status: number, error: string) {
  return Response.json({ error, status }, { status, headers: { "Cache-Control": "no-store" } });
}

export function apiJson<T>(data: T) {
  return Response.json(data, { headers: { "Cache-Control": "no-store" } });
}

/**
 * The action of every API route: without one, Remix answers a POST with its own
 * 405 body ("Unexpected Server Error") and logs a stack trace.
 */
export function apiReadOnly() {
  return apiError(405, "The API is read-only.");
}

export function requireApiUser(context: AppLoadContext): SessionUser {
  if (!context.user) throw apiError(401, "Sign in first: this endpoint needs a session.");
  return context.user;
}

export async function apiNotFound(context: AppLoadContext, request: Request, subject: string) {
  await recordAudit(context.db, context.clock, {
    kind: "authz.refused",
    subject,
    actorId: context.user?.id ?? null,
    ip: context.clientIp,
    detail: { path: new URL(request.url).pathname, api: true },
  });
  return apiError(404, "Not found.");
}

/**
 * The signed-in API user and a series they may read. A series that does not
 * exist and one they may not see get the same audited 404, as on the pages.
 */
export async function requireApiSeries(context: AppLoadContext, request: Request, slug: string | undefined) {
  const user = requireApiUser(context);
  const series = await getSeriesBySlug(context.db, slug ?? "");
  const membership = series ? await getMembership(context.db, series.id, user.id) : null;
  if (!series || !can({ user, membership }, "series.view")) throw await apiNotFound(context, request, `series:${slug ?? ""}`);
  return { user, series, membership };
}
