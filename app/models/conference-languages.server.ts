import type { DB } from "../../db/connection";
import type { DocLanguages } from "../collab/conference-doc";
import { parseAuthenticLanguages, parseWorkingLanguages } from "../i18n/working-languages";

/** The languages of a conference's texts: its base, the series' working languages (base first if dropped since) and the authentic ones. */
export interface ConferenceLanguages extends DocLanguages {
  working: string[];
  authentic: string[];
}

export async function getConferenceLanguages(db: DB, conferenceId: number): Promise<ConferenceLanguages> {
  const row = await db
    .selectFrom("conferences")
    .innerJoin("series", "series.id", "conferences.series_id")
    .select(["conferences.base_language as base", "series.languages", "series.authentic_languages as authentic"])
    .where("conferences.id", "=", conferenceId)
    .executeTakeFirstOrThrow();
  const listed: string[] = parseWorkingLanguages(row.languages);
  const working = listed.includes(row.base) ? listed : [row.base, ...listed];
  return { base: row.base, working, authentic: parseAuthenticLanguages(row.authentic, working) };
}
