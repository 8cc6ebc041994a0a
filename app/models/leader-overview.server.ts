import { sql } from "kysely";
import type { DB } from "../../db/connection";
import type { ConferenceStatus } from "../../db/schema/index";
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
  type FollowUpFigure,
  type LeaderCommitment,
  type PartyCompletion,
  slim,
  type StatusCounts,
} from "./leader.server";
import { textsInEveryLanguage } from "./parallel-texts.server";
import { getSeriesParties } from "./series.server";

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
  /** With every language's title (`titles`, `baseLanguage`), for each reader to pick theirs. */
  byConference: (ConferenceStatusRow & { baseLanguage: string; titles: Record<string, string> })[];
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
  const { revision, conferences } = await seriesState(db, seriesId);
  const hit = entries.get(key);
  if (hit && hit.revision === revision) return hit.overview;
  const overview = computeLeaderOverview(db, clock, seriesId, limits, conferences);
  entries.delete(key);
  entries.set(key, { revision, overview });
  if (entries.size > MAX_CACHED) entries.delete(entries.keys().next().value!);
  // A failed computation is not kept.
  overview.catch(() => {
    if (entries.get(key)?.overview === overview) entries.delete(key);
  });
  return overview;
}

/**
 * What one conference's commitments add to the overview. Kept per conference
 * and computed again only when that conference's revision moves (migration
 * 0021), or when anything every part depends on changes: the date, and the
 * series' conferences (their numbers, dates and statuses decide what is
 * overdue and what was carried over).
 */
interface ConferencePart {
  counts: StatusCounts;
  owners: Map<number, { owned: number; done: number }>;
  /** Open and overdue, in overdueList() order. */
  overdue: OverdueEntry[];
  /** Open and carried over at least once, in mostCarried() order. */
  carried: CarriedEntry[];
  figures: (FollowUpFigure & { id: number })[];
}

type OverdueEntry = { id: number; dueOn: string | null; number: number };
type CarriedEntry = { id: number; carried: number; number: number };

// overdueList(): dated ones first, the oldest date first, then by conference and id.
function byOverdue(a: OverdueEntry, b: OverdueEntry) {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return a.number - b.number || a.id - b.id;
}

// mostCarried(): the most carried first, then by conference and id.
function byCarried(a: CarriedEntry, b: CarriedEntry) {
  return b.carried - a.carried || a.number - b.number || a.id - b.id;
}

/** The first `limit` of parts' lists that are each in `order`. */
function firstOf<T>(lists: T[][], limit: number, order: (a: T, b: T) => number): T[] {
  return lists
    .flatMap((list) => list.slice(0, limit))
    .sort(order)
    .slice(0, limit);
}

function sameFigures(a: ConferencePart["figures"], b: ConferencePart["figures"]) {
  return (
    a.length === b.length &&
    a.every((f, i) => f.id === b[i].id && f.at === b[i].at && f.figureLabel === b[i].figureLabel && f.figureValue === b[i].figureValue && f.figureUnit === b[i].figureUnit)
  );
}

interface SeriesParts {
  /** The date and the series' conferences the parts were computed against. */
  basis: string;
  parts: Map<number, { revision: number; part: ConferencePart }>;
  /** Figures over time per chart limits, until a part's figure reports change (most changes report none). */
  figures: Map<string, FigureSeries[]>;
}

const partsOf = new WeakMap<DB, Map<number, SeriesParts>>();

function emptyPart(): ConferencePart {
  return { counts: emptyCounts(), owners: new Map(), overdue: [], carried: [], figures: [] };
}

type SeriesConference = { id: number; number: number; title: string; baseLanguage: string; status: ConferenceStatus; startsOn: string; revision: number | null };

/**
 * The series' revision and its conferences with theirs, in one statement (one
 * snapshot, one round trip): the revision decides whether a kept overview
 * still holds, the conferences which of its parts do not.
 */
