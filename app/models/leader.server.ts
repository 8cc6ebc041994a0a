import type { CommitmentStatus } from "../../db/schema/index";
import { figureKey } from "./figure-key";
import { COMMITMENT_STATUSES, isClosed } from "./commitment-rules";
import type { CommitmentView } from "./commitments.server";
import type { ConferenceSummary } from "./conferences.server";

// What a head of delegation reads before the next conference: follow-through
// per party, what is late, what keeps being carried, figures over time. These
// are the rules, pure and unit-tested; the pages compute the same in SQL
// (leader-overview.server.ts, briefing.server.ts), and the integration tests
// compare both on the demo history (test/helpers/leader-report.ts).

export type StatusCounts = Record<CommitmentStatus, number>;

export interface PartyCompletion {
  agencyId: number;
  code: string;
  name: string;
  /** Commitments the party owns, dropped ones left out. */
  owned: number;
  /** Of those, done, or with this party's share confirmed. */
  done: number;
  /** done / owned, or null when the party owns nothing. */
  rate: number | null;
}

export interface ConferenceStatusRow {
  conferenceId: number;
  number: number;
  title: string;
  total: number;
  counts: StatusCounts;
}

export interface FigurePoint {
  at: string;
  value: number;
}

export interface FigureSeries {
  label: string;
  unit: string;
  points: FigurePoint[];
  /** Set when points were condensed for a chart: one per period, the latest report in it. */
  condensed?: { per: FigurePeriod; reports: number };
}

export type FigurePeriod = "month" | "quarter" | "year";

