import type { AppLoadContext } from "@remix-run/node";
import { createApiToken, revokeApiToken } from "../models/api-tokens.server";
import { withAudit } from "../models/audit.server";
import { createCalendarFeed, removeCalendarFeed } from "../models/calendar-feed.server";
import { createFirstAdmin } from "../models/first-admin.server";
import { acceptInvitation } from "../models/invitations.server";
import { stopMail } from "../models/mail-stop.server";
import { signOutEverywhere } from "./sign-out-everywhere.server";
import { changePassword } from "../models/users.server";
import type { Actor } from "./actor";

// What a person changes about their own account: each change and its audit row
// are one transaction. Sessions are started and ended by the session module
// after the change is committed (see decision 0040).

type Services = Pick<AppLoadContext, "db" | "clock">;
type Person = Actor & { email: string };

const entryFor = (kind: "apitoken.created" | "apitoken.revoked" | "calendarfeed.created" | "calendarfeed.removed" | "password.changed", person: Person) => ({
  kind,
  subject: person.email,
  actorId: person.userId,
  ip: person.ip,
});

export function addApiToken(services: Services, person: Person, name: string) {
  return withAudit(services.db, services.clock, (trx) => createApiToken(trx, services.clock, person.userId, name), entryFor("apitoken.created", person));
}

/** `id` null: nothing valid was asked for, and the request is still recorded. */
export function dropApiToken(services: Services, person: Person, id: number | null) {
  return withAudit(
    services.db,
    services.clock,
    async (trx) => {
      if (id !== null) await revokeApiToken(trx, services.clock, person.userId, id);
    },
    entryFor("apitoken.revoked", person),
  );
}

export function addCalendarFeed(services: Services, person: Person) {
  return withAudit(services.db, services.clock, (trx) => createCalendarFeed(trx, services.clock, person.userId), entryFor("calendarfeed.created", person));
}

export function dropCalendarFeed(services: Services, person: Person) {
  return withAudit(services.db, services.clock, (trx) => removeCalendarFeed(trx, person.userId), entryFor("calendarfeed.removed", person));
}

/**
 * A new password, then every session and API token of the person ends (each
 * step with its own audit row); the caller then starts this browser a fresh session.
 */
export async function changeOwnPassword(services: Services & Pick<AppLoadContext, "sessions" | "collab">, person: Person, current: string, next: string) {
  await withAudit(services.db, services.clock, (trx) => changePassword(trx, person.userId, current, next), entryFor("password.changed", person));
  return signOutEverywhere(services.db, services, { userId: person.userId, email: person.email, actorId: person.userId, ip: person.ip, reason: "password.changed" });
}

export function acceptInvitationAs(services: Services, ip: string, token: string, password: string) {
  return withAudit(
    services.db,
    services.clock,
    (trx) => acceptInvitation(trx, services.clock, token, password),
    (user) => ({ kind: "invitation.accepted", subject: user.email, actorId: user.id, ip }),
  );
}

export function setUpFirstAdmin(services: Services, ip: string, token: string, input: Parameters<typeof createFirstAdmin>[3]) {
  return withAudit(
    services.db,
    services.clock,
    (trx) => createFirstAdmin(trx, services.clock, token, input),
    (user) => ({ kind: "setup.admin.created", subject: user.email, actorId: user.id, ip }),
  );
}

/** The one-click stop link: nothing is changed or recorded when the link is unknown or spent. */
export function stopMailByLink(services: Services, ip: string, token: string) {
  return withAudit(
    services.db,
    services.clock,
    (trx) => stopMail(trx, services.clock, token),
    (stopped) => (stopped ? { kind: "mail.stopped", subject: stopped.email, actorId: stopped.userId, ip, detail: { kind: stopped.kind } } : null),
  );
}
