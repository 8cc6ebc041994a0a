import { baseLanguageOf } from "../i18n/working-languages";
import { workingLanguagesOf } from "./series.server";
import type { DB } from "../../db/connection";
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
  if (await getConferenceByNumber(db, seriesId, input.number)) throw new DomainError("conferenceNumberTaken", "number");
  if (input.hostAgencyId !== null) {
    const party = await db
      .selectFrom("series_parties")
      .select("agency_id")
      .where("series_id", "=", seriesId)
      .where("agency_id", "=", input.hostAgencyId)
      .executeTakeFirst();
    if (!party) throw new DomainError("agencyNotParty", "hostAgencyId");
  }
  // Its texts are drafted first in the series' first working language (decision 0027).
  const baseLanguage = baseLanguageOf(await workingLanguagesOf(db, seriesId));
  const { id } = await db
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
  const carried = await carryOverOpenCommitments(db, seriesId, id, input.number);
  return { id, number: input.number, docName: conferenceDocName(id), carried };
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
