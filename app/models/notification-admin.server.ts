import type { DB } from "../../db/connection";
import type { MailStatus } from "../../db/schema/index";

// What administrators see of mail: how many are in each state, and the latest
// that failed or were sent, with the reason a server gave. Notification mail
// and invitation mail (whose recipients are not users yet) side by side.

export interface MailRow {
  /** Unique across both outboxes, e.g. "n42" or "i7". */
  key: string;
  email: string;
  kind: string;
  status: MailStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAt: string;
  error: string | null;
}

const MAIL_COLUMNS = ["mail_status", "mail_attempts", "created_at", "mail_sent_at", "mail_next_at", "mail_error"] as const;

type Order = "mail_sent_at" | "id";

async function notificationRows(db: DB, statuses: MailStatus[], order: Order, limit: number): Promise<MailRow[]> {
  const list = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .select(["n.id", "u.email", "n.kind", ...MAIL_COLUMNS.map((c) => `n.${c}` as const)])
    .where("n.mail_status", "in", statuses)
    .orderBy(order === "id" ? "n.created_at" : "n.mail_sent_at", "desc")
    .orderBy("n.id", "desc")
    .limit(limit)
    .execute();
  return list.map((r) => toRow(`n${r.id}`, r.email, r.kind, r));
}

async function invitationRows(db: DB, statuses: MailStatus[], order: Order, limit: number): Promise<MailRow[]> {
  const list = await db
    .selectFrom("invitation_mails as m")
    .innerJoin("invitations as i", "i.id", "m.invitation_id")
    .select(["m.id", "i.email", ...MAIL_COLUMNS.map((c) => `m.${c}` as const)])
    .where("m.mail_status", "in", statuses)
    .orderBy(order === "id" ? "m.created_at" : "m.mail_sent_at", "desc")
    .orderBy("m.id", "desc")
    .limit(limit)
    .execute();
  return list.map((r) => toRow(`i${r.id}`, r.email, "invitation", r));
}

function toRow(
  key: string,
  email: string,
  kind: string,
  r: { mail_status: MailStatus; mail_attempts: number; created_at: string; mail_sent_at: string | null; mail_next_at: string; mail_error: string | null },
): MailRow {
  return { key, email, kind, status: r.mail_status, attempts: r.mail_attempts, createdAt: r.created_at, sentAt: r.mail_sent_at, nextAt: r.mail_next_at, error: r.mail_error };
}

/** Newest first, by when it was sent (sent mail) or asked for (the rest). */
async function bothOutboxes(db: DB, statuses: MailStatus[], order: Order, limit: number): Promise<MailRow[]> {
  const [a, b] = await Promise.all([notificationRows(db, statuses, order, limit), invitationRows(db, statuses, order, limit)]);
  const when = (r: MailRow) => (order === "mail_sent_at" ? (r.sentAt ?? "") : r.createdAt);
  return [...a, ...b].sort((x, y) => when(y).localeCompare(when(x))).slice(0, limit);
}

export async function getMailOverview(db: DB, limit = 50) {
  const counts: Partial<Record<MailStatus, number>> = {};
  for (const table of ["notifications", "invitation_mails"] as const) {
    const rows = await db
      .selectFrom(table)
      .select((eb) => ["mail_status", eb.fn.countAll<number>().as("n")])
      .groupBy("mail_status")
      .execute();
    for (const row of rows) counts[row.mail_status] = (counts[row.mail_status] ?? 0) + Number(row.n);
  }
  const [troubled, sent] = await Promise.all([
    // Failed for good, or pending after at least one refusal.
    bothOutboxes(db, ["failed", "pending", "sending"], "id", limit).then((list) => list.filter((r) => r.status === "failed" || r.error !== null || r.status === "sending")),
    bothOutboxes(db, ["sent"], "mail_sent_at", limit),
  ]);
  return { counts, troubled, sent };
}