export interface FollowUpFigure {
  at: string;
  figureLabel: string | null;
  figureValue: number | null;
  figureUnit: string | null;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(COMMITMENT_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function countByStatus(commitments: Pick<CommitmentView, "status">[]): StatusCounts {
  const counts = emptyCounts();
  for (const c of commitments) counts[c.status] += 1;
  return counts;
}

/** Share of commitments that are done, dropped ones left out; null when there are none. */
export function completionRate(counts: StatusCounts): number | null {
  const considered = COMMITMENT_STATUSES.reduce((sum, s) => sum + counts[s], 0) - counts.dropped;
  return considered === 0 ? null : counts.done / considered;
}

/**
 * For each party: of the commitments it owns (dropped ones left out), how many
 * are done. A joint commitment counts as done for a party as soon as that
 * party has confirmed its share, even while another owner has not.
 */
export function completionByParty(
  commitments: Pick<CommitmentView, "status" | "owners">[],
  parties: { id: number; code: string; name: string }[],
): PartyCompletion[] {
  return parties.map((party) => {
    let owned = 0;
    let done = 0;
    for (const c of commitments) {
      if (c.status === "dropped") continue;
      const share = c.owners.find((o) => o.agencyId === party.id);
      if (!share) continue;
      owned += 1;
      if (c.status === "done" || share.shareDone) done += 1;
    }
    return { agencyId: party.id, code: party.code, name: party.name, owned, done, rate: owned === 0 ? null : done / owned };
  });
}

/** Overdue commitments, the longest overdue first (a dated due before "by the next conference"). */
export function overdueList<T extends Pick<CommitmentView, "overdue" | "dueOn" | "agreedAt" | "id">>(commitments: T[]): T[] {
  return commitments
    .filter((c) => c.overdue)
    .sort((a, b) => {
      if (a.dueOn && b.dueOn && a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
      if (a.dueOn && !b.dueOn) return -1;
      if (!a.dueOn && b.dueOn) return 1;
      return a.agreedAt.number - b.agreedAt.number || a.id - b.id;
    });
}

/** Still-open commitments carried over at least once, the most carried first. */
export function mostCarried<T extends Pick<CommitmentView, "carriedOver" | "status" | "agreedAt" | "id">>(commitments: T[], limit = 10): T[] {
  return commitments
    .filter((c) => c.carriedOver > 0 && !isClosed(c.status))
    .sort((a, b) => b.carriedOver - a.carriedOver || a.agreedAt.number - b.agreedAt.number || a.id - b.id)
    .slice(0, limit);
}

/** For each conference that agreed commitments, oldest first: how many are now in each status. */
export function statusAcrossConferences(
  commitments: Pick<CommitmentView, "status" | "agreedAt">[],
  conferences: Pick<ConferenceSummary, "id" | "number" | "title">[],
): ConferenceStatusRow[] {
  const rows = new Map<number, ConferenceStatusRow>();
  const byId = new Map(conferences.map((c) => [c.id, c]));
  for (const c of commitments) {
    let row = rows.get(c.agreedAt.conferenceId);
    if (!row) {
      const conference = byId.get(c.agreedAt.conferenceId);
      row = { conferenceId: c.agreedAt.conferenceId, number: c.agreedAt.number, title: conference?.title ?? "", total: 0, counts: emptyCounts() };
      rows.set(c.agreedAt.conferenceId, row);
    }
    row.counts[c.status] += 1;
    row.total += 1;
  }
  return [...rows.values()].sort((a, b) => a.number - b.number);
}

/**
 * Figures reported in follow-ups, one series per figure (label and unit,
 * trimmed; compared without regard to case, named as the latest report
 * writes them), points in date order.
 */
export function figuresOverTime(followUps: FollowUpFigure[]): FigureSeries[] {
  const series = new Map<string, FigureSeries & { namedAt: string }>();
  for (const f of followUps) {
    const label = f.figureLabel?.trim();
    if (!label || f.figureValue === null || !Number.isFinite(f.figureValue)) continue;
    const unit = f.figureUnit?.trim() ?? "";
    const key = figureKey(label, unit).joined;
    let entry = series.get(key);
    if (!entry) {
      entry = { label, unit, points: [], namedAt: f.at };
      series.set(key, entry);
    } else if (f.at >= entry.namedAt) {
      Object.assign(entry, { label, unit, namedAt: f.at });
    }
    entry.points.push({ at: f.at, value: f.figureValue });
  }
  return [...series.values()]
    .map(({ label, unit, points }) => ({ label, unit, points: points.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) }))
    .sort((a, b) => b.points.length - a.points.length || a.label.localeCompare(b.label));
}

const PERIOD_KEYS: Record<FigurePeriod, (at: string) => string> = {
  month: (at) => at.slice(0, 7),
  quarter: (at) => `${at.slice(0, 4)}Q${Math.floor((Number(at.slice(5, 7)) - 1) / 3)}`,
  year: (at) => at.slice(0, 4),
};

/**
 * A figure reported hundreds of times would draw an unreadable chart and a
 * very long page: keep the latest report of each month (or quarter, or year,
 * the finest that fits in `maxPoints`). Points must be in date order.
 */
export function condenseFigure(series: FigureSeries, maxPoints: number): FigureSeries {
  if (series.points.length <= maxPoints) return series;
  let points = series.points;
  let per: FigurePeriod = "year";
  for (const period of ["month", "quarter", "year"] as const) {
    const key = PERIOD_KEYS[period];
    const latest = new Map<string, FigurePoint>();
    for (const point of series.points) latest.set(key(point.at), point);
    points = [...latest.values()];
    per = period;
    if (points.length <= maxPoints) break;
  }
  return { ...series, points, condensed: { per, reports: series.points.length } };
}

/** The latest value of each figure, with the one before it, for a briefing. */
export function latestFigures(series: FigureSeries[]) {
  return series.map((s) => {
    const last = s.points[s.points.length - 1];
    const previous = s.points.length > 1 ? s.points[s.points.length - 2] : null;
    return { label: s.label, unit: s.unit, at: last.at, value: last.value, previous };
  });
}

/** The conference the briefing prepares: the first one not yet concluded, else none. */
export function nextConference<T extends Pick<ConferenceSummary, "number" | "status">>(conferences: T[]): T | null {
  return [...conferences].sort((a, b) => a.number - b.number).find((c) => c.status !== "concluded") ?? null;
}

/** A commitment as the leader's pages show it. */
export type LeaderCommitment = Pick<
  CommitmentView,
  | "id"
  | "text"
  | "baseLanguage"
  | "texts"
  | "languages"
  | "status"
  | "dueOn"
  | "dueNext"
  | "owners"
  | "agreedAt"
  | "reviews"
  | "carriedOver"
  | "overdue"
  | "lastFollowUp"
  | "statusReason"
  | "statusReasonTexts"
  | "dropRequests"
>;

export function slim(c: CommitmentView): LeaderCommitment {
  const { id, text, baseLanguage, texts, languages, status, dueOn, dueNext, owners, agreedAt, reviews, carriedOver, overdue, lastFollowUp, statusReason, statusReasonTexts, dropRequests } = c;
  return { id, text, baseLanguage, texts, languages, status, dueOn, dueNext, owners, agreedAt, reviews, carriedOver, overdue, lastFollowUp, statusReason, statusReasonTexts, dropRequests };
}
