import { redirect, type AppLoadContext } from "@remix-run/node";
import { recordAudit } from "../models/audit.server";
import { can, canGlobally, type SeriesAction } from "../models/permissions.server";
import { getSeriesForMember } from "../models/series.server";
import type { SessionUser } from "../models/session.server";

/** Paths someone who is not signed in may open. */
export function isPublicPath(pathname: string): boolean {
  return pathname === "/login" || pathname.startsWith("/invite/") || pathname.startsWith("/setup/") || pathname.startsWith("/notifications/stop/") || pathname === "/settings/language";
}

export function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  if (!context.user) throw loginRedirect(request);
  return context.user;
}

/** Audits a refusal and gives the response to throw: 404 hides what exists, 403 says no. */
export async function refuse(context: AppLoadContext, request: Request, status: 403 | 404, subject: string) {
  await recordAudit(context.db, context.clock, {
    kind: "authz.refused",
    subject,
    actorId: context.user?.id ?? null,
    ip: context.clientIp,
    detail: { path: new URL(request.url).pathname, method: request.method },
  });
  return new Response(status === 404 ? "Not Found" : "Forbidden", { status });
}

export async function requireAdmin(context: AppLoadContext, request: Request): Promise<SessionUser> {
  const user = requireUser(context, request);
  if (!canGlobally(user, "admin.access")) throw await refuse(context, request, 403, "admin");
  return user;
}

/**
 * Loads a series for someone allowed to do `action` in it. A series the user
 * may not even see answers 404, exactly like one that does not exist.
 */
export async function requireSeries(
  context: AppLoadContext,
  request: Request,
  slug: string,
  action: SeriesAction = "series.view",
) {
  const user = requireUser(context, request);
  const { series, membership } = await getSeriesForMember(context.db, slug, user.id, context.locale);
  if (!series || !can({ user, membership }, "series.view")) {
    throw await refuse(context, request, 404, `series:${slug}`);
  }
  if (!can({ user, membership }, action)) throw await refuse(context, request, 403, `series:${slug}`);
  return { user, series, membership };
}

/**
 * Signs a person in and sends them on: any session the browser brought is
 * ended first, so a fresh id is issued (no fixation). `to` must already be a
 * checked same-site path.
 */
export async function startSessionAndRedirect(context: AppLoadContext, userId: string, to: string) {
  if (context.session) await context.sessions.end(context.session.id);
  const { setCookie } = await context.sessions.start(userId);
  return redirect(to, { status: 303, headers: { "Set-Cookie": setCookie } });
}
