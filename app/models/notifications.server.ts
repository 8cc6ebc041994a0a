import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import type { MailStatus } from "../../db/schema/index";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";
import { DELIVERIES, DIGEST_KIND, NOTIFICATION_KINDS, type Delivery, type NotificationKind, type NotificationParams } from "./notification-kinds";
import { effectiveTimeZone, isTimeZone } from "./time-zones";

// A person's notifications: the outbox rows addressed to them, read and
// marked read only by them, and their choices about mail. Every query is
// scoped by the acting user's id.

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** Identifies the event; with the recipient, unique (the outbox's idempotency key). */
  eventKey: string;
  seriesId: number | null;
  path: string;
  params: NotificationParams;
}

const mailStatusFor: Record<Delivery, MailStatus> = { immediate: "pending", digest: "digest", off: "none" };

/**
 * Adds notifications to the outbox; one that exists (same event and
 * recipient) is left as it is, so scans may repeat and run on several
 * processes. Returns how many rows were new.
 */
export async function enqueueNotifications(db: DB, clock: Clock, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const now = isoNow(clock);
  const userIds = [...new Set(rows.map((r) => r.userId))];
  const choices = new Map<string, Delivery>();
  for (let i = 0; i < userIds.length; i += 500) {
    const prefs = await db
      .selectFrom("notification_preferences")
      .select(["user_id", "kind", "delivery"])
      .where("user_id", "in", userIds.slice(i, i + 500))
      .execute();
    for (const p of prefs) choices.set(`${p.user_id}\u0000${p.kind}`, p.delivery);
  }
  let added = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows.slice(i, i + 200).map((r) => ({
      user_id: r.userId,
      event_key: r.eventKey,
      kind: r.kind,
      series_id: r.seriesId,
      path: r.path,
      params: JSON.stringify(r.params),
      created_at: now,
      read_at: null,
      mail_status: mailStatusFor[choices.get(`${r.userId}\u0000${r.kind}`) ?? "immediate"],
      mail_next_at: now,
    }));
    const result = await db
      .insertInto("notifications")
      .values(values)
      .onConflict((oc) => oc.columns(["event_key", "user_id"]).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  path: string;
  params: NotificationParams;
  createdAt: string;
  read: boolean;
}

export const NOTIFICATIONS_PAGE_SIZE = 25;

/** One page of a person's notifications, newest first. */
export async function pageOfNotifications(db: DB, userId: string, page: number) {
  const { total } = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .where("user_id", "=", userId)
    .where("kind", "!=", DIGEST_KIND)
    .executeTakeFirstOrThrow();
  const pages = Math.max(1, Math.ceil(Number(total) / NOTIFICATIONS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "kind", "path", "params", "created_at", "read_at"])
    .where("user_id", "=", userId)
    // A digest is a mail about notifications already listed here.
    .where("kind", "!=", DIGEST_KIND)
    .orderBy("id", "desc")
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((current - 1) * NOTIFICATIONS_PAGE_SIZE)
    .execute();
  const items: NotificationItem[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind as NotificationKind,
    path: r.path,
    params: JSON.parse(r.params) as NotificationParams,
    createdAt: r.created_at,
    read: r.read_at !== null,
  }));
  return { items, page: current, pages, total: Number(total) };
}

export async function countUnread(db: DB, userId: string): Promise<number> {
  const { n } = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Marks one of the person's own notifications read. Someone else's (or one
 * that does not exist) is refused the same way, so ids reveal nothing.
 */
export async function markRead(db: DB, clock: Clock, userId: string, id: number): Promise<void> {
  const row = await db.selectFrom("notifications").select(["id", "read_at"]).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  if (!row) throw new DomainError("notificationNotFound");
  if (row.read_at) return;
  await db.updateTable("notifications").set({ read_at: isoNow(clock) }).where("id", "=", id).where("user_id", "=", userId).execute();
}

export async function markAllRead(db: DB, clock: Clock, userId: string): Promise<void> {
  await db.updateTable("notifications").set({ read_at: isoNow(clock) }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}

/** The path a notification opens, after marking it read; null when it is not the person's. */
export async function openNotification(db: DB, clock: Clock, userId: string, id: number): Promise<string | null> {
  const row = await db.selectFrom("notifications").select(["path"]).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  if (!row) return null;
  await markRead(db, clock, userId, id);
  return row.path;
}

// ---- preferences ---------------------------------------------------------

export type NotificationPreferences = Record<NotificationKind, Delivery>;

export async function getPreferences(db: DB, userId: string): Promise<NotificationPreferences> {
  const rows = await db.selectFrom("notification_preferences").select(["kind", "delivery"]).where("user_id", "=", userId).execute();
  const prefs = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, "immediate"])) as NotificationPreferences;
  for (const r of rows) if ((NOTIFICATION_KINDS as readonly string[]).includes(r.kind)) prefs[r.kind as NotificationKind] = r.delivery;
  return prefs;
}

export async function setPreferences(db: DB, userId: string, prefs: Partial<NotificationPreferences>): Promise<void> {
  const entries = Object.entries(prefs).filter(([kind, delivery]) => (NOTIFICATION_KINDS as readonly string[]).includes(kind) && (DELIVERIES as readonly string[]).includes(delivery));
  if (entries.length === 0) return;
  await serializable(db, async (trx) => {
    for (const [kind, delivery] of entries) {
      await trx
        .insertInto("notification_preferences")
        .values({ user_id: userId, kind, delivery: delivery })
        .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ delivery: delivery }))
        .execute();
    }
  });
}

/** The person's own time zone, or null to follow their agency. */
export async function getTimeZone(db: DB, userId: string): Promise<string | null> {
  const row = await db.selectFrom("users").select("time_zone").where("id", "=", userId).executeTakeFirst();
  return row?.time_zone ?? null;
}

export async function setTimeZone(db: DB, userId: string, zone: string | null): Promise<void> {
  if (zone !== null && !isTimeZone(zone)) throw new DomainError("timeZoneInvalid", "timeZone");
  await db.updateTable("users").set({ time_zone: zone }).where("id", "=", userId).execute();
}

/** The zone a person follows when they choose none: their agency's, or UTC. */
export async function agencyTimeZoneOf(db: DB, userId: string): Promise<string> {
  const row = await db
    .selectFrom("users as u")
    .leftJoin("agencies as a", "a.id", "u.agency_id")
    .select(["a.time_zone", "a.country"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  return effectiveTimeZone(null, row?.time_zone ?? null, row?.country ?? null);
}

/** Each agency's own time zone, where one is set (the default of its people). */
export async function agencyTimeZones(db: DB): Promise<Record<number, string>> {
  const rows = await db.selectFrom("agencies").select(["id", "time_zone"]).where("time_zone", "is not", null).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.time_zone!]));
}

export async function setAgencyTimeZone(db: DB, agencyId: number, zone: string | null): Promise<void> {
  if (zone !== null && !isTimeZone(zone)) throw new DomainError("timeZoneInvalid", "timeZone");
  await db.updateTable("agencies").set({ time_zone: zone }).where("id", "=", agencyId).execute();
}
