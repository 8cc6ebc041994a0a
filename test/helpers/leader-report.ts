import type { DB } from "../../db/connection";
import type { Clock } from "../../app/models/clock.server";
import { getFollowUps, listCommitments, todayOf } from "../../app/models/commitments.server";
import { listConferences } from "../../app/models/conferences.server";
import {
  completionByParty,
  completionRate,
  countByStatus,
  figuresOverTime,
  mostCarried,
  nextConference,
  overdueList,
  slim,
  statusAcrossConferences,
} from "../../app/models/leader.server";
import { getSeriesParties } from "../../app/models/series.server";

/**
 * The leader's figures for one series computed the slow, obvious way: every
 * commitment loaded and passed through the pure rules of leader.server.ts.
 * The pages compute them in SQL; tests compare the two.
 */
export async function getLeaderReport(db: DB, clock: Clock, seriesId: number) {
  const [commitments, conferences, parties] = await Promise.all([
    listCommitments(db, clock, { seriesId }),
    listConferences(db, seriesId),
    getSeriesParties(db, seriesId),
  ]);
  const followUps = await getFollowUps(
    db,
    commitments.map((c) => c.id),
  );
  const counts = countByStatus(commitments);
  const views = commitments.map(slim);
  return {
    today: todayOf(clock),
    total: commitments.length,
    counts,
    completionRate: completionRate(counts),
    parties: completionByParty(commitments, parties),
    overdue: overdueList(views),
    mostCarried: mostCarried(views),
    // Carried over: still open after a conference that has been held (commitment-rules.ts, decision 0013).
    carriedOpen: mostCarried(views, Number.POSITIVE_INFINITY).length,
    byConference: statusAcrossConferences(commitments, conferences),
    figures: figuresOverTime(followUps),
    nextConference: nextConference(conferences),
    conferences: [...conferences].sort((a, b) => a.number - b.number),
    commitments: views,
  };
}
