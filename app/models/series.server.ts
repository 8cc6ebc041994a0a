import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import type { SeriesRole } from "../../db/schema/index";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";
import { sortByText } from "../i18n/collate";
import type { Locale } from "../i18n/locales";
import { DEFAULT_WORKING_LANGUAGES, parseAuthenticLanguages, parseWorkingLanguages, type WorkingLanguage } from "../i18n/working-languages";
import type { Tx } from "../../db/transactions";
import { recordAudit } from "./audit.server";
import type { SessionUser } from "./session.server";
import type { Membership } from "./memberships.server";
import { seriesTextFor } from "./series-names.server";

export interface SeriesInput {
  slug: string;
  name: string;
  description: string;
  /** Agency codes of the parties, in display order; at least two. */
  partyCodes: string[];
  /** Working languages in order; the first is the one defaults are written in. Unset: English. */
  languages?: readonly WorkingLanguage[];
}

export interface SeriesSummary {
  id: number;
  slug: string;
  /** The name (and description) in the reader's language when given one, else the series' own (series-names.server.ts). */
  name: string;
  description: string;
  /** The name the series was created with. */
  ownName: string;
  parties: { code: string; name: string; country: string }[];
  /** The viewer's role, or null for an admin who is not a member. */
  role: SeriesRole | null;
}

async function partiesOf(db: DB, seriesIds: number[]) {
  if (seriesIds.length === 0) return new Map<number, SeriesSummary["parties"]>();
  const rows = await db
    .selectFrom("series_parties")
    .innerJoin("agencies", "agencies.id", "series_parties.agency_id")
    .select(["series_parties.series_id", "agencies.id", "agencies.code", "agencies.name", "agencies.country"])
    .where("series_parties.series_id", "in", seriesIds)
    .orderBy("series_parties.position")
    .execute();
  const bySeries = new Map<number, SeriesSummary["parties"]>();
  for (const row of rows) {
    const list = bySeries.get(row.series_id) ?? [];
    list.push({ code: row.code, name: row.name, country: row.country });
    bySeries.set(row.series_id, list);
  }
  return bySeries;
}

/** The series a user may see: their own, or every series for an admin. */
export async function listSeriesForUser(db: DB, user: SessionUser, locale?: Locale): Promise<SeriesSummary[]> {
  const rows = await db
    .selectFrom("series")
    .leftJoin("memberships", (join) =>
      join.onRef("memberships.series_id", "=", "series.id").on("memberships.user_id", "=", user.id),
    )
    .select(["series.id", "series.slug", "series.name as ownName", "memberships.role"])
    .select([seriesTextFor("series", "name", locale ?? user.locale).as("name"), seriesTextFor("series", "description", locale ?? user.locale).as("description")])
    .$if(!user.isAdmin, (q) => q.where("memberships.user_id", "=", user.id))
    .orderBy("series.name")
    .execute();
  const parties = await partiesOf(db, rows.map((r) => r.id));
  const list = rows.map((r) => ({ ...r, role: r.role ?? null, parties: parties.get(r.id) ?? [] }));
  return locale ? sortByText(list, locale, (s) => s.name) : list;
}

const SERIES_COLUMNS = ["id", "slug", "name", "description", "created_at", "languages", "authentic_languages", "review_notice_days"] as const;

/** A series row with its working and authentic languages read from their stored JSON. */
function withLanguages<T extends { languages: string; authentic_languages: string }>(
  row: T | undefined,
): (Omit<T, "languages" | "authentic_languages"> & { languages: WorkingLanguage[]; authenticLanguages: WorkingLanguage[] }) | undefined {
  if (!row) return undefined;
  const { authentic_languages: authentic, languages: stored, ...rest } = row;
  const languages = parseWorkingLanguages(stored);
  return { ...rest, languages, authenticLanguages: parseAuthenticLanguages(authentic, languages) as WorkingLanguage[] };
}

/** The working languages of a series, in order (the first is the base of its new texts). */
export async function workingLanguagesOf(db: DB | Tx, seriesId: number): Promise<WorkingLanguage[]> {
  const row = await db.selectFrom("series").select("languages").where("id", "=", seriesId).executeTakeFirst();
  return parseWorkingLanguages(row?.languages);
}

export interface SeriesLanguages {
  languages: readonly WorkingLanguage[];
  /** A non-empty subset of `languages`. */
  authentic: readonly WorkingLanguage[];
}

/**
 * Sets the working and authentic languages, with their audit row in the same
 * transaction. Texts already written in a language that is dropped stay
 * stored, unread, and come back if it is chosen again.
 */
export async function setSeriesLanguages(db: DB, clock: Clock, seriesId: number, input: SeriesLanguages, actor: { id: string; ip: string | null }) {
  const authentic = input.languages.filter((code) => input.authentic.includes(code));
  if (input.languages.length === 0) throw new DomainError("languagesInvalid", "languages");
  if (authentic.length === 0 || authentic.length !== new Set(input.authentic).size) throw new DomainError("authenticNotWorking", "authentic");
  await serializable(db, async (trx) => {
    const before = await trx.selectFrom("series").select(["slug", "languages", "authentic_languages"]).where("id", "=", seriesId).executeTakeFirstOrThrow();
    await trx
      .updateTable("series")
      .set({ languages: JSON.stringify(input.languages), authentic_languages: JSON.stringify(authentic) })
      .where("id", "=", seriesId)
      .execute();
    await recordAudit(trx, clock, {
      kind: "series.languages",
      subject: `series:${before.slug}`,
      actorId: actor.id,
      ip: actor.ip,
      detail: { from: { languages: before.languages, authentic: before.authentic_languages }, to: { languages: input.languages, authentic } },
    });
  });
}

