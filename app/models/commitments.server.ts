import type { ExpressionBuilder } from "kysely";
import type { DB } from "../../db/connection";
import { serializable, type Tx } from "../../db/transactions";
import type { CommitmentStatus, Database, ReviewOutcome } from "../../db/schema/index";
import { isoNow, type Clock } from "./clock.server";
import { isClosed, isHeld, isOverdue, timesCarried } from "./commitment-rules";
import { DomainError } from "./errors.server";
import { baseLanguageOf, parseWorkingLanguages } from "../i18n/working-languages";
import { workingLanguagesOf } from "./series.server";
import { seriesTextFor } from "./series-names.server";

export interface CommitmentOwner {
  agencyId: number;
  code: string;
  name: string;
  shareDone: boolean;
}

export interface CommitmentView {
  id: number;
  seriesId: number;
  seriesSlug: string;
  seriesName: string;
  text: string;
  status: CommitmentStatus;
  dueOn: string | null;
  dueNext: boolean;
  owners: CommitmentOwner[];
  agreedAt: { conferenceId: number; number: number };
  /** Every conference whose review list holds it; `held` once that conference has opened. */
  reviews: { conferenceId: number; number: number; held: boolean; outcome: ReviewOutcome | null; note: string }[];
  /** How many held conferences carried it over (commitment-rules.ts, timesCarried). */
  carriedOver: number;
  overdue: boolean;
  clauseId: number | null;
  /** The language of `text`; `texts` holds it and the text in every other language there is. */
  baseLanguage: string;
  texts: Record<string, string>;
  /** The series' working languages, in order: where a reader without a text of their own is sent first. */
  languages: string[];
  /** The latest progress note, with its texts in every language there is. */
  lastFollowUp: { at: string; note: string; baseLanguage: string; texts: Record<string, string> } | null;
  /** Why it is blocked or dropped (the reason given with that status change, as written), else null. */
  statusReason: string | null;
  /** That reason's event, the language it was written in (null if not known) and its texts in every language there is. */
  statusReasonTexts: StatusReasonTexts | null;
  /** Owner parties that asked to drop it, awaiting a secretariat or the other owners. */
  dropRequests: { agencyId: number; code: string; reason: string; at: string }[];
  updatedAt: string;
}

export interface StatusReasonTexts {
  eventId: number;
  base: string | null;
  texts: Record<string, string>;
}

export interface CommitmentFilter {
  seriesId?: number;
  /** Only commitments owned by one of these agencies. */
  ownerAgencyIds?: number[];
  /** Only commitments of these series (what a user may see). */
  seriesIds?: number[];
  status?: CommitmentStatus[];
  ids?: number[];
  /** The language the series' names are read in (series-names.server.ts); else the name each series was given. */
  reader?: string;
}

export function todayOf(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}

