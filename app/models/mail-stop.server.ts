import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import { isoNow, type Clock } from "./clock.server";
import { newSecretToken, sha256Hex } from "./ids.server";
import { DIGEST_KIND, isNotificationKind, type NotificationKind } from "./notification-kinds";

// The one-click way out of a kind of mail (decision 0035): each notification
// mail carries a link of its own that turns that kind of mail off for its
// recipient, without signing in (a delegate reading mail on a phone at a
// border post has no password at hand). Only a hash of the link's token is
// kept; a link works for STOP_LINK_DAYS; it can only ever turn mail off.

export const STOP_LINK_DAYS = 90;

export type StopKind = NotificationKind | typeof DIGEST_KIND;

/** Mints the token for one mail's stop link. */
export async function issueStopToken(db: DB, clock: Clock, userId: string, kind: StopKind): Promise<string> {
  const token = newSecretToken();
  await db.insertInto("mail_stop_tokens").values({ token_hash: sha256Hex(token), user_id: userId, kind, created_at: isoNow(clock) }).execute();
  return token;
}

/** What a stop link is about, while it works. */
export async function findStopLink(db: DB, clock: Clock, token: string): Promise<{ userId: string; email: string; kind: StopKind } | null> {
  const since = new Date(clock.now().getTime() - STOP_LINK_DAYS * 86_400_000).toISOString();
  const row = await db
    .selectFrom("mail_stop_tokens as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.user_id", "s.kind", "u.email"])
    .where("s.token_hash", "=", sha256Hex(token))
    .where("s.created_at", ">", since)
    .executeTakeFirst();
  if (!row || !(row.kind === DIGEST_KIND || isNotificationKind(row.kind))) return null;
  return { userId: row.user_id, email: row.email, kind: row.kind };
}

/**
 * Turns the link's kind of mail off: one kind, or for the digest every kind
 * the person had chosen to gather in it. Doing it twice changes nothing.
 */
export async function stopMail(db: DB, clock: Clock, token: string): Promise<{ userId: string; email: string; kind: StopKind } | null> {
  const link = await findStopLink(db, clock, token);
  if (!link) return null;
  const kinds =
    link.kind === DIGEST_KIND
      ? (await db.selectFrom("notification_preferences").select("kind").where("user_id", "=", link.userId).where("delivery", "=", "digest").execute())
          .map((r) => r.kind)
          .filter(isNotificationKind)
      : [link.kind];
  await serializable(db, async (trx) => {
    for (const kind of kinds) {
      await trx
        .insertInto("notification_preferences")
        .values({ user_id: link.userId, kind, delivery: "off" })
        .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ delivery: "off" }))
        .execute();
    }
  });
  return link;
}

/** Forgets stop links past their time (run by the notifier now and then). */
export async function purgeStopTokens(db: DB, clock: Clock): Promise<void> {
  const before = new Date(clock.now().getTime() - STOP_LINK_DAYS * 86_400_000).toISOString();
  await db.deleteFrom("mail_stop_tokens").where("created_at", "<=", before).execute();
}
