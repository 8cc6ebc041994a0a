import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import { isoNow, type Clock } from "./clock.server";

export type AuditKind =
  | "signin.succeeded"
  | "signin.failed"
  | "signin.throttled"
  | "signout"
  | "password.changed"
  | "signout.everywhere"
  | "setup.admin.created"
  | "authz.refused"
  | "origin.refused"
  | "user.created"
  | "invitation.created"
  | "invitation.resent"
  | "mail.stopped"
  | "invitation.accepted"
  | "agency.created"
  | "agency.updated"
  | "series.created"
  | "series.updated"
  | "series.languages"
  | "series.names"
  | "figure.named"
  | "text.translated"
  | "conference.created"
  | "conference.opened"
  | "conference.concluded"
  | "conference.restored"
  | "commitment.changed"
  | "agreement.changed"
  | "apitoken.created"
  | "apitoken.revoked"
  | "calendarfeed.created"
  | "calendarfeed.removed"
  | "membership.granted"
  | "membership.revoked";

export interface AuditEntry {
  kind: AuditKind;
  subject: string;
  actorId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: DB, clock: Clock, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      at: isoNow(clock),
      kind: entry.kind,
      subject: entry.subject,
      actor_id: entry.actorId ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

/**
 * Makes a change and writes its audit row in one transaction (joined when `db`
 * is one already): a change that fails leaves no row, and none is kept without
 * its row. `change` must do database work only, through `trx` alone. An entry
 * computed from the result may be null when the change found nothing to do.
 */
export function withAudit<T>(db: DB, clock: Clock, change: (trx: DB) => Promise<T>, entry: AuditEntry | ((result: T) => AuditEntry | null)): Promise<T> {
  return serializable(db, async (trx) => {
    const result = await change(trx);
    const row = typeof entry === "function" ? entry(result) : entry;
    if (row) await recordAudit(trx, clock, row);
    return result;
  });
}

export async function listAuditEvents(db: DB, options: { kind?: AuditKind; limit?: number } = {}) {
  let query = db.selectFrom("audit_events").selectAll().orderBy("id", "desc").limit(options.limit ?? 100);
  if (options.kind) query = query.where("kind", "=", options.kind);
  return query.execute();
}