/** Commitments with owners, lineage, carry-over count and overdue flag, oldest first. */
export async function listCommitments(db: DB, clock: Clock, filter: CommitmentFilter): Promise<CommitmentView[]> {
  let query = db
    .selectFrom("commitments")
    .innerJoin("conferences", "conferences.id", "commitments.conference_id")
    .innerJoin("series", "series.id", "commitments.series_id")
    .select([
      "commitments.id",
      "commitments.series_id as seriesId",
      "series.slug as seriesSlug",
      filter.reader ? seriesTextFor("series", "name", filter.reader).as("seriesName") : "series.name as seriesName",
      "commitments.text",
      "commitments.base_language as baseLanguage",
      "series.languages as seriesLanguages",
      "commitments.status",
      "commitments.due_on as dueOn",
      "commitments.due_next as dueNext",
      "commitments.clause_id as clauseId",
      "commitments.updated_at as updatedAt",
      "conferences.id as agreedConferenceId",
      "conferences.number as agreedNumber",
    ])
    .orderBy("conferences.number")
    .orderBy("commitments.id");
  if (filter.seriesId !== undefined) query = query.where("commitments.series_id", "=", filter.seriesId);
  if (filter.seriesIds) {
    if (filter.seriesIds.length === 0) return [];
    query = query.where("commitments.series_id", "in", filter.seriesIds);
  }
  if (filter.status?.length) query = query.where("commitments.status", "in", filter.status);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where("commitments.id", "in", filter.ids);
  }
  if (filter.ownerAgencyIds) {
    if (filter.ownerAgencyIds.length === 0) return [];
    const owned = filter.ownerAgencyIds;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("commitment_owners")
          .select("commitment_owners.commitment_id")
          .whereRef("commitment_owners.commitment_id", "=", "commitments.id")
          .where("commitment_owners.agency_id", "in", owned),
      ),
    );
  }
  // With the ids given, every query below runs at once, beside the main one;
  // otherwise they wait for the ids it finds.
  const selected = query.execute();
  const ids = filter.ids ?? (await selected).map((r) => r.id);
  if (ids.length === 0) return [];
  const ofSelected = (eb: ExpressionBuilder<Database, "commitments">) => eb("commitments.id", "in", ids);

  const [rows, owners, reviews, followUps, conferences, reasons, dropRequests, translations] = await Promise.all([
    selected,
    db
      .selectFrom("commitment_owners")
      .innerJoin("agencies", "agencies.id", "commitment_owners.agency_id")
      .select([
        "commitment_owners.commitment_id as commitmentId",
        "agencies.id as agencyId",
        "agencies.code",
        "agencies.name",
        "commitment_owners.share_done_at as shareDoneAt",
      ])
      .where("commitment_owners.commitment_id", "in", ids)
      .orderBy("agencies.code")
      .execute(),
    db
      .selectFrom("commitment_reviews")
      .innerJoin("conferences", "conferences.id", "commitment_reviews.conference_id")
      .select([
        "commitment_reviews.commitment_id as commitmentId",
        "conferences.id as conferenceId",
        "conferences.number",
        "conferences.status as conferenceStatus",
        "commitment_reviews.outcome",
        "commitment_reviews.note",
      ])
      .where("commitment_reviews.commitment_id", "in", ids)
      .orderBy("conferences.number")
      .execute(),
    db
      .selectFrom("follow_ups")
      .select(["commitment_id as commitmentId", "id", "at", "note", "base_language as baseLanguage"])
      .where("commitment_id", "in", ids)
      .orderBy("at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("conferences")
      .select(["series_id as seriesId", "number", "starts_on as startsOn"])
      .where("series_id", "in", (eb) => eb.selectFrom("commitments").select("commitments.series_id").where(ofSelected))
      .execute(),
    // The latest status event of each blocked or dropped commitment says why.
    db
      .selectFrom("commitment_events")
      .select(["id as eventId", "commitment_id as commitmentId", "to_value as to", "reason", "reason_language as reasonLanguage"])
      .where("commitment_id", "in", (eb) =>
        eb.selectFrom("commitments").select("commitments.id").where(ofSelected).where("commitments.status", "in", ["blocked", "dropped"]),
      )
      .where("kind", "=", "status")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("commitment_drop_requests")
      .innerJoin("agencies", "agencies.id", "commitment_drop_requests.agency_id")
      .select([
        "commitment_drop_requests.commitment_id as commitmentId",
        "agencies.id as agencyId",
        "agencies.code",
        "commitment_drop_requests.reason",
        "commitment_drop_requests.requested_at as at",
      ])
      .where("commitment_drop_requests.commitment_id", "in", ids)
      .orderBy("agencies.code")
      .execute(),
    // Texts in other languages of the commitments, of their notes (only the latest note's are shown) and of the reasons they are blocked or dropped.
    db
      .selectFrom("text_translations")
      .select(["subject", "subject_id as subjectId", "language", "text"])
      .where((eb) =>
        eb.or([
          eb.and([eb("subject", "=", "commitment"), eb("field", "=", "text"), eb("subject_id", "in", ids)]),
          eb.and([
            eb("subject", "=", "follow_up"),
            eb("field", "=", "note"),
            eb("subject_id", "in", eb.selectFrom("follow_ups").select("follow_ups.id").where("follow_ups.commitment_id", "in", ids)),
          ]),
          eb.and([
            eb("subject", "=", "status_reason"),
            eb("field", "=", "reason"),
            eb(
              "subject_id",
              "in",
              eb
                .selectFrom("commitment_events")
                .select("commitment_events.id")
                .where("commitment_events.commitment_id", "in", ids)
                .where("commitment_events.kind", "=", "status")
                .where("commitment_events.reason", "is not", null),
            ),
          ]),
        ]),
      )
      .execute(),
  ]);
  if (rows.length === 0) return [];

  const group = <T extends { commitmentId: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) {
      const bucket = map.get(item.commitmentId);
      if (bucket) bucket.push(item);
      else map.set(item.commitmentId, [item]);
    }
    return map;
  };
  const translated = new Map<string, Record<string, string>>();
  for (const t of translations) {
    const key = `${t.subject}/${t.subjectId}`;
    const texts = translated.get(key);
    if (texts) texts[t.language] = t.text;
    else translated.set(key, { [t.language]: t.text });
  }
  const textsOf = (subject: "commitment" | "follow_up", id: number, baseLanguage: string, text: string) => {
    const texts: Record<string, string> = { ...translated.get(`${subject}/${id}`) };
    texts[baseLanguage] = text;
    return texts;
  };
  const ownersBy = group(owners);
  const reviewsBy = group(reviews);
  const followUpsBy = group(followUps);
  const dropRequestsBy = group(dropRequests);
  const reasonBy = new Map(reasons.map((r) => [r.commitmentId, r]));
  // The reason of the status it is in now, with its other languages.
  const currentReason = (event: (typeof reasons)[number] | undefined, status: string) => {
    if (!event || event.to !== status || !event.reason) return { statusReason: null, statusReasonTexts: null };
    const texts: Record<string, string> = { ...translated.get(`status_reason/${event.eventId}`) };
    if (event.reasonLanguage) texts[event.reasonLanguage] = event.reason;
    return { statusReason: event.reason, statusReasonTexts: { eventId: event.eventId, base: event.reasonLanguage, texts } };
  };
  const today = todayOf(clock);
  const conferencesBySeries = new Map<number, typeof conferences>();
  for (const c of conferences) {
    const bucket = conferencesBySeries.get(c.seriesId);
    if (bucket) bucket.push(c);
    else conferencesBySeries.set(c.seriesId, [c]);
  }

  return rows.map((row) => {
    const rowReviews = reviewsBy.get(row.id) ?? [];
    const lastFollowUp = followUpsBy.get(row.id)?.at(-1);
    const later = conferencesBySeries.get(row.seriesId) ?? [];
    return {
      id: row.id,
      seriesId: row.seriesId,
      seriesSlug: row.seriesSlug,
      seriesName: row.seriesName,
      text: row.text,
      baseLanguage: row.baseLanguage,
      texts: textsOf("commitment", row.id, row.baseLanguage, row.text),
      languages: parseWorkingLanguages(row.seriesLanguages),
      status: row.status,
      dueOn: row.dueOn,
      dueNext: row.dueNext === 1,
      clauseId: row.clauseId,
      updatedAt: row.updatedAt,
      owners: (ownersBy.get(row.id) ?? []).map((o) => ({
        agencyId: o.agencyId,
        code: o.code,
        name: o.name,
        shareDone: o.shareDoneAt !== null,
      })),
      agreedAt: { conferenceId: row.agreedConferenceId, number: row.agreedNumber },
      reviews: rowReviews.map(({ conferenceId, number, conferenceStatus, outcome, note }) => ({
        conferenceId,
        number,
        held: isHeld(conferenceStatus),
        outcome,
        note,
      })),
      carriedOver: timesCarried(rowReviews),
      overdue: isOverdue(
        { status: row.status, dueOn: row.dueOn, dueNext: row.dueNext === 1, agreedAtNumber: row.agreedNumber },
        today,
        later,
      ),
      lastFollowUp: lastFollowUp
        ? {
            at: lastFollowUp.at,
            note: lastFollowUp.note,
            baseLanguage: lastFollowUp.baseLanguage,
            texts: textsOf("follow_up", lastFollowUp.id, lastFollowUp.baseLanguage, lastFollowUp.note),
          }
        : null,
      ...currentReason(reasonBy.get(row.id), row.status),
      dropRequests: (dropRequestsBy.get(row.id) ?? []).map(({ agencyId, code, reason, at }) => ({ agencyId, code, reason, at })),
    };
  });
}