async function seriesState(db: DB, seriesId: number): Promise<{ revision: number; conferences: SeriesConference[] }> {
  const rows = await db
    .selectFrom("series")
    .leftJoin("series_revisions", "series_revisions.series_id", "series.id")
    .leftJoin("conferences", "conferences.series_id", "series.id")
    .leftJoin("conference_revisions", "conference_revisions.conference_id", "conferences.id")
    .select([
      "series_revisions.revision as seriesRevision",
      "conferences.id",
      "conferences.number",
      "conferences.title",
      "conferences.base_language as baseLanguage",
      "conferences.status",
      "conferences.starts_on as startsOn",
      "conference_revisions.revision",
    ])
    .where("series.id", "=", seriesId)
    .orderBy("conferences.number")
    .execute();
  const conferences = rows.flatMap(({ id, number, title, baseLanguage, status, startsOn, revision }) =>
    id === null || number === null || title === null || baseLanguage === null || status === null || startsOn === null
      ? []
      : [{ id, number, title, baseLanguage, status, startsOn, revision }],
  );
  return { revision: rows[0]?.seriesRevision ?? 0, conferences };
}

async function computeLeaderOverview(db: DB, clock: Clock, seriesId: number, limits: OverviewLimits, conferences: SeriesConference[]): Promise<LeaderOverview> {
  const today = todayOf(clock);
  let bySeries = partsOf.get(db);
  if (!bySeries) {
    bySeries = new Map();
    partsOf.set(db, bySeries);
  }
  const basis = JSON.stringify([today, conferences.map((c) => [c.id, c.number, c.status, c.startsOn])]);
  let known = bySeries.get(seriesId);
  if (!known || known.basis !== basis) {
    known = { basis, parts: new Map(), figures: new Map() };
    bySeries.delete(seriesId);
    bySeries.set(seriesId, known);
    if (bySeries.size > MAX_CACHED) bySeries.delete(bySeries.keys().next().value!);
  }
  const stale = conferences.filter((c) => known.parts.get(c.id)?.revision !== (c.revision ?? 0));
  // Read after the revisions (seriesState): a part is never labelled newer than what it holds.
  // Every language's title of each conference, for each reader to be shown theirs; a new text in any
  // language raises the series' revision (migration 0014), so what is kept with the overview stays true.
  const [parties, fresh, titles] = await Promise.all([
    getSeriesParties(db, seriesId),
    stale.length > 0 ? computeParts(db, seriesId, today, stale) : null,
    textsInEveryLanguage(db, "conference", conferences.map((c) => ({ id: c.id, baseLanguage: c.baseLanguage, text: c.title })), "title"),
  ]);
  if (fresh) {
    for (const c of stale) {
      const part = fresh.get(c.id)!;
      const before = known.parts.get(c.id)?.part;
      if (!before || !sameFigures(before.figures, part.figures)) known.figures.clear();
      known.parts.set(c.id, { revision: c.revision ?? 0, part });
    }
  }

  const counts = emptyCounts();
  const owners = new Map<number, { owned: number; done: number }>();
  const byConference: LeaderOverview["byConference"] = [];
  const parts = conferences.map((c) => known.parts.get(c.id)!.part);
  for (const conference of conferences) {
    const part = known.parts.get(conference.id)!.part;
    let total = 0;
    for (const status of COMMITMENT_STATUSES) {
      counts[status] += part.counts[status];
      total += part.counts[status];
    }
    if (total > 0) {
      byConference.push({
        conferenceId: conference.id,
        number: conference.number,
        title: conference.title,
        baseLanguage: conference.baseLanguage,
        titles: titles.get(conference.id) ?? { [conference.baseLanguage]: conference.title },
        total,
        counts: { ...part.counts },
      });
    }
    for (const [agencyId, share] of part.owners) {
      const sum = owners.get(agencyId) ?? { owned: 0, done: 0 };
      owners.set(agencyId, { owned: sum.owned + share.owned, done: sum.done + share.done });
    }
  }
  const overdueShown = firstOf(parts.map((p) => p.overdue), limits.overdue, byOverdue).map((r) => r.id);
  const carriedShown = firstOf(parts.map((p) => p.carried), limits.mostCarried, byCarried).map((r) => r.id);
  const figuresKey = `${limits.figures}/${limits.figurePoints}`;
  let figures = known.figures.get(figuresKey);
  if (!figures) {
    // In the order they were reported, so that the latest report names a figure whatever conference it belongs to.
    const reports = parts.flatMap((p) => p.figures).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
    figures = figuresOverTime(reports)
      .slice(0, limits.figures)
      .map((series) => condenseFigure(series, limits.figurePoints));
    known.figures.set(figuresKey, figures);
  }
  const views = new Map((await commitmentsInOrder(db, clock, [...new Set([...overdueShown, ...carriedShown])])).map((v) => [v.id, v]));

  return {
    today,
    total: COMMITMENT_STATUSES.reduce((sum, s) => sum + counts[s], 0),
    counts,
    completionRate: completionRate(counts),
    carriedOpen: parts.reduce((sum, p) => sum + p.carried.length, 0),
    parties: parties.map((party) => {
      const { owned, done } = owners.get(party.id) ?? { owned: 0, done: 0 };
      return { agencyId: party.id, code: party.code, name: party.name, owned, done, rate: owned === 0 ? null : done / owned };
    }),
    byConference,
    overdue: overdueShown.flatMap((id) => (views.has(id) ? [slim(views.get(id)!)] : [])),
    overdueCount: parts.reduce((sum, p) => sum + p.overdue.length, 0),
    mostCarried: carriedShown.flatMap((id) => (views.has(id) ? [slim(views.get(id)!)] : [])),
    figures,
  };
}

