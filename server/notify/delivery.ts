import { randomUUID } from "node:crypto";
import type { DB } from "../../db/connection";
import type { Clock } from "../../app/models/clock.server";
import { DIGEST_KIND, isNotificationKind, type NotificationParams } from "../../app/models/notification-kinds";
import { renderNotificationMail } from "../../app/models/notification-mail.server";
import { effectiveTimeZone, endOfQuietHours } from "../../app/models/time-zones";
import { issueStopToken } from "../../app/models/mail-stop.server";
import type { SendMail } from "./mailer";

// Sends the outbox's pending mail, each row at most once per claim:
//   pending --claim (attempt id)--> sending --accepted by SMTP--> sent
//                                       \--error--> pending later (backoff) or failed
// A row is claimed by an update that only succeeds while it is pending, and
// marked sent only by the attempt that claimed it. A process that dies
// between claiming and marking leaves the row "sending"; after SENDING_STALE_MS
// (longer than any send can take, see mailer.ts) it is pending again and sent
// with the same Message-ID (decision 0024 says what that means).

export interface DeliveryOptions {
  origin: string;
  /** First retry after this long; each next one waits twice as long, up to an hour. */
  retryBaseMs: number;
  maxAttempts: number;
  /** Mail older than this when it could finally go (mail was off) is not sent: it is in the app. */
  staleAfterMs: number;
  batchSize: number;
}

export const SENDING_STALE_MS = 2 * 60_000;
const MAX_RETRY_MS = 60 * 60_000;

export interface DeliveryStats {
  sent: number;
  failed: number;
  deferred: number;
}

export function retryDelay(baseMs: number, attempts: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** The outboxes that hold mail in the same states: notifications, and invitations (whose recipients are not users yet). */
export type MailTable = "notifications" | "invitation_mails";

/** Puts back mail whose sender stopped between claiming and marking it. */
export async function recoverStaleSends(db: DB, clock: Clock): Promise<number> {
  const before = new Date(clock.now().getTime() - SENDING_STALE_MS).toISOString();
  let recovered = 0;
  for (const table of ["notifications", "invitation_mails"] as const) {
    const result = await db
      .updateTable(table)
      .set({ mail_status: "pending", mail_attempt_id: null })
      .where("mail_status", "=", "sending")
      .where("mail_claimed_at", "<", before)
      .executeTakeFirst();
    recovered += Number(result.numUpdatedRows);
  }
  return recovered;
}

/** Takes a pending row for one attempt; null when another sender (or a change of state) got there first. */
export async function claimMail(db: DB, clock: Clock, table: MailTable, id: number, attemptsSoFar: number): Promise<string | null> {
  const attemptId = randomUUID();
  const claimed = await db
    .updateTable(table)
    .set({ mail_status: "sending", mail_attempt_id: attemptId, mail_claimed_at: clock.now().toISOString(), mail_attempts: attemptsSoFar + 1 })
    .where("id", "=", id)
    .where("mail_status", "=", "pending")
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1 ? attemptId : null;
}

/** Sends a claimed row's message and records the outcome, only for the attempt that claimed it. */
export async function sendClaimed(
  db: DB,
  clock: Clock,
  claim: { table: MailTable; id: number; attemptId: string; attemptsSoFar: number },
  options: Pick<DeliveryOptions, "retryBaseMs" | "maxAttempts">,
  send: () => Promise<void>,
): Promise<"sent" | "failed"> {
  try {
    await send();
    await db
      .updateTable(claim.table)
      .set({ mail_status: "sent", mail_sent_at: clock.now().toISOString(), mail_error: null })
      .where("id", "=", claim.id)
      .where("mail_attempt_id", "=", claim.attemptId)
      .execute();
    return "sent";
  } catch (error) {
    const attempts = claim.attemptsSoFar + 1;
    const giveUp = attempts >= options.maxAttempts;
    await db
      .updateTable(claim.table)
      .set({
        mail_status: giveUp ? "failed" : "pending",
        mail_attempt_id: null,
        mail_next_at: new Date(clock.now().getTime() + retryDelay(options.retryBaseMs, attempts)).toISOString(),
        mail_error: String(error instanceof Error ? error.message : error).slice(0, 500),
      })
      .where("id", "=", claim.id)
      .where("mail_attempt_id", "=", claim.attemptId)
      .execute();
    return "failed";
  }
}

/**
 * Sends one batch of pending mail that is due. `keepGoing` is asked before
 * each message (the lease is still ours, the server is not stopping).
 */
export async function deliverPendingMail(db: DB, clock: Clock, send: SendMail, options: DeliveryOptions, keepGoing: () => Promise<boolean>): Promise<DeliveryStats> {
  const stats: DeliveryStats = { sent: 0, failed: 0, deferred: 0 };
  const due = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .leftJoin("agencies as a", "a.id", "u.agency_id")
    .leftJoin("notification_preferences as p", (join) => join.onRef("p.user_id", "=", "n.user_id").onRef("p.kind", "=", "n.kind"))
    .select(["n.id", "n.user_id", "n.kind", "n.path", "n.params", "n.created_at", "n.mail_attempts", "u.email", "u.name", "u.locale", "u.time_zone", "a.time_zone as agencyZone", "a.country", "p.delivery"])
    .where("n.mail_status", "=", "pending")
    .where("n.mail_next_at", "<=", clock.now().toISOString())
    .orderBy("n.mail_next_at")
    .orderBy("n.id")
    .limit(options.batchSize)
    .execute();
  for (const row of due) {
    if (!(await keepGoing())) break;
    const now = clock.now();
    const kind = row.kind === DIGEST_KIND ? DIGEST_KIND : isNotificationKind(row.kind) ? row.kind : null;
    if (!kind || now.getTime() - Date.parse(row.created_at) > options.staleAfterMs) {
      await db.updateTable("notifications").set({ mail_status: "stale" }).where("id", "=", row.id).where("mail_status", "=", "pending").execute();
      continue;
    }
    // The person changed their mind while this waited (quiet hours, retries): their choice now holds.
    if (row.delivery === "off" || row.delivery === "digest") {
      await db.updateTable("notifications").set({ mail_status: row.delivery === "off" ? "none" : "digest" }).where("id", "=", row.id).where("mail_status", "=", "pending").execute();
      continue;
    }
    const morning = endOfQuietHours(now, effectiveTimeZone(row.time_zone, row.agencyZone, row.country));
    if (morning) {
      await db.updateTable("notifications").set({ mail_next_at: morning.toISOString() }).where("id", "=", row.id).where("mail_status", "=", "pending").execute();
      stats.deferred++;
      continue;
    }
    const attemptId = await claimMail(db, clock, "notifications", row.id, row.mail_attempts);
    if (!attemptId) continue;
    const stopLink = `${options.origin}/notifications/stop/${await issueStopToken(db, clock, row.user_id, kind)}`;
    const mail = renderNotificationMail({
      kind,
      params: JSON.parse(row.params) as NotificationParams,
      path: row.path,
      recipient: { name: row.name, locale: row.locale },
      origin: options.origin,
      stopLink,
    });
    // One click in the mail program stops this kind of mail (RFC 8058), as the link in the mail does.
    const headers = { "List-Unsubscribe": `<${stopLink}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
    // The same Message-ID on every attempt: a copy that was accepted just before a crash is recognisably the same message.
    const outcome = await sendClaimed(db, clock, { table: "notifications", id: row.id, attemptId, attemptsSoFar: row.mail_attempts }, options, () =>
      send({ to: row.email, ...mail, messageId: `<notification-${row.id}@accord>`, headers }),
    );
    stats[outcome]++;
  }
  return stats;
}
