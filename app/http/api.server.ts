import type { AppLoadContext } from "@remix-run/node";
import { recordAudit } from "../models/audit.server";
import { getMembership } from "../models/memberships.server";
import { can } from "../models/permissions.server";
import { getConference } from "../models/conferences.server";
import { getSeriesById, getSeriesBySlug } from "../models/series.server";
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
  requireApiUser(context);
  const series = await getSeriesBySlug(context.db, slug ?? "");
  return allowApiSeries(context, request, series, `series:${slug ?? ""}`);
}

/** A conference by id, for someone who may read its series; the same audited 404 otherwise. */
export async function requireApiConference(context: AppLoadContext, request: Request, id: string | undefined) {
  requireApiUser(context);
  const number = Number(id);
  const conference = Number.isSafeInteger(number) && number > 0 ? await getConference(context.db, number) : null;
  const series = conference ? await getSeriesById(context.db, conference.seriesId) : undefined;
  const access = await allowApiSeries(context, request, series, `conference:${id ?? ""}`);
  // The series was found through the conference: past the check, both exist.
  return { ...access, conference: conference! };
}

/** The one series-access check of every /api/v1 route. */
async function allowApiSeries<S extends { id: number }>(context: AppLoadContext, request: Request, series: S | null | undefined, subject: string) {
  const user = requireApiUser(context);
  const membership = series ? await getMembership(context.db, series.id, user.id) : null;
  if (!series || !can({ user, membership }, "series.view")) throw await apiNotFound(context, request, subject);
  return { user, series, membership };
}