export async function getCommitment(db: DB, clock: Clock, id: number, reader?: string): Promise<CommitmentView | null> {
  const [one] = await listCommitments(db, clock, { ids: [id], reader });
  return one ?? null;
}

export async function getHistory(db: DB, commitmentIds: number[]) {
  if (commitmentIds.length === 0) return [];
  return db
    .selectFrom("commitment_events")
    .leftJoin("users", "users.id", "commitment_events.by")
    .select([
      "commitment_events.id",
      "commitment_events.commitment_id as commitmentId",
      "commitment_events.at",
      "commitment_events.by as byId",
      "users.name as byName",
      "commitment_events.kind",
      "commitment_events.from_value as from",
      "commitment_events.to_value as to",
      "commitment_events.note",
      "commitment_events.reason",
    ])
    .where("commitment_events.commitment_id", "in", commitmentIds)
    .orderBy("commitment_events.id")
    .execute();
}

export async function getFollowUps(db: DB, commitmentIds: number[]) {
  if (commitmentIds.length === 0) return [];
  return db
    .selectFrom("follow_ups")
    .leftJoin("users", "users.id", "follow_ups.by")
    .leftJoin("agencies", "agencies.id", "follow_ups.agency_id")
    .select([
      "follow_ups.id",
      "follow_ups.commitment_id as commitmentId",
      "follow_ups.at",
      "follow_ups.by as byId",
      "users.name as byName",
      "agencies.code as agencyCode",
      "follow_ups.note",
      "follow_ups.base_language as baseLanguage",
      "follow_ups.agency_id as agencyId",
      "follow_ups.figure_label as figureLabel",
      "follow_ups.figure_value as figureValue",
      "follow_ups.figure_unit as figureUnit",
    ])
    .where("follow_ups.commitment_id", "in", commitmentIds)
    .orderBy("follow_ups.at")
    .orderBy("follow_ups.id")
    .execute();
}

