import type { DB } from "../../db/connection";
import { seriesNamesIn, seriesParams } from "./series-names.server";
import { isoNow, type Clock } from "./clock.server";
import { todayOf } from "./commitments.server";
import { addDays, daysBetween } from "./notification-dates";
import { ACTING_ROLES, membersOf, type Recipient } from "./notification-recipients.server";
import { scanWeeklySummaries } from "./notification-weekly.server";
import { REVIEW_NOTICE_DAYS, type NotificationParams } from "./notification-kinds";
import { enqueueNotifications, type NewNotification } from "./notifications.server";
import { commitmentTextsForReaders } from "./parallel-texts.server";

// Works out, from what is stored, which notifications are due, and adds them
// to the outbox with a key per event (notifications.server.ts). Nothing here
// remembers anything in memory: a scan after a restart, a repeated scan or a
// scan on a second process finds the same events and adds nothing twice.
//
//  - assignments, shares confirmed and status changes come from the
//    commitments' append-only history, read past a cursor kept in
//    notification_state (set to the end of the history the first time, so a
//    new installation does not announce its past);
//  - reminders (14 and 3 days before, overdue weekly) and review lists are
//    read from the current state on the day of the scan;
//  - conclusions from the adopted records since notifications began;
//  - the weekly summary for observers in notification-weekly.server.ts.

/** Reminders before a due date: the first at 14 days, the second at 3. */
export const DUE_SOON_DAYS = 14;
export const DUE_VERY_SOON_DAYS = 3;
export const OVERDUE_EVERY_DAYS = 7;

const OPEN_STATUSES = ["open", "in_progress", "blocked"] as const;
const EVENTS_PER_SCAN = 500;
const DUE_SLICE = 200;

/**
 * The SQLite driver answers synchronously, so a chain of awaited queries
 * never lets the event loop take a request in between. Scans pause here
 * between slices so that pages stay responsive while thousands of reminders
 * are checked.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ScanResult {
  added: number;
}

/** Runs every part of the scan once. Safe to run at any time, any number of times. */
export async function scanForNotifications(db: DB, clock: Clock): Promise<ScanResult> {
  const startedAt = await stateValue(db, "started_at", isoNow(clock));
  let added = 0;
  added += await scanHistory(db, clock);
  added += await scanDueDates(db, clock);
  added += await scanReviewLists(db, clock);
  added += await scanConclusions(db, clock, startedAt);
  added += await scanMentions(db, clock, startedAt);
  added += await scanWeeklySummaries(db, clock, startedAt);
  return { added };
}

// ---- state -----------------------------------------------------------------

/** Reads a named value, first storing `initial` if there is none (the first process to do so wins). */
async function stateValue(db: DB, name: string, initial: string): Promise<string> {
  await db.insertInto("notification_state").values({ name, value: initial }).onConflict((oc) => oc.column("name").doNothing()).execute();
  const row = await db.selectFrom("notification_state").select("value").where("name", "=", name).executeTakeFirstOrThrow();
  return row.value;
}

async function seriesFacts(db: DB, seriesId: number) {
  return db.selectFrom("series").select(["id", "slug", "name"]).where("id", "=", seriesId).executeTakeFirstOrThrow();
}

// ---- the commitments' history ------------------------------------------------

