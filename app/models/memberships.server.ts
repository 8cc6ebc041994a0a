import type { DB } from "../../db/connection";
import { seriesTextFor } from "./series-names.server";
import type { SeriesRole } from "../../db/schema/index";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";
import { sortByText } from "../i18n/collate";
import type { Locale } from "../i18n/locales";

export interface Membership {
  seriesId: number;
  userId: string;
  agencyId: number;
  role: SeriesRole;
}

export async function getMembership(db: DB, seriesId: number, userId: string): Promise<Membership | null> {
  const row = await db
    .selectFrom("memberships")
    .select(["series_id", "user_id", "agency_id", "role"])
    .where("series_id", "=", seriesId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { seriesId: row.series_id, userId: row.user_id, agencyId: row.agency_id, role: row.role } : null;
}

/** Grants or changes a person's role in a series, on behalf of one of its parties. */
export async function grantMembership(
  db: DB,
  clock: Clock,
  input: { seriesId: number; userId: string; agencyId: number; role: SeriesRole },
) {
  const party = await db
    .selectFrom("series_parties")
    .select("agency_id")
    .where("series_id", "=", input.seriesId)
    .where("agency_id", "=", input.agencyId)
    .executeTakeFirst();
  if (!party) throw new DomainError("agencyNotParty", "agency");
  // An unknown id would otherwise fail on the foreign key: a 500 instead of a message.
  const user = await db.selectFrom("users").select("id").where("id", "=", input.userId).executeTakeFirst();
  if (!user) throw new DomainError("userNotFound", "userId");
  await db
    .insertInto("memberships")
    .values({
      series_id: input.seriesId,
      user_id: input.userId,
      agency_id: input.agencyId,
      role: input.role,
      created_at: isoNow(clock),
    })
    .onConflict((oc) => oc.columns(["series_id", "user_id"]).doUpdateSet({ agency_id: input.agencyId, role: input.role }))
    .execute();
}

export async function revokeMembership(db: DB, seriesId: number, userId: string) {
  await db.deleteFrom("memberships").where("series_id", "=", seriesId).where("user_id", "=", userId).execute();
}

/** Every series a user belongs to, with the agency they represent there. */
export async function listMembershipsOf(db: DB, userId: string, locale?: Locale) {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("series", "series.id", "memberships.series_id")
    .innerJoin("agencies", "agencies.id", "memberships.agency_id")
    .select([
      "memberships.series_id as seriesId",
      "series.slug as seriesSlug",
      locale ? seriesTextFor("series", "name", locale).as("seriesName") : "series.name as seriesName",
      "memberships.agency_id as agencyId",
      "agencies.code as agencyCode",
      "memberships.role",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("series.name")
    .execute();
  const list = rows.map((r) => ({ ...r, userId }));
  return locale ? sortByText(list, locale, (m) => m.seriesName) : list;
}
