import type { ExpressionBuilder } from "kysely";
import type { DB } from "../../db/connection";
import type { CommitmentStatus, Database } from "../../db/schema/index";
import type { Clock } from "./clock.server";
import { COMMITMENT_STATUSES, HELD_CONFERENCE_STATUSES } from "./commitment-rules";
import { listCommitments, todayOf, type CommitmentView } from "./commitments.server";

// The rules of commitment-rules.ts, in SQL, for lists and dashboards over
// thousands of commitments: filter, count and page in the database, then load
// only the rows shown in full. Integration tests compare both on the same data.

export type CommitmentScope = ExpressionBuilder<Database & { agreed: Database["conferences"] }, "commitments" | "agreed">;

export const OPEN_STATUSES = COMMITMENT_STATUSES.filter((s) => s !== "done" && s !== "dropped");

/** A series' commitments, each with the conference that agreed them as `agreed`. */
export function commitmentsOfSeries(db: DB, seriesId: number) {
  return db
    .selectFrom("commitments")
    .innerJoin("conferences as agreed", "agreed.id", "commitments.conference_id")
    .where("commitments.series_id", "=", seriesId);
}

/** isOverdue() in SQL: open, and past its date or past the next conference's start. */
export function overdueCondition(eb: CommitmentScope, today: string) {
  return eb.and([
    eb("commitments.status", "in", OPEN_STATUSES),
    eb.or([
      eb("commitments.due_on", "<", today),
      eb.and([
        eb("commitments.due_next", "=", 1),
        eb.exists(
          eb
            .selectFrom("conferences as later")
            .select("later.id")
            .whereRef("later.series_id", "=", "commitments.series_id")
            .whereRef("later.number", ">", "agreed.number")
            .where("later.starts_on", "<=", today),
        ),
      ]),
    ]),
  ]);
}

/**
 * carriesOver() in SQL, counted per commitment: reviews at a conference that
 * has been held (in session or concluded) with any outcome but completed or
 * dropped, or none yet. `agreedAt` narrows it to commitments those conferences agreed.
 */
export function carryingReviews(db: DB, seriesId: number, agreedAt?: number[]) {
  let reviewed = db.selectFrom("commitments").select("commitments.id").where("commitments.series_id", "=", seriesId);
  if (agreedAt) reviewed = reviewed.where("commitments.conference_id", "in", agreedAt);
  return db
    .selectFrom("commitment_reviews")
    .innerJoin("conferences as reviewing", "reviewing.id", "commitment_reviews.conference_id")
    .select(["commitment_reviews.commitment_id", (eb) => eb.fn.countAll<number>().as("carried")])
    .where("commitment_reviews.commitment_id", "in", reviewed)
    .where("reviewing.status", "in", HELD_CONFERENCE_STATUSES)
    .where((eb) => eb.or([eb("commitment_reviews.outcome", "is", null), eb("commitment_reviews.outcome", "not in", ["completed", "dropped"])]))
    .groupBy("commitment_reviews.commitment_id");
}

/** Full views of the given commitments, in the order of `ids`. */
export async function commitmentsInOrder(db: DB, clock: Clock, ids: number[]): Promise<CommitmentView[]> {
  if (ids.length === 0) return [];
  const views = await listCommitments(db, clock, { ids });
  const byId = new Map(views.map((v) => [v.id, v]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface CommitmentPageQuery {
  seriesId: number;
  status?: CommitmentStatus;
  overdue?: boolean;
  /** Counts from 1; clamped to the pages that exist. */
  page: number;
  pageSize: number;
}

/**
 * One page of a series' register, in the order listCommitments() gives: by
 * conference, then id. Counted per conference first, so that the page's rows
 * are sorted out of the one or two conferences it spans rather than out of
 * the whole series (10,000 rows sorted on every page view, on PostgreSQL).
 */
export async function pageOfCommitments(db: DB, clock: Clock, query: CommitmentPageQuery) {
  const today = todayOf(clock);
  let filtered = commitmentsOfSeries(db, query.seriesId);
  if (query.status) filtered = filtered.where("commitments.status", "=", query.status);
  if (query.overdue) filtered = filtered.where((eb) => overdueCondition(eb, today));
  // Counted from the index on (series, conference, status) before the conferences are joined for their
  // numbers: joining first probes every row of the series (10,000) into a hash of the conferences.
  let own = db.selectFrom("commitments").where("commitments.series_id", "=", query.seriesId);
  if (query.status) own = own.where("commitments.status", "=", query.status);
  const counted = (query.overdue ? filtered : own).select(["commitments.conference_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("commitments.conference_id");
  const perConference = await db
    .selectFrom(counted.as("per"))
    .innerJoin("conferences as agreed", "agreed.id", "per.conference_id")
    .select(["agreed.id as conferenceId", "agreed.number", "per.n"])
    .orderBy("agreed.number")
    .execute();
  const total = perConference.reduce((sum, c) => sum + Number(c.n), 0);
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(Math.max(1, query.page), pages);
  const from = (page - 1) * query.pageSize;
  const spanned: number[] = [];
  let before = 0;
  let skipped = 0;
  for (const c of perConference) {
    const n = Number(c.n);
    if (before + n > from && before < from + query.pageSize) {
      if (spanned.length === 0) skipped = before;
      spanned.push(c.conferenceId);
    }
    before += n;
  }
  if (spanned.length === 0) return { rows: [], page, pages, total };
  const ids = await filtered
    .select("commitments.id")
    .where("commitments.conference_id", "in", spanned)
    .orderBy("agreed.number")
    .orderBy("commitments.id")
    .limit(query.pageSize)
    .offset(from - skipped)
    .execute();
  return { rows: await commitmentsInOrder(db, clock, ids.map((r) => r.id)), page, pages, total };
}
