import type { DB } from "../../db/connection";
import type { Clock } from "../../app/models/clock.server";
import { newSecretToken } from "../../app/models/ids.server";
import { renderInvitationMail } from "../../app/models/invitation-mail.server";
import { addInvitationToken } from "../../app/models/invitations.server";
import { claimMail, sendClaimed, type DeliveryOptions, type DeliveryStats } from "./delivery";
import type { SendMail } from "./mailer";

// Sends the invitations' outbox (decision 0030). A row says "mail this
// invitation"; it holds no secret. Once a row is claimed, a token is minted
// for this mail alone, its hash stored beside the invitation, and the token
// exists in clear only in the message. A copy sent again after a crash
// carries another token: both open the invitation until it is used or expires.
// An invitation that was used or has expired is not mailed.

export async function deliverInvitationMail(db: DB, clock: Clock, send: SendMail, options: DeliveryOptions, keepGoing: () => Promise<boolean>): Promise<DeliveryStats> {
  const stats: DeliveryStats = { sent: 0, failed: 0, deferred: 0 };
  const due = await db
    .selectFrom("invitation_mails as m")
    .innerJoin("invitations as i", "i.id", "m.invitation_id")
    .leftJoin("users as u", "u.id", "m.requested_by")
    .select(["m.id", "m.mail_attempts", "i.id as invitationId", "i.email", "i.name", "i.locale", "i.expires_at", "i.used_at", "u.name as inviter"])
    .where("m.mail_status", "=", "pending")
    .where("m.mail_next_at", "<=", clock.now().toISOString())
    .orderBy("m.mail_next_at")
    .orderBy("m.id")
    .limit(options.batchSize)
    .execute();
  for (const row of due) {
    if (!(await keepGoing())) break;
    if (row.used_at !== null || row.expires_at <= clock.now().toISOString()) {
      await db.updateTable("invitation_mails").set({ mail_status: "obsolete" }).where("id", "=", row.id).where("mail_status", "=", "pending").execute();
      continue;
    }
    const attemptId = await claimMail(db, clock, "invitation_mails", row.id, row.mail_attempts);
    if (!attemptId) continue;
    const token = newSecretToken();
    await addInvitationToken(db, clock, row.invitationId, token);
    const mail = renderInvitationMail({
      invitee: { name: row.name, email: row.email },
      inviter: row.inviter ?? "Accord",
      locale: row.locale,
      link: `${options.origin}/invite/${token}`,
      expiresAt: row.expires_at,
    });
    const outcome = await sendClaimed(db, clock, { table: "invitation_mails", id: row.id, attemptId, attemptsSoFar: row.mail_attempts }, options, () =>
      send({ to: row.email, ...mail, messageId: `<invitation-${row.id}@accord>` }),
    );
    stats[outcome]++;
  }
  return stats;
}