async function scanHistory(db: DB, clock: Clock): Promise<number> {
  const { last } = await db
    .selectFrom("commitment_events")
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirstOrThrow();
  const cursorText = await stateValue(db, "events_cursor", String(last ?? 0));
  let cursor = Number(cursorText);
  let added = 0;
  for (;;) {
    const events = await db
      .selectFrom("commitment_events as e")
      .innerJoin("commitments as c", "c.id", "e.commitment_id")
      .innerJoin("series as s", "s.id", "c.series_id")
      .select(["e.id", "e.commitment_id", "e.kind", "e.by", "e.from_value", "e.to_value", "c.series_id", "c.text", "c.base_language", "c.due_on", "s.name as seriesName"])
      .where("e.id", ">", cursor)
      .orderBy("e.id")
      .limit(EVENTS_PER_SCAN)
      .execute();
    if (events.length === 0) break;
    const rows: NewNotification[] = [];
    const seriesNames = await seriesNamesIn(db, events.map((e) => e.series_id));
    for (const [i, event] of events.entries()) {
      rows.push(...(await notificationsForEvent(db, event, seriesNames)));
      if (i % 50 === 49) await yieldToEventLoop();
    }
    added += await enqueueNotifications(db, clock, rows);
    await yieldToEventLoop();
    const next = events[events.length - 1].id;
    // Compare-and-set: if another process moved the cursor meanwhile, its value stands; keys make the overlap harmless.
    await db.updateTable("notification_state").set({ value: String(next) }).where("name", "=", "events_cursor").where("value", "=", String(cursor)).execute();
    cursor = next;
    if (events.length < EVENTS_PER_SCAN) break;
  }
  return added;
}

interface EventRow {
  id: number;
  commitment_id: number;
  kind: string;
  by: string | null;
  from_value: string | null;
  to_value: string | null;
  series_id: number;
  text: string;
  base_language: string;
  due_on: string | null;
  seriesName: string;
}

const ids = (list: string | null) => (list ? list.split(",").filter(Boolean).map(Number) : []);

async function notificationsForEvent(db: DB, event: EventRow, seriesNames: Map<number, Record<string, string>>): Promise<NewNotification[]> {
  const path = `/commitments/${event.commitment_id}`;
  // Its text in every language, so that each recipient reads their own.
  const texts = await commitmentTextsForReaders(db, [{ id: event.commitment_id, baseLanguage: event.base_language, text: event.text, seriesId: event.series_id }]);
  const commitmentIn = texts.get(event.commitment_id);
  const base = { ...seriesParams(event.seriesName, event.series_id, seriesNames), commitment: event.text, ...(commitmentIn ? { commitmentIn } : {}), ...(event.due_on ? { dueOn: event.due_on } : {}) };
  const owners = await db.selectFrom("commitment_owners").select(["agency_id", "share_done_at"]).where("commitment_id", "=", event.commitment_id).execute();
  const make = (recipients: Recipient[], kind: NewNotification["kind"], eventKey: (r: Recipient) => string, params: NotificationParams) =>
    recipients
      .filter((r) => r.userId !== event.by)
      .map((r): NewNotification => ({ userId: r.userId, kind, eventKey: eventKey(r), seriesId: event.series_id, path, params }));

  if (event.kind === "created" || event.kind === "owners") {
    const agencies = event.kind === "created" ? owners.map((o) => o.agency_id) : ids(event.to_value).filter((id) => !ids(event.from_value).includes(id));
    const recipients = await membersOf(db, event.series_id, agencies, ACTING_ROLES);
    return make(recipients, "assigned", (r) => `assigned:${event.commitment_id}:${r.agencyId}`, base);
  }
  if (event.kind === "share_done") {
    const confirmedBy = Number(event.to_value);
    const waiting = owners.filter((o) => o.agency_id !== confirmedBy && o.share_done_at === null).map((o) => o.agency_id);
    const agency = await db.selectFrom("agencies").select("code").where("id", "=", confirmedBy).executeTakeFirst();
    const recipients = await membersOf(db, event.series_id, waiting, ACTING_ROLES);
    return make(recipients, "shareAwaited", () => `share:${event.id}`, { ...base, agency: agency?.code ?? "" });
  }
  if (event.kind === "status") {
    const to = event.to_value ?? "";
    const reopened = ["done", "blocked", "dropped"].includes(event.from_value ?? "") && ["open", "in_progress"].includes(to);
    if (to !== "blocked" && to !== "dropped" && !reopened) return [];
    const recipients = await membersOf(db, event.series_id, owners.map((o) => o.agency_id), ACTING_ROLES);
    const actor = event.by ? await db.selectFrom("users").select("name").where("id", "=", event.by).executeTakeFirst() : undefined;
    return make(recipients, "statusChanged", () => `status:${event.id}`, { ...base, status: reopened ? "reopened" : to, actor: actor?.name ?? "" });
  }
  return [];
}

