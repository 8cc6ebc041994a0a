import { sql } from "kysely";
import type { DB } from "../../db/connection";
import type { Clock } from "./clock.server";
import { carryingReviews, commitmentsInOrder, commitmentsOfSeries, OPEN_STATUSES, overdueCondition } from "./commitment-queries.server";
import { COMMITMENT_STATUSES } from "./commitment-rules";
import { todayOf } from "./commitments.server";
import {
  completionRate,
  condenseFigure,
  emptyCounts,
  figuresOverTime,
  type ConferenceStatusRow,
  type FigureSeries,
  type LeaderCommitment,
  type PartyCompletion,
  slim,
  type StatusCounts,
} from "./leader.server";
import { getSeriesParties, getSeriesRevision } from "./series.server";

// The leader's view of a series with thousands of commitments: every count is
// an aggregate in SQL, and only the commitments the page lists are loaded in
// full. The rules are those of commitment-rules.ts and leader.server.ts; the
// integration tests compare both ways of computing them on the same data.

export interface LeaderOverview {
  today: string;
  total: number;
  counts: StatusCounts;
  completionRate: number | null;
  carriedOpen: number;
  parties: PartyCompletion[];
  byConference: ConferenceStatusRow[];
  overdue: LeaderCommitment[];
  overdueCount: number;
  mostCarried: LeaderCommitment[];
  figures: FigureSeries[];
}

export interface OverviewLimits {
  overdue: number;
  mostCarried: number;
  figures: number;
  figurePoints: number;
}

// Computing an overview reads every commitment of the series; leaders open it
// far more often than the series changes. One entry per series, date and
// limits, valid while the series' revision (raised by database triggers on
// any change the overview reads) stays the same.
const MAX_CACHED = 64;
const cached = new WeakMap<DB, Map<string, { revision: number; overview: Promise<LeaderOverview> }>>();

export async function getLeaderOverview(db: DB, clock: Clock, seriesId: number, limits: OverviewLimits): Promise<LeaderOverview> {
  let entries = cached.get(db);
  if (!entries) {
    entries = new Map();
    cached.set(db, entries);
  }
  const key = JSON.stringify([seriesId, todayOf(clock), limits]);
  const revision = await getSeriesRevision(db, seriesId);
  const hit = entries.get(key);
  if (hit && hit.revision === revision) return hit.overview;
  const overview = computeLeaderOverview(db, clock, seriesId, limits);
  entries.delete(key);
  entries.set(key, { revision, overview });
  if (entries.size > MAX_CACHED) entries.delete(entries.keys().next().value!);
  // A failed computation is not kept.
  overview.catch(() => {
    if (entries.get(key)?.overview === overview) entries.delete(key);
  });
  return overview;
}

async function computeLeaderOverview(db: DB, clock: Clock, seriesId: number, limits: OverviewLimits): Promise<LeaderOverview> {
  const today = todayOf(clock);
  const inSeries = commitmentsOfSeries(db, seriesId);
  // Without the agreeing conference, for aggregates that do not need it.
  const ownRows = db.selectFrom("commitments").where("commitments.series_id", "=", seriesId);

  // Ids only for the two ranked lists: their lengths are the counts, their heads the rows shown.
  const [byStatus, partyRows, parties, overdueIds, carriedIds, figureRows] = await Promise.all([
    // Counted from the index on (series, conference, status) alone, then named.
    db
      .selectFrom(
        ownRows
          .select(["commitments.conference_id", "commitments.status", (eb) => eb.fn.countAll<number>().as("n")])
          .groupBy(["commitments.conference_id", "commitments.status"])
          .as("tally"),
      )
      .innerJoin("conferences as agreed", "agreed.id", "tally.conference_id")
      .select(["agreed.id as conferenceId", "agreed.number", "agreed.title", "tally.status", "tally.n"])
      .execute(),
    ownRows
      .innerJoin("commitment_owners", "commitment_owners.commitment_id", "commitments.id")
      .select([
        "commitment_owners.agency_id as agencyId",
        (eb) => eb.fn.countAll<number>().as("owned"),
        sql<number>`sum(case when ${sql.ref("commitments.status")} = 'done' or ${sql.ref("commitment_owners.share_done_at")} is not null then 1 else 0 end)`.as("done"),
      ])
      .where("commitments.status", "!=", "dropped")
      .groupBy("commitment_owners.agency_id")
      .execute(),
    getSeriesParties(db, seriesId),
    inSeries
      .select("commitments.id")
      .where((eb) => overdueCondition(eb, today))
      // overdueList(): dated ones first, the oldest date first, then by conference and id.
      .orderBy(sql`${sql.ref("commitments.due_on")} is null`)
      .orderBy("commitments.due_on")
      .orderBy("agreed.number")
      .orderBy("commitments.id")
      .execute(),
    inSeries
      .innerJoin(carryingReviews(db, seriesId).as("carry"), "carry.commitment_id", "commitments.id")
      .select("commitments.id")
      .where("commitments.status", "in", OPEN_STATUSES)
      // mostCarried(): the most carried first, then by conference and id.
      .orderBy("carry.carried", "desc")
      .orderBy("agreed.number")
      .orderBy("commitments.id")
      .execute(),
    ownRows
      .innerJoin("follow_ups", "follow_ups.commitment_id", "commitments.id")
      .select(["follow_ups.at", "follow_ups.figure_label as figureLabel", "follow_ups.figure_value as figureValue", "follow_ups.figure_unit as figureUnit"])
      .where("follow_ups.figure_value", "is not", null)
      .where("follow_ups.figure_label", "is not", null)
      .execute(),
  ]);

  const counts = emptyCounts();
  const conferences = new Map<number, ConferenceStatusRow>();
  for (const row of byStatus) {
    const n = Number(row.n);
    counts[row.status] += n;
    let entry = conferences.get(row.conferenceId);
    if (!entry) {
      entry = { conferenceId: row.conferenceId, number: row.number, title: row.title, total: 0, counts: emptyCounts() };
      conferences.set(row.conferenceId, entry);
    }
    entry.counts[row.status] += n;
    entry.total += n;
  }
  const ownedBy = new Map(partyRows.map((r) => [r.agencyId, { owned: Number(r.owned), done: Number(r.done) }]));

  const [overdueViews, carriedViews] = await Promise.all([
    commitmentsInOrder(db, clock, overdueIds.slice(0, limits.overdue).map((r) => r.id)),
    commitmentsInOrder(db, clock, carriedIds.slice(0, limits.mostCarried).map((r) => r.id)),
  ]);

  return {
    today,
    total: COMMITMENT_STATUSES.reduce((sum, s) => sum + counts[s], 0),
    counts,
    completionRate: completionRate(counts),
    carriedOpen: carriedIds.length,
    parties: parties.map((party) => {
      const { owned, done } = ownedBy.get(party.id) ?? { owned: 0, done: 0 };
      return { agencyId: party.id, code: party.code, name: party.name, owned, done, rate: owned === 0 ? null : done / owned };
    }),
    byConference: [...conferences.values()].sort((a, b) => a.number - b.number),
    overdue: overdueViews.map(slim),
    overdueCount: overdueIds.length,
    mostCarried: carriedViews.map(slim),
    figures: figuresOverTime(figureRows)
      .slice(0, limits.figures)
      .map((series) => condenseFigure(series, limits.figurePoints)),
  };
}