// ---- commands ----------------------------------------------------------

// Shared with commitment-status.server.ts, which holds the status workflow.

export interface EventInput {
  kind: "created" | "status" | "share_done" | "share_reopened" | "owners" | "due" | "text" | "review" | "drop_requested" | "drop_withdrawn";
  from?: string | null;
  to?: string | null;
  note?: string;
  reason?: string | null;
  /** The language the reason is written in (the writer's), kept with it so that its other languages can be added beside it. */
  reasonLanguage?: string | null;
}

export async function appendEvent(db: DB | Tx, clock: Clock, commitmentId: number, by: string | null, event: EventInput) {
  await db
    .insertInto("commitment_events")
    .values({
      commitment_id: commitmentId,
      at: isoNow(clock),
      by,
      kind: event.kind,
      from_value: event.from ?? null,
      to_value: event.to ?? null,
      note: event.note ?? "",
      reason: event.reason ?? null,
      reason_language: event.reason ? (event.reasonLanguage ?? null) : null,
    })
    .execute();
}

export async function touch(db: DB | Tx, clock: Clock, id: number, set: { status?: CommitmentStatus; text?: string; due_on?: string | null; due_next?: number } = {}) {
  await db.updateTable("commitments").set({ ...set, updated_at: isoNow(clock) }).where("id", "=", id).execute();
}

export interface NewCommitment {
  seriesId: number;
  conferenceId: number;
  text: string;
  ownerAgencyIds: number[];
  dueOn: string | null;
  dueNext: boolean;
  sourceActionId?: string | null;
  clauseId?: number | null;
  /** The language `text` is written in (decision 0027). */
  baseLanguage: string;
}