export async function getSeriesBySlug(db: DB, slug: string) {
  return withLanguages(await db.selectFrom("series").select(SERIES_COLUMNS).where("slug", "=", slug).executeTakeFirst());
}

/**
 * A series and the person's membership in it, in one statement: every series
 * page waits on both before its own queries. Its name and description are
 * the reader's (series-names.server.ts); `ownName` is the one it was created with.
 */
export async function getSeriesForMember(db: DB, slug: string, userId: string, reader: string) {
  const row = await db
    .selectFrom("series")
    .leftJoin("memberships", (join) => join.onRef("memberships.series_id", "=", "series.id").on("memberships.user_id", "=", userId))
    .select(SERIES_COLUMNS.filter((column) => column !== "name" && column !== "description").map((column) => `series.${column}` as const))
    .select([seriesTextFor("series", "name", reader).as("name"), seriesTextFor("series", "description", reader).as("description"), "series.name as ownName"])
    .select(["memberships.agency_id as memberAgencyId", "memberships.role as memberRole"])
    .where("series.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return { series: undefined, membership: null };
  const { memberAgencyId, memberRole, ...seriesRow } = row;
  const membership: Membership | null = memberAgencyId !== null && memberRole !== null ? { seriesId: seriesRow.id, userId, agencyId: memberAgencyId, role: memberRole } : null;
  return { series: withLanguages(seriesRow), membership };
}

export async function getSeriesById(db: DB, id: number) {
  return withLanguages(await db.selectFrom("series").select(SERIES_COLUMNS).where("id", "=", id).executeTakeFirst());
}

export async function getSeriesParties(db: DB, seriesId: number) {
  return db
    .selectFrom("series_parties")
    .innerJoin("agencies", "agencies.id", "series_parties.agency_id")
    .select(["agencies.id", "agencies.code", "agencies.name", "agencies.country"])
    .where("series_parties.series_id", "=", seriesId)
    .orderBy("series_parties.position")
    .execute();
}

/** Members by agency and role, then by name in the viewer's collation when a language is given. */
export async function getSeriesMembers(db: DB, seriesId: number, locale?: Locale) {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("agencies", "agencies.id", "memberships.agency_id")
    .select([
      "users.id as userId",
      "users.name",
      "users.email",
      "memberships.role",
      "agencies.code as agencyCode",
      "agencies.name as agencyName",
    ])
    .where("memberships.series_id", "=", seriesId)
    .orderBy("agencies.code")
    .orderBy("memberships.role")
    .orderBy("users.name")
    .execute();
  return locale ? sortByText(rows, locale, (m) => m.agencyCode, (m) => m.role, (m) => m.name) : rows;
}

async function resolvePartyIds(db: DB, codes: string[]) {
  const unique = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  if (unique.length < 2) throw new DomainError("seriesNeedsTwoParties", "parties");
  const rows = await db.selectFrom("agencies").select(["id", "code"]).where("code", "in", unique).execute();
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  return unique.map((code) => {
    const id = byCode.get(code);
    if (id === undefined) throw new DomainError("unknownAgency", "parties");
    return id;
  });
}

export async function createSeries(db: DB, clock: Clock, input: SeriesInput) {
  if (await getSeriesBySlug(db, input.slug)) throw new DomainError("seriesSlugTaken", "slug");
  const partyIds = await resolvePartyIds(db, input.partyCodes);
  return serializable(db, async (trx) => {
    const { id } = await trx
      .insertInto("series")
      .values({
        slug: input.slug,
        name: input.name,
        description: input.description,
        created_at: isoNow(clock),
        languages: JSON.stringify(input.languages ?? DEFAULT_WORKING_LANGUAGES),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("series_parties")
      .values(partyIds.map((agencyId, position) => ({ series_id: id, agency_id: agencyId, position })))
      .execute();
    return { id, slug: input.slug };
  });
}

/**
 * How many days before a conference its review list is announced. Notices
 * already sent stay sent: the outbox's key is the conference, not the day.
 */
export async function setReviewNoticeDays(db: DB, seriesId: number, days: number) {
  await db.updateTable("series").set({ review_notice_days: days }).where("id", "=", seriesId).execute();
}

/** Renames a series and sets its parties; a party with members cannot be removed. */
export async function updateSeries(db: DB, seriesId: number, input: Omit<SeriesInput, "slug">) {
  const partyIds = await resolvePartyIds(db, input.partyCodes);
  const stranded = await db
    .selectFrom("memberships")
    .select("agency_id")
    .where("series_id", "=", seriesId)
    .where("agency_id", "not in", partyIds)
    .executeTakeFirst();
  if (stranded) throw new DomainError("partyHasMembers", "parties");
  await serializable(db, async (trx) => {
    await trx
      .updateTable("series")
      .set({ name: input.name, description: input.description, ...(input.languages ? { languages: JSON.stringify(input.languages) } : {}) })
      .where("id", "=", seriesId)
      .execute();
    await trx.deleteFrom("series_parties").where("series_id", "=", seriesId).execute();
    await trx
      .insertInto("series_parties")
      .values(partyIds.map((agencyId, position) => ({ series_id: seriesId, agency_id: agencyId, position })))
      .execute();
  });
}

/** The series' revision, raised by the database on any change its dashboards read (migration 0004). */
export async function getSeriesRevision(db: DB, seriesId: number): Promise<number> {
  const row = await db.selectFrom("series_revisions").select("revision").where("series_id", "=", seriesId).executeTakeFirst();
  return row?.revision ?? 0;
}