// ---- due dates ---------------------------------------------------------------

async function scanDueDates(db: DB, clock: Clock): Promise<number> {
  const today = todayOf(clock);
  const due = await db
    .selectFrom("commitments as c")
    .innerJoin("series as s", "s.id", "c.series_id")
    .select(["c.id", "c.series_id", "c.text", "c.base_language", "c.due_on", "s.name as seriesName"])
    .where("c.status", "in", [...OPEN_STATUSES])
    .where("c.due_next", "=", 0)
    .where("c.due_on", "is not", null)
    .where("c.due_on", "<=", addDays(today, DUE_SOON_DAYS))
    .orderBy("c.id")
    .execute();
  let added = 0;
  // In slices, a few queries each, letting requests in between (see yieldToEventLoop).
  for (let i = 0; i < due.length; i += DUE_SLICE) {
    const slice = due.slice(i, i + DUE_SLICE);
    const waiting = await db
      .selectFrom("commitment_owners")
      .select(["commitment_id", "agency_id"])
      .where("commitment_id", "in", slice.map((c) => c.id))
      .where("share_done_at", "is", null)
      .execute();
    const members = await db
      .selectFrom("memberships")
      .select(["series_id", "agency_id", "user_id"])
      .where("series_id", "in", [...new Set(slice.map((c) => c.series_id))])
      .where("role", "in", [...ACTING_ROLES])
      .execute();
    const texts = await commitmentTextsForReaders(db, slice.map((c) => ({ id: c.id, baseLanguage: c.base_language, text: c.text, seriesId: c.series_id })));
    const seriesNames = await seriesNamesIn(db, slice.map((c) => c.series_id));
    const rows: NewNotification[] = [];
    for (const c of slice) {
      const dueOn = c.due_on!;
      const days = daysBetween(today, dueOn);
      const kind = days >= 0 ? "due" : "overdue";
      const key =
        days >= 0
          ? `${days <= DUE_VERY_SOON_DAYS ? "due3" : "due14"}:${c.id}:${dueOn}`
          : // Once on the first day late, then once a week: the key names the week.
            `overdue:${c.id}:${dueOn}:w${Math.floor((-days - 1) / OVERDUE_EVERY_DAYS)}`;
      const agencies = new Set(waiting.filter((w) => w.commitment_id === c.id).map((w) => w.agency_id));
      const commitmentIn = texts.get(c.id);
      const params: NotificationParams = { ...seriesParams(c.seriesName, c.series_id, seriesNames), commitment: c.text, ...(commitmentIn ? { commitmentIn } : {}), dueOn, days: Math.abs(days) };
      for (const m of members) {
        if (m.series_id !== c.series_id || !agencies.has(m.agency_id)) continue;
        rows.push({ userId: m.user_id, kind, eventKey: key, seriesId: c.series_id, path: `/commitments/${c.id}`, params });
      }
    }
    added += await enqueueNotifications(db, clock, rows);
    await yieldToEventLoop();
  }
  return added;
}

// ---- conferences -------------------------------------------------------------

async function scanReviewLists(db: DB, clock: Clock): Promise<number> {
  const today = todayOf(clock);
  const upcoming = await db
    .selectFrom("conferences")
    .innerJoin("series", "series.id", "conferences.series_id")
    .select(["conferences.id", "conferences.series_id", "conferences.number", "conferences.starts_on", "series.review_notice_days"])
    .where("conferences.status", "=", "planned")
    .where("conferences.starts_on", ">=", today)
    .where("conferences.starts_on", "<=", addDays(today, REVIEW_NOTICE_DAYS.max))
    .where((eb) => eb.exists(eb.selectFrom("commitment_reviews").select("commitment_id").whereRef("commitment_reviews.conference_id", "=", "conferences.id")))
    .execute();
  let added = 0;
  // The key is the conference alone: a series that changes its number of days
  // is not told again about a list it has already been told about.
  for (const conference of upcoming.filter((c) => daysBetween(today, c.starts_on) <= c.review_notice_days)) {
    const series = await seriesFacts(db, conference.series_id);
    const recipients = await membersOf(db, conference.series_id, null, null);
    const params: NotificationParams = { ...seriesParams(series.name, conference.series_id, await seriesNamesIn(db, [conference.series_id])), conference: conference.number, startsOn: conference.starts_on };
    added += await enqueueNotifications(
      db,
      clock,
      recipients.map((r) => ({
        userId: r.userId,
        kind: "reviewReady",
        eventKey: `review:${conference.id}`,
        seriesId: conference.series_id,
        path: `/series/${series.slug}/conferences/${conference.number}/review`,
        params,
      })),
    );
  }
  return added;
}

