import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import { isoNow, type Clock } from "./clock.server";
import { DIGEST_KIND, type DigestItem, type NotificationKind, type NotificationParams } from "./notification-kinds";
import { yieldToEventLoop } from "./notification-scan.server";
import { effectiveTimeZone, QUIET_FROM_HOUR, QUIET_UNTIL_HOUR } from "./time-zones";

// The daily digest: once a day, in the person's daytime, the notifications
// they chose to get "in a daily digest" become one mail. The digest is itself
// a row of the outbox (kind "digest", key "digest:<local date>"), so it is sent
// by the same claim-and-mark path as any mail, once; the rows it gathers are
// marked "digested" in the transaction that creates it, so none is in two
// digests and none is forgotten.

const MAX_ITEMS = 200;

function localDateAndHour(now: Date, zone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")) };
}

/** Puts together today's digest for everyone who has notifications waiting for one and no digest yet today. Returns how many. */
export async function composeDigests(db: DB, clock: Clock): Promise<number> {
  const now = clock.now();
  const people = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .leftJoin("agencies as a", "a.id", "u.agency_id")
    .select(["u.id", "u.time_zone", "a.time_zone as agencyZone", "a.country"])
    .where("n.mail_status", "=", "digest")
    .distinct()
    .execute();
  let composed = 0;
  for (const person of people) {
    const { date, hour } = localDateAndHour(now, effectiveTimeZone(person.time_zone, person.agencyZone, person.country));
    if (hour < QUIET_UNTIL_HOUR || hour >= QUIET_FROM_HOUR) continue;
    const made = await serializable(db, async (trx) => {
      const waiting = await trx
        .selectFrom("notifications")
        .select(["id", "kind", "path", "params", "series_id"])
        .where("user_id", "=", person.id)
        .where("mail_status", "=", "digest")
        .orderBy("id")
        .limit(MAX_ITEMS)
        .execute();
      if (waiting.length === 0) return false;
      const items: DigestItem[] = waiting.map((w) => ({ kind: w.kind as NotificationKind, path: w.path, params: JSON.parse(w.params) as NotificationParams }));
      const at = isoNow(clock);
      const inserted = await trx
        .insertInto("notifications")
        .values({
          user_id: person.id,
          event_key: `${DIGEST_KIND}:${date}`,
          kind: DIGEST_KIND,
          series_id: null,
          path: "/notifications",
          params: JSON.stringify({ items } satisfies NotificationParams),
          created_at: at,
          // Not a notification of its own in the list: a mail about those listed there.
          read_at: at,
          mail_status: "pending",
          mail_next_at: at,
        })
        .onConflict((oc) => oc.columns(["event_key", "user_id"]).doNothing())
        .executeTakeFirst();
      // Today's digest exists already: these wait for tomorrow's.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await trx
        .updateTable("notifications")
        .set({ mail_status: "digested" })
        .where("id", "in", waiting.map((w) => w.id))
        .where("mail_status", "=", "digest")
        .execute();
      return true;
    });
    if (made) composed++;
    await yieldToEventLoop();
  }
  return composed;
}
