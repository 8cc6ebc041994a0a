import type { AppLoadContext } from "@remix-run/node";
import { createAgency, updateAgency } from "../models/agencies.server";
import { withAudit, type AuditKind } from "../models/audit.server";
import { createInvitation, resendInvitation } from "../models/invitations.server";
import { grantMembership, revokeMembership } from "../models/memberships.server";
import { setAgencyTimeZone } from "../models/notifications.server";
import { createSeries, setReviewNoticeDays, updateSeries } from "../models/series.server";
import { createUser } from "../models/users.server";
import type { Actor } from "./actor";

// What an administrator (or a series' configurer) changes: each change and its
// audit row are one transaction; sockets are told after it is committed.

type Services = Pick<AppLoadContext, "db" | "clock">;

type AgencyInput = Parameters<typeof createAgency>[2] & { timeZone?: string | null };

export function addAgency(services: Services, actor: Actor, input: AgencyInput) {
  return withAudit(
    services.db,
    services.clock,
    async (trx) => {
      const agency = await createAgency(trx, services.clock, input);
      if (input.timeZone) await setAgencyTimeZone(trx, agency.id, input.timeZone);
      return agency;
    },
    (agency) => ({ kind: "agency.created", subject: agency.code, actorId: actor.userId, ip: actor.ip }),
  );
}

export function saveAgency(services: Services, actor: Actor, id: number, input: AgencyInput) {
  return withAudit(
    services.db,
    services.clock,
    async (trx) => {
      await updateAgency(trx, id, input);
      if (input.timeZone !== undefined) await setAgencyTimeZone(trx, id, input.timeZone);
    },
    { kind: "agency.updated", subject: input.code, actorId: actor.userId, ip: actor.ip },
  );
}

export function addSeries(services: Services, actor: Actor, input: Parameters<typeof createSeries>[2]) {
  return withAudit(
    services.db,
    services.clock,
    (trx) => createSeries(trx, services.clock, input),
    (series) => ({ kind: "series.created", subject: `series:${series.slug}`, actorId: actor.userId, ip: actor.ip }),
  );
}

type SeriesRef = { id: number; slug: string };
const seriesEntry = (kind: AuditKind, series: SeriesRef, actor: Actor, detail: Record<string, unknown>) => ({
  kind,
  subject: `series:${series.slug}`,
  actorId: actor.userId,
  ip: actor.ip,
  detail,
});

export function saveSeries(services: Services, actor: Actor, series: SeriesRef, input: Parameters<typeof updateSeries>[2], detail: Record<string, unknown>) {
  return withAudit(services.db, services.clock, (trx) => updateSeries(trx, series.id, input), seriesEntry("series.updated", series, actor, detail));
}

export function saveReviewNoticeDays(services: Services, actor: Actor, series: SeriesRef, days: number) {
  return withAudit(services.db, services.clock, (trx) => setReviewNoticeDays(trx, series.id, days), seriesEntry("series.updated", series, actor, { reviewNoticeDays: days }));
}

/** A role in a series; the person's open sockets are checked again once it is committed. */
export async function grantSeriesRole(
  services: Services & Pick<AppLoadContext, "collab">,
  actor: Actor,
  series: SeriesRef,
  input: Omit<Parameters<typeof grantMembership>[2], "seriesId">,
  detail: Record<string, unknown>,
) {
  await withAudit(services.db, services.clock, (trx) => grantMembership(trx, services.clock, { seriesId: series.id, ...input }), seriesEntry("membership.granted", series, actor, detail));
  await services.collab.revalidate(input.userId);
}

export async function revokeSeriesRole(services: Services & Pick<AppLoadContext, "collab">, actor: Actor, series: SeriesRef, userId: string) {
  await withAudit(services.db, services.clock, (trx) => revokeMembership(trx, series.id, userId), seriesEntry("membership.revoked", series, actor, { userId }));
  await services.collab.revalidate(userId);
}

export function addUser(services: Services, actor: Actor, input: Parameters<typeof createUser>[2]) {
  return withAudit(
    services.db,
    services.clock,
    (trx) => createUser(trx, services.clock, input),
    (user) => ({ kind: "user.created", subject: user.email, actorId: actor.userId, ip: actor.ip }),
  );
}

/** The invitation, its mail (when mail is on) and the audit row are one transaction; the token is shown once. */
export function invite(services: Services, actor: Actor, input: Omit<Parameters<typeof createInvitation>[2], "createdBy">) {
  return withAudit(
    services.db,
    services.clock,
    (trx) => createInvitation(trx, services.clock, { ...input, createdBy: actor.userId }),
    { kind: "invitation.created", subject: input.email, actorId: actor.userId, ip: actor.ip, detail: { locale: input.locale, mailed: input.mail } },
  );
}

export function inviteAgain(services: Services, actor: Actor, invitationId: number) {
  return withAudit(
    services.db,
    services.clock,
    (trx) => resendInvitation(trx, services.clock, { invitationId, requestedBy: actor.userId }),
    (resent) => ({ kind: "invitation.resent", subject: resent.email, actorId: actor.userId, ip: actor.ip }),
  );
}