/** The parts of the given conferences of a series, from SQL aggregates over what each agreed. */
async function computeParts(db: DB, seriesId: number, today: string, conferences: { id: number; number: number }[]): Promise<Map<number, ConferencePart>> {
  const ids = conferences.map((c) => c.id);
  const inSeries = commitmentsOfSeries(db, seriesId).where("commitments.conference_id", "in", ids);
  // Without the agreeing conference, for aggregates that do not need it.
  const ownRows = db.selectFrom("commitments").where("commitments.series_id", "=", seriesId).where("commitments.conference_id", "in", ids);

  const [byStatus, ownerRows, overdueRows, carriedRows, figureRows] = await Promise.all([
    // Counted from the index on (series, conference, status) alone.
    ownRows
      .select(["commitments.conference_id as conferenceId", "commitments.status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["commitments.conference_id", "commitments.status"])
      .execute(),
    ownRows
      .innerJoin("commitment_owners", "commitment_owners.commitment_id", "commitments.id")
      .select([
        "commitments.conference_id as conferenceId",
        "commitment_owners.agency_id as agencyId",
        (eb) => eb.fn.countAll<number>().as("owned"),
        sql<number>`sum(case when ${sql.ref("commitments.status")} = 'done' or ${sql.ref("commitment_owners.share_done_at")} is not null then 1 else 0 end)`.as("done"),
      ])
      .where("commitments.status", "!=", "dropped")
      .groupBy(["commitments.conference_id", "commitment_owners.agency_id"])
      .execute(),
    inSeries
      .select(["commitments.id", "commitments.conference_id as conferenceId", "commitments.due_on as dueOn", "agreed.number"])
      .where((eb) => overdueCondition(eb, today))
      .execute(),
    inSeries
      .innerJoin(carryingReviews(db, seriesId, ids).as("carry"), "carry.commitment_id", "commitments.id")
      .select(["commitments.id", "commitments.conference_id as conferenceId", "carry.carried", "agreed.number"])
      .where("commitments.status", "in", OPEN_STATUSES)
      .execute(),
    ownRows
      .innerJoin("follow_ups", "follow_ups.commitment_id", "commitments.id")
      .select([
        "commitments.conference_id as conferenceId",
        "follow_ups.id",
        "follow_ups.at",
        "follow_ups.figure_label as figureLabel",
        "follow_ups.figure_value as figureValue",
        "follow_ups.figure_unit as figureUnit",
      ])
      .where("follow_ups.figure_value", "is not", null)
      .where("follow_ups.figure_label", "is not", null)
      .execute(),
  ]);

  const parts = new Map(ids.map((id) => [id, emptyPart()]));
  for (const row of byStatus) parts.get(row.conferenceId)!.counts[row.status] += Number(row.n);
  for (const row of ownerRows) parts.get(row.conferenceId)!.owners.set(row.agencyId, { owned: Number(row.owned), done: Number(row.done) });
  for (const row of overdueRows) parts.get(row.conferenceId)!.overdue.push({ id: row.id, dueOn: row.dueOn, number: row.number });
  for (const row of carriedRows) parts.get(row.conferenceId)!.carried.push({ id: row.id, carried: Number(row.carried), number: row.number });
  for (const { conferenceId, ...figure } of figureRows) parts.get(conferenceId)!.figures.push(figure);
  for (const part of parts.values()) {
    part.overdue.sort(byOverdue);
    part.carried.sort(byCarried);
    part.figures.sort((a, b) => a.id - b.id);
  }
  return parts;
}