export async function createCommitment(db: DB | Tx, clock: Clock, by: string | null, input: NewCommitment): Promise<number> {
  const now = isoNow(clock);
  const { id } = await db
    .insertInto("commitments")
    .values({
      series_id: input.seriesId,
      conference_id: input.conferenceId,
      source_action_id: input.sourceActionId ?? null,
      clause_id: input.clauseId ?? null,
      text: input.text,
      base_language: input.baseLanguage,
      due_on: input.dueOn,
      due_next: input.dueNext ? 1 : 0,
      status: "open",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const owners = [...new Set(input.ownerAgencyIds)];
  if (owners.length) {
    await db
      .insertInto("commitment_owners")
      .values(owners.map((agencyId) => ({ commitment_id: id, agency_id: agencyId, share_done_at: null, share_done_by: null })))
      .execute();
  }
  await appendEvent(db, clock, id, by, { kind: "created", to: "open" });
  return id;
}

export async function currentOf(db: DB | Tx, id: number) {
  const row = await db.selectFrom("commitments").select(["id", "series_id", "status", "text", "due_on", "due_next"]).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError("commitmentNotFound");
  return row;
}

export interface FollowUpInput {
  commitmentId: number;
  note: string;
  agencyId: number | null;
  figure: { label: string; value: number; unit: string } | null;
  /** The date the progress refers to; defaults to now. */
  at?: string;
  /** The writer's language: the note's language when the series works in it (decision 0027). */
  writerLanguage?: string;
}

export async function addFollowUp(db: DB, clock: Clock, by: string, input: FollowUpInput) {
  const commitment = await currentOf(db, input.commitmentId);
  const working = await workingLanguagesOf(db, commitment.series_id);
  const language = working.find((code) => code === input.writerLanguage) ?? baseLanguageOf(working);
  const { id } = await db
    .insertInto("follow_ups")
    .values({
      commitment_id: input.commitmentId,
      at: input.at ?? isoNow(clock),
      by,
      agency_id: input.agencyId,
      note: input.note,
      base_language: language,
      figure_label: input.figure?.label ?? null,
      figure_value: input.figure?.value ?? null,
      figure_unit: input.figure?.unit ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await touch(db, clock, input.commitmentId);
  return id;
}

/** One progress note of a commitment, with the agency that reported it; undefined when it is not that commitment's. */
export function followUpOf(db: DB, commitmentId: number, followUpId: number) {
  return db
    .selectFrom("follow_ups")
    .select(["id", "agency_id as agencyId"])
    .where("id", "=", followUpId)
    .where("commitment_id", "=", commitmentId)
    .executeTakeFirst();
}

/** A status change of the commitment that gave a reason (blocked, dropped), or undefined. */
export function statusReasonOf(db: DB, commitmentId: number, eventId: number) {
  return db
    .selectFrom("commitment_events")
    .select("id")
    .where("id", "=", eventId)
    .where("commitment_id", "=", commitmentId)
    .where("kind", "=", "status")
    .where("reason", "is not", null)
    .executeTakeFirst();
}

export async function setOwners(db: DB, clock: Clock, by: string, commitmentId: number, agencyIds: number[]) {
  await serializable(db, async (trx) => {
    const current = await currentOf(trx, commitmentId);
    const parties = await trx.selectFrom("series_parties").select("agency_id").where("series_id", "=", current.series_id).execute();
    const allowed = new Set(parties.map((p) => p.agency_id));
    const wanted = [...new Set(agencyIds)];
    if (wanted.length === 0) throw new DomainError("ownersRequired", "owners");
    if (wanted.some((id) => !allowed.has(id))) throw new DomainError("agencyNotParty", "owners");
    const before = await trx.selectFrom("commitment_owners").select("agency_id").where("commitment_id", "=", commitmentId).execute();
    const beforeIds = before.map((b) => b.agency_id).sort((a, b) => a - b);
    const removed = beforeIds.filter((id) => !wanted.includes(id));
    const added = wanted.filter((id) => !beforeIds.includes(id));
    if (removed.length) await trx.deleteFrom("commitment_owners").where("commitment_id", "=", commitmentId).where("agency_id", "in", removed).execute();
    if (added.length) {
      await trx
        .insertInto("commitment_owners")
        .values(added.map((agencyId) => ({ commitment_id: commitmentId, agency_id: agencyId, share_done_at: null, share_done_by: null })))
        .execute();
    }
    if (removed.length || added.length) {
      await appendEvent(trx, clock, commitmentId, by, {
        kind: "owners",
        from: beforeIds.join(","),
        to: [...wanted].sort((a, b) => a - b).join(","),
      });
      await touch(trx, clock, commitmentId);
    }
  });
}

export async function setDue(db: DB, clock: Clock, by: string, commitmentId: number, due: { dueOn: string | null; dueNext: boolean }) {
  const current = await currentOf(db, commitmentId);
  const describe = (on: string | null, next: number | boolean) => (next ? "next" : (on ?? ""));
  const from = describe(current.due_on, current.due_next);
  const to = describe(due.dueOn, due.dueNext);
  if (from === to) return;
  await appendEvent(db, clock, commitmentId, by, { kind: "due", from, to });
  await touch(db, clock, commitmentId, { due_on: due.dueNext ? null : due.dueOn, due_next: due.dueNext ? 1 : 0 });
}

export async function setText(db: DB, clock: Clock, by: string | null, commitmentId: number, text: string) {
  const current = await currentOf(db, commitmentId);
  if (current.text === text) return;
  await appendEvent(db, clock, commitmentId, by, { kind: "text", from: current.text, to: text });
  await touch(db, clock, commitmentId, { text });
}

/**
 * Puts every commitment of the series that is still open, agreed before this
 * conference, on this conference's review list (carry-over).
 */
export async function carryOverOpenCommitments(db: DB | Tx, seriesId: number, conferenceId: number, conferenceNumber: number) {
  const open = await db
    .selectFrom("commitments")
    .innerJoin("conferences", "conferences.id", "commitments.conference_id")
    .select("commitments.id")
    .where("commitments.series_id", "=", seriesId)
    .where("commitments.status", "not in", ["done", "dropped"])
    .where("conferences.number", "<", conferenceNumber)
    .execute();
  if (open.length === 0) return 0;
  await db
    .insertInto("commitment_reviews")
    .values(open.map((c) => ({ commitment_id: c.id, conference_id: conferenceId, outcome: null, note: "", reviewed_at: null, reviewed_by: null })))
    .onConflict((oc) => oc.columns(["commitment_id", "conference_id"]).doNothing())
    .execute();
  return open.length;
}

/**
 * Brings a conference's review list up to date as its session opens: the list
 * was made when the conference was planned, and since then some commitments
 * may have closed (they are no longer to be reviewed, and must not count as
 * carried over) and others opened or been agreed (an earlier conference
 * concluded after this one was planned). Outcomes already recorded stay.
 */
export async function refreshReviewList(db: DB | Tx, conferenceId: number) {
  const conference = await db.selectFrom("conferences").select(["series_id", "number"]).where("id", "=", conferenceId).executeTakeFirstOrThrow();
  await db
    .deleteFrom("commitment_reviews")
    .where("conference_id", "=", conferenceId)
    .where("outcome", "is", null)
    .where("commitment_id", "in", db.selectFrom("commitments").select("id").where("status", "in", ["done", "dropped"]))
    .execute();
  await carryOverOpenCommitments(db, conference.series_id, conferenceId, conference.number);
}

/** Records the review of one commitment at one conference; completing or dropping closes it. */
export async function recordReview(
  db: DB,
  clock: Clock,
  by: string,
  input: { commitmentId: number; conferenceId: number; outcome: ReviewOutcome; note: string; writerLanguage?: string },
) {
  await serializable(db, async (trx) => {
    const current = await currentOf(trx, input.commitmentId);
    const review = await trx
      .selectFrom("commitment_reviews")
      .select("outcome")
      .where("commitment_id", "=", input.commitmentId)
      .where("conference_id", "=", input.conferenceId)
      .executeTakeFirst();
    if (!review) throw new DomainError("notUnderReview");
    await trx
      .updateTable("commitment_reviews")
      .set({ outcome: input.outcome, note: input.note, reviewed_at: isoNow(clock), reviewed_by: by })
      .where("commitment_id", "=", input.commitmentId)
      .where("conference_id", "=", input.conferenceId)
      .execute();
    await appendEvent(trx, clock, input.commitmentId, by, { kind: "review", from: review.outcome, to: input.outcome, note: input.note });
    const closeAs: CommitmentStatus | null = input.outcome === "completed" ? "done" : input.outcome === "dropped" ? "dropped" : null;
    if (closeAs && current.status !== closeAs) {
      if (closeAs === "done") {
        await trx
          .updateTable("commitment_owners")
          .set({ share_done_at: isoNow(clock), share_done_by: by })
          .where("commitment_id", "=", input.commitmentId)
          .where("share_done_at", "is", null)
          .execute();
      }
      if (closeAs === "dropped") await trx.deleteFrom("commitment_drop_requests").where("commitment_id", "=", input.commitmentId).execute();
      await appendEvent(trx, clock, input.commitmentId, by, {
        kind: "status",
        from: current.status,
        to: closeAs,
        note: input.note,
        // The conference's review note is the reason it was dropped there.
        reason: closeAs === "dropped" ? input.note || null : null,
        reasonLanguage: input.writerLanguage,
      });
      await touch(trx, clock, input.commitmentId, { status: closeAs });
    } else if (!closeAs && isClosed(current.status)) {
      throw new DomainError("reviewOfClosed");
    }
  });
}

export async function countReviewItems(db: DB, conferenceId: number): Promise<number> {
  const row = await db
    .selectFrom("commitment_reviews")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("conference_id", "=", conferenceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Commitments on a conference's review list, with their lineage. */
export async function listReviewItems(db: DB, clock: Clock, conferenceId: number) {
  const ids = await db.selectFrom("commitment_reviews").select("commitment_id").where("conference_id", "=", conferenceId).execute();
  return listCommitments(db, clock, { ids: ids.map((r) => r.commitment_id) });
}
