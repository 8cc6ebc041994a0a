import { parseWorkingLanguages } from "../i18n/working-languages";
import type { DB } from "../../db/connection";
import { isUniqueViolation, serializable } from "../../db/transactions";
import type { ConferenceFormat, ConferenceStatus } from "../../db/schema/index";
import { conferenceDocName } from "../collab/doc-names";
import { isoNow, type Clock } from "./clock.server";
import { carryOverOpenCommitments } from "./commitments.server";
import { DomainError } from "./errors.server";

export interface ConferenceInput {
  number: number;
  title: string;
  startsOn: string;
  endsOn: string;
  venue: string;
  format: ConferenceFormat;
  hostAgencyId: number | null;
}

export interface ConferenceSummary {
  id: number;
  seriesId: number;
  number: number;
  title: string;
  status: ConferenceStatus;
  startsOn: string;
  endsOn: string;
  venue: string;
  format: ConferenceFormat;
  hostAgencyId: number | null;
  hostCode: string | null;
  /** The language of the title and of the document's unsuffixed texts. */
  baseLanguage: string;
  docName: string;
}

function baseQuery(db: DB) {
  return db
    .selectFrom("conferences")
    .leftJoin("agencies", "agencies.id", "conferences.host_agency_id")
    .select([
      "conferences.id",
      "conferences.series_id as seriesId",
      "conferences.number",
      "conferences.title",
      "conferences.status",
      "conferences.starts_on as startsOn",
      "conferences.ends_on as endsOn",
      "conferences.venue",
      "conferences.format",
      "conferences.host_agency_id as hostAgencyId",
      "agencies.code as hostCode",
      "conferences.base_language as baseLanguage",
    ]);
}

const withDocName = <T extends { id: number }>(row: T) => ({ ...row, docName: conferenceDocName(row.id) });

export async function listConferences(db: DB, seriesId: number): Promise<ConferenceSummary[]> {
  const rows = await baseQuery(db).where("conferences.series_id", "=", seriesId).orderBy("conferences.number", "desc").execute();
  return rows.map(withDocName);
}

export async function getConference(db: DB, id: number): Promise<ConferenceSummary | null> {
  const row = await baseQuery(db).where("conferences.id", "=", id).executeTakeFirst();
  return row ? withDocName(row) : null;
}

export async function getConferenceByNumber(db: DB, seriesId: number, number: number) {
  const row = await baseQuery(db)
    .where("conferences.series_id", "=", seriesId)
    .where("conferences.number", "=", number)
    .executeTakeFirst();
  return row ? withDocName(row) : null;
}

/** The number the next conference of a series will most likely have. */
export async function suggestNextNumber(db: DB, seriesId: number): Promise<number> {
  const row = await db
    .selectFrom("conferences")
    .select((eb) => eb.fn.max("number").as("last"))
    .where("series_id", "=", seriesId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function createConference(db: DB, clock: Clock, seriesId: number, createdBy: string, input: ConferenceInput) {
  if (input.endsOn < input.startsOn) throw new DomainError("endsBeforeStarts", "endsOn");
  try {
    // The number is checked, taken and the open commitments carried to it in one
    // transaction: two secretariats creating the same number at once get one conference.
    return await serializable(db, async (trx) => {
      if (await getConferenceByNumber(trx, seriesId, input.number)) throw new DomainError("conferenceNumberTaken", "number");
      // Its texts are drafted first in the series' first working language: the document's unsuffixed keys hold that one.
      const series = await trx.selectFrom("series").select("languages").where("id", "=", seriesId).executeTakeFirst();
      const baseLanguage = parseWorkingLanguages(series?.languages)[0];
      if (input.hostAgencyId !== null) {
        const party = await trx
          .selectFrom("series_parties")
          .select("agency_id")
          .where("series_id", "=", seriesId)
          .where("agency_id", "=", input.hostAgencyId)
          .executeTakeFirst();
        if (!party) throw new DomainError("agencyNotParty", "hostAgencyId");
      }
      const { id } = await trx
        .insertInto("conferences")
        .values({
          series_id: seriesId,
          base_language: baseLanguage,
          number: input.number,
          title: input.title,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          venue: input.venue,
          format: input.format,
          host_agency_id: input.hostAgencyId,
          created_at: isoNow(clock),
          created_by: createdBy,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const carried = await carryOverOpenCommitments(trx, seriesId, id, input.number);
      return { id, number: input.number, docName: conferenceDocName(id), carried };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conferenceNumberTaken", "number");
    throw error;
  }
}

/** The agenda as last projected from the conference document. */
export async function getAgenda(db: DB, conferenceId: number) {
  return db
    .selectFrom("agenda_items")
    .select([
      "item_id as id",
      "position",
      "title",
      "kind",
      "lead_party as leadParty",
      "start_time as startTime",
      "duration_minutes as durationMinutes",
      "notes_text as notesText",
      "outcome_text as outcomeText",
    ])
    .where("conference_id", "=", conferenceId)
    .orderBy("position")
    .orderBy("item_id")
    .execute();
}

export async function getDraftActions(db: DB, conferenceId: number) {
  const rows = await db
    .selectFrom("draft_actions")
    .select(["action_id as id", "position", "text", "owners", "due"])
    .where("conference_id", "=", conferenceId)
    .orderBy("position")
    .orderBy("action_id")
    .execute();
  return rows.map((r) => ({ ...r, owners: JSON.parse(r.owners) as string[] }));
}

/** An agenda item's texts in one language. */
export interface AgendaItemTexts {
  title: string;
  notesText: string;
  outcomeText: string;
}

/**
 * Each agenda item's texts in the languages other than the conference's base
 * that have any, as last projected: item id → language → texts.
 */
export async function getAgendaTexts(db: DB, conferenceId: number): Promise<Map<string, Record<string, AgendaItemTexts>>> {
  const rows = await db
    .selectFrom("agenda_item_texts")
    .select(["item_id as id", "language", "title", "notes_text as notesText", "outcome_text as outcomeText"])
    .where("conference_id", "=", conferenceId)
    .execute();
  const found = new Map<string, Record<string, AgendaItemTexts>>();
  for (const { id, language, ...texts } of rows) found.set(id, { ...found.get(id), [language]: texts });
  return found;
}

/** Each draft action's text in the languages other than the conference's base that have one: action id → language → text. */
export async function getDraftActionTexts(db: DB, conferenceId: number): Promise<Map<string, Record<string, string>>> {
  const rows = await db.selectFrom("draft_action_texts").select(["action_id as id", "language", "text"]).where("conference_id", "=", conferenceId).execute();
  const found = new Map<string, Record<string, string>>();
  for (const { id, language, text } of rows) found.set(id, { ...found.get(id), [language]: text });
  return found;
}
