import type { DB } from "../../db/connection";
import type { EventAttributes } from "ics";
import type { TFunction } from "../i18n/i18n";
import { seriesCalendarEvents, writeCalendar } from "../exports/series-calendar.server";
import { i18nFor } from "../i18n/i18n";
import { isLocale } from "../i18n/locales";
import { isoNow, type Clock } from "./clock.server";
import { listCommitments } from "./commitments.server";
import { listConferences } from "./conferences.server";
import { newSecretToken, sha256Hex } from "./ids.server";
import { listMembershipsOf } from "./memberships.server";
import { commitmentForReader } from "./parallel-text-rules";
import { conferenceTitlesForReader } from "./parallel-texts.server";
import { workingLanguagesOf } from "./series.server";

// A person's calendar feed, for Outlook or a phone to subscribe to: the due
// dates of their agency's commitments and the conferences of their series,
// behind a secret address. Only a hash of the secret is stored; making a new
// one replaces it, so the old address stops working at once.

export const FEED_PREFIX = "/calendar/";

export async function createCalendarFeed(db: DB, clock: Clock, userId: string): Promise<string> {
  const token = newSecretToken();
  const values = { user_id: userId, token_hash: sha256Hex(token), created_at: isoNow(clock) };
  await db
    .insertInto("calendar_feeds")
    .values(values)
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ token_hash: values.token_hash, created_at: values.created_at }))
    .execute();
  return `${FEED_PREFIX}${token}.ics`;
}

export async function removeCalendarFeed(db: DB, userId: string): Promise<void> {
  await db.deleteFrom("calendar_feeds").where("user_id", "=", userId).execute();
}

/** When the person's current feed address was made, or null if they have none. */
export async function calendarFeedSince(db: DB, userId: string): Promise<string | null> {
  const row = await db.selectFrom("calendar_feeds").select("created_at").where("user_id", "=", userId).executeTakeFirst();
  return row?.created_at ?? null;
}

/** The feed behind a secret ("<token>.ics"), written in its owner's language; null for an unknown secret. */
export async function calendarForFeed(db: DB, clock: Clock, file: string, origin: string): Promise<string | null> {
  const token = /^([A-Za-z0-9_-]{16,128})\.ics$/.exec(file)?.[1];
  if (!token) return null;
  const owner = await db
    .selectFrom("calendar_feeds as f")
    .innerJoin("users as u", "u.id", "f.user_id")
    .select(["u.id", "u.name", "u.locale"])
    .where("f.token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!owner) return null;
  const reader = isLocale(owner.locale) ? owner.locale : "en";
  const t = i18nFor(reader).t;
  const events = [];
  for (const m of await listMembershipsOf(db, owner.id, reader)) {
    const series = { id: m.seriesId, slug: m.seriesSlug, name: m.seriesName, languages: await workingLanguagesOf(db, m.seriesId) };
    events.push(...(await readerCalendarEvents(db, clock, { series, reader, origin, t, ownerAgencyIds: [m.agencyId] })));
  }
  return writeCalendar(events, `Accord — ${owner.name}`);
}

export interface ReaderCalendarInput {
  series: { id: number; slug: string; name: string; languages: readonly string[] };
  /** The reader's language: each title and text in it where there is one, else another working language's, marked. */
  reader: string;
  origin: string;
  t: TFunction;
  /** Only the commitments these agencies own (a person's feed); all of them when absent. */
  ownerAgencyIds?: number[];
}

/** A series' conferences and commitment due dates as calendar events, in the reader's language (series-calendar.server.ts). */
export async function readerCalendarEvents(db: DB, clock: Clock, input: ReaderCalendarInput): Promise<EventAttributes[]> {
  const { series, reader } = input;
  const [conferences, commitments] = await Promise.all([
    listConferences(db, series.id),
    listCommitments(db, clock, { seriesId: series.id, ...(input.ownerAgencyIds ? { ownerAgencyIds: input.ownerAgencyIds } : {}) }),
  ]);
  return seriesCalendarEvents({
    series: { slug: series.slug, name: series.name },
    conferences: await conferenceTitlesForReader(db, [...conferences].sort((a, b) => a.number - b.number), reader, series.languages),
    commitments: commitments.map((c) => commitmentForReader(c, reader)),
    origin: input.origin,
    t: input.t,
  });
}