/** Comments that name someone with @ since the scans began: the person named is told. */
async function scanMentions(db: DB, clock: Clock, since: string): Promise<number> {
  const mentions = await db
    .selectFrom("comment_mentions as m")
    .innerJoin("comments as c", "c.id", "m.comment_id")
    .innerJoin("users as author", "author.id", "c.author_id")
    .innerJoin("series as s", "s.id", "c.series_id")
    .leftJoin("conferences as conf", "conf.id", "c.conference_id")
    .leftJoin("commitments as cm", "cm.id", "c.commitment_id")
    .select(["m.comment_id", "m.user_id", "c.author_id", "c.series_id", "s.slug", "s.name as seriesName", "author.name as authorName", "conf.number", "cm.id as commitmentId", "cm.text as commitmentText", "cm.base_language as commitmentBase"])
    .where("c.created_at", ">=", since)
    .orderBy("m.comment_id")
    .limit(2000)
    .execute();
  const seriesNames = await seriesNamesIn(db, mentions.map((m) => m.series_id));
  const texts = await commitmentTextsForReaders(
    db,
    mentions.flatMap((m) => (m.commitmentId !== null && m.commitmentText !== null && m.commitmentBase !== null ? [{ id: m.commitmentId, baseLanguage: m.commitmentBase, text: m.commitmentText, seriesId: m.series_id }] : [])),
  );
  const rows: NewNotification[] = mentions
    .filter((m) => m.user_id !== m.author_id)
    .map((m) => ({
      userId: m.user_id,
      kind: "mentioned",
      eventKey: `mention:${m.comment_id}`,
      seriesId: m.series_id,
      path: m.commitmentId !== null ? `/commitments/${m.commitmentId}` : `/series/${m.slug}/conferences/${m.number ?? ""}`,
      params: { ...seriesParams(m.seriesName, m.series_id, seriesNames), actor: m.authorName, ...(m.number !== null ? { conference: m.number } : {}), ...(m.commitmentText ? { commitment: m.commitmentText } : {}), ...(m.commitmentId !== null && texts.has(m.commitmentId) ? { commitmentIn: texts.get(m.commitmentId) } : {}) },
    }));
  return enqueueNotifications(db, clock, rows);
}

async function scanConclusions(db: DB, clock: Clock, since: string): Promise<number> {
  const adopted = await db
    .selectFrom("adopted_records as a")
    .innerJoin("conferences as c", "c.id", "a.conference_id")
    .select(["c.id", "c.series_id", "c.number", "a.adopted_by"])
    .where("a.adopted_at", ">=", since)
    .execute();
  let added = 0;
  for (const conference of adopted) {
    const series = await seriesFacts(db, conference.series_id);
    const recipients = (await membersOf(db, conference.series_id, null, null)).filter((r) => r.userId !== conference.adopted_by);
    const params: NotificationParams = { ...seriesParams(series.name, conference.series_id, await seriesNamesIn(db, [conference.series_id])), conference: conference.number };
    added += await enqueueNotifications(
      db,
      clock,
      recipients.map((r) => ({
        userId: r.userId,
        kind: "concluded",
        eventKey: `concluded:${conference.id}`,
        seriesId: conference.series_id,
        path: `/series/${series.slug}/conferences/${conference.number}/record`,
        params,
      })),
    );
  }
  return added;
}
