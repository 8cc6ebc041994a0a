import type { DB } from "../../db/connection";
import type { Clock } from "./clock.server";
import { commitmentsInOrder, commitmentsOfSeries, OPEN_STATUSES } from "./commitment-queries.server";
import { listConferences } from "./conferences.server";
import { getLeaderOverview, type LeaderOverview } from "./leader-overview.server";
import { latestFigures, nextConference, slim, type LeaderCommitment } from "./leader.server";
import { conferenceTitlesForReader } from "./parallel-texts.server";
import type { ShownLanguage } from "./parallel-text-rules";

// What a head of delegation reads before the next conference: the whole
// series at a glance, then what happened since the last conference that
// agreed anything. Older history stays in the register; the pack stays a few
// pages long even after decades of conferences.

/** At most this many commitments in each list of the pack; the rest are counted and left to the register. */
const BRIEFING_ROWS = 100;
const BRIEFING_CARRIED = 10;
// Figures are few (one row per reported figure); the pack compares the last two reports of each, uncondensed.
const ALL = 1_000_000;

/** Some rows of a list and how many there are in all. */
export interface Listed<T> {
  rows: T[];
  total: number;
}

export interface BriefingConference {
  id: number;
  number: number;
  /** In the reader's language where there is one; `shown` says which it is in otherwise. */
  title: string;
  shown: ShownLanguage;
  startsOn: string;
  endsOn: string;
}

export interface Briefing {
  overview: LeaderOverview;
  next: { number: number; title: string; shown: ShownLanguage; startsOn: string; endsOn: string; venue: string; format: string } | null;
  /** The latest conference that agreed commitments, and all it agreed. */
  last: { conference: BriefingConference; agreed: Listed<LeaderCommitment> } | null;
  /** Commitments of earlier conferences still open, blocked or in progress, by conference, the latest first. */
  openEarlier: { groups: { conference: BriefingConference; rows: LeaderCommitment[] }[]; total: number };
  /** Commitments whose status became done on or after the last conference began. */
  doneSince: Listed<LeaderCommitment>;
  figures: ReturnType<typeof latestFigures>;
}

/** The pack for one reader: conference titles in `reader.locale` where there is one (the commitments' texts are the page's to pick). */
export async function getBriefing(db: DB, clock: Clock, seriesId: number, reader: { locale: string; working: readonly string[] }, rows = BRIEFING_ROWS): Promise<Briefing> {
  const [overview, listed] = await Promise.all([
    getLeaderOverview(db, clock, seriesId, { overdue: rows, mostCarried: BRIEFING_CARRIED, figures: ALL, figurePoints: ALL }),
    listConferences(db, seriesId),
  ]);
  const conferences = await conferenceTitlesForReader(db, listed, reader.locale, reader.working);
  const next = nextConference(conferences);
  const lastRow = overview.byConference.at(-1);
  const lastConference = lastRow ? conferences.find((c) => c.id === lastRow.conferenceId) : undefined;
  const inSeries = commitmentsOfSeries(db, seriesId);
  const count = async (query: typeof inSeries) => Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  let last: Briefing["last"] = null;
  let openEarlier: Briefing["openEarlier"] = { groups: [], total: 0 };
  let doneSince: Listed<LeaderCommitment> = { rows: [], total: 0 };
  if (lastRow && lastConference) {
    const agreedThere = inSeries.where("agreed.id", "=", lastConference.id);
    const earlierOpen = inSeries.where("agreed.number", "<", lastConference.number).where("commitments.status", "in", OPEN_STATUSES);
    // Done since: the latest change of status (the one that made it done) is on or after the conference's first day.
    const done = inSeries.where("commitments.status", "=", "done").where((eb) =>
      eb(
        eb
          .selectFrom("commitment_events")
          .select((e) => e.fn.max("commitment_events.at").as("at"))
          .whereRef("commitment_events.commitment_id", "=", "commitments.id")
          .where("commitment_events.kind", "=", "status"),
        ">=",
        lastConference.startsOn,
      ),
    );
    const [agreedRows, earlierIds, earlierTotal, doneIds, doneTotal] = await Promise.all([
      agreedThere.select("commitments.id").orderBy("commitments.id").limit(rows).execute(),
      earlierOpen.select("commitments.id").orderBy("agreed.number", "desc").orderBy("commitments.id").limit(rows).execute(),
      count(earlierOpen),
      done.select("commitments.id").orderBy("agreed.number").orderBy("commitments.id").limit(rows).execute(),
      count(done),
    ]);
    // One load of every row the three lists show (a commitment agreed at the last conference and done since is in two).
    const shown = new Map(
      (await commitmentsInOrder(db, clock, [...new Set([...agreedRows, ...earlierIds, ...doneIds].map((r) => r.id))])).map((c) => [c.id, slim(c)]),
    );
    const rowsOf = (ids: { id: number }[]) => ids.flatMap((r) => shown.get(r.id) ?? []);
    const byId = new Map(conferences.map(({ id, number, title, shown, startsOn, endsOn }) => [id, { id, number, title, shown, startsOn, endsOn }]));
    last = { conference: byId.get(lastConference.id)!, agreed: { rows: rowsOf(agreedRows), total: lastRow.total } };
    openEarlier = { groups: byConference(rowsOf(earlierIds), byId), total: earlierTotal };
    doneSince = { rows: rowsOf(doneIds), total: doneTotal };
  }

  return {
    overview,
    next: next
      ? { number: next.number, title: next.title, shown: next.shown, startsOn: next.startsOn, endsOn: next.endsOn, venue: next.venue, format: next.format }
      : null,
    last,
    openEarlier,
    doneSince,
    figures: latestFigures(overview.figures),
  };
}

/** Consecutive rows agreed at the same conference, in the order given. */
function byConference(rows: LeaderCommitment[], conferences: Map<number, BriefingConference>) {
  const groups: Briefing["openEarlier"]["groups"] = [];
  for (const row of rows) {
    const group = groups.at(-1);
    if (group && group.conference.id === row.agreedAt.conferenceId) group.rows.push(row);
    else groups.push({ conference: conferences.get(row.agreedAt.conferenceId)!, rows: [row] });
  }
  return groups;
}
