import type { DB } from "../../db/connection";
import type { MailStatus } from "../../db/schema/index";

// What administrators see of notification mail: how many are in each state,
// and the latest that failed or were sent, with the reason a server gave.

export interface MailRow {
  id: number;
  email: string;
  kind: string;
  status: MailStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAt: string;
  error: string | null;
}

export async function getMailOverview(db: DB, limit = 50) {
  const counts = await db
    .selectFrom("notifications")
    .select((eb) => ["mail_status", eb.fn.countAll<number>().as("n")])
    .groupBy("mail_status")
    .execute();
  const rows = (statuses: MailStatus[], order: "mail_sent_at" | "id") =>
    db
      .selectFrom("notifications as n")
      .innerJoin("users as u", "u.id", "n.user_id")
      .select(["n.id", "u.email", "n.kind", "n.mail_status", "n.mail_attempts", "n.created_at", "n.mail_sent_at", "n.mail_next_at", "n.mail_error"])
      .where("n.mail_status", "in", statuses)
      .orderBy(order === "id" ? "n.id" : "n.mail_sent_at", "desc")
      .limit(limit)
      .execute()
      .then((list) =>
        list.map(
          (r): MailRow => ({
            id: r.id,
            email: r.email,
            kind: r.kind,
            status: r.mail_status,
            attempts: r.mail_attempts,
            createdAt: r.created_at,
            sentAt: r.mail_sent_at,
            nextAt: r.mail_next_at,
            error: r.mail_error,
          }),
        ),
      );
  const [troubled, sent] = await Promise.all([
    // Failed for good, or pending after at least one refusal.
    rows(["failed", "pending", "sending"], "id").then((list) => list.filter((r) => r.status === "failed" || r.error !== null || r.status === "sending")),
    rows(["sent"], "mail_sent_at"),
  ]);
  return { counts: Object.fromEntries(counts.map((c) => [c.mail_status, Number(c.n)])) as Partial<Record<MailStatus, number>>, troubled, sent };
}
