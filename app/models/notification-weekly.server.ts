import type { DB } from "../../db/connection";
import { seriesNamesIn, seriesParams } from "./series-names.server";
import type { Clock } from "./clock.server";
import { todayOf } from "./commitments.server";
import { getLeaderOverview } from "./leader-overview.server";
import { addDays, mondayOf } from "./notification-dates";
import type { NotificationParams } from "./notification-kinds";
import { membersOf } from "./notification-recipients.server";
import { enqueueNotifications } from "./notifications.server";

/**
 * Each week, for the observers (heads of delegation) of every series: what
 * the last full week (Monday to Sunday) brought. Made by the first scan of
 * the new week, and only for weeks that began after notifications did, so
 * that a new installation does not summarise a week it never watched.
 */
export async function scanWeeklySummaries(db: DB, clock: Clock, startedAt: string): Promise<number> {
  const thisMonday = mondayOf(todayOf(clock));
  const from = addDays(thisMonday, -7);
  if (startedAt.slice(0, 10) > from) return 0;
  const to = addDays(thisMonday, -1);
  const seriesList = await db
    .selectFrom("series")
    .select(["id", "slug", "name"])
    .where((eb) => eb.exists(eb.selectFrom("memberships").select("user_id").whereRef("memberships.series_id", "=", "series.id").where("memberships.role", "=", "observer")))
    .execute();
  let added = 0;
  for (const series of seriesList) {
    const key = `weekly:${series.id}:${from}`;
    const observers = await membersOf(db, series.id, null, ["observer"]);
    const already = await db.selectFrom("notifications").select("id").where("event_key", "=", key).limit(1).executeTakeFirst();
    if (already || observers.length === 0) continue;
    const [agreed, done, overview] = await Promise.all([
      db
        .selectFrom("commitments")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("series_id", "=", series.id)
        .where("created_at", ">=", `${from}T00:00:00.000Z`)
        .where("created_at", "<", `${thisMonday}T00:00:00.000Z`)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom("commitment_events as e")
        .innerJoin("commitments as c", "c.id", "e.commitment_id")
        .select((eb) => eb.fn.count<number>("e.commitment_id").distinct().as("n"))
        .where("c.series_id", "=", series.id)
        .where("e.kind", "=", "status")
        .where("e.to_value", "=", "done")
        .where("e.at", ">=", `${from}T00:00:00.000Z`)
        .where("e.at", "<", `${thisMonday}T00:00:00.000Z`)
        .executeTakeFirstOrThrow(),
      getLeaderOverview(db, clock, series.id, { overdue: 0, mostCarried: 0, figures: 0, figurePoints: 0 }),
    ]);
    const params: NotificationParams = {
      ...seriesParams(series.name, series.id, await seriesNamesIn(db, [series.id])),
      week: { from, to, agreed: Number(agreed.n), done: Number(done.n), late: overview.overdueCount, carried: overview.carriedOpen },
    };
    added += await enqueueNotifications(
      db,
      clock,
      observers.map((r) => ({ userId: r.userId, kind: "weeklySummary", eventKey: key, seriesId: series.id, path: `/series/${series.slug}/leader`, params })),
    );
  }
  return added;
}
