import type { DB } from "../../db/connection";
import { sortByText } from "../i18n/collate";
import type { Locale } from "../i18n/locales";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";

export interface AgencyInput {
  code: string;
  name: string;
  country: string;
}

/** Every agency, by country, then by name in the viewer's collation (collate.ts) when a language is given. */
export async function listAgencies(db: DB, locale?: Locale) {
  const rows = await db.selectFrom("agencies").select(["id", "code", "name", "country"]).orderBy("country").orderBy("code").execute();
  return locale ? sortByText(rows, locale, (a) => a.country, (a) => a.name) : rows;
}

export function getAgencyByCode(db: DB, code: string) {
  return db.selectFrom("agencies").select(["id", "code", "name", "country"]).where("code", "=", code.toUpperCase()).executeTakeFirst();
}

export async function createAgency(db: DB, clock: Clock, input: AgencyInput) {
  const code = input.code.toUpperCase();
  if (await getAgencyByCode(db, code)) throw new DomainError("agencyCodeTaken", "code");
  const row = await db
    .insertInto("agencies")
    .values({ code, name: input.name, country: input.country.toUpperCase(), created_at: isoNow(clock) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, code };
}

export async function updateAgency(db: DB, id: number, input: AgencyInput) {
  const code = input.code.toUpperCase();
  const clash = await getAgencyByCode(db, code);
  if (clash && clash.id !== id) throw new DomainError("agencyCodeTaken", "code");
  await db
    .updateTable("agencies")
    .set({ code, name: input.name, country: input.country.toUpperCase() })
    .where("id", "=", id)
    .execute();
}
