import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { getLeaderOverview } from "../../app/models/leader-overview.server";
import { getLeaderReport } from "../helpers/leader-report";
import { pageOfCommitments } from "../../app/models/commitment-queries.server";
import { getCommitment, listCommitments } from "../../app/models/commitments.server";
import { openSession } from "../../app/models/conference-lifecycle.server";
import { COMMITMENT_STATUSES } from "../../app/models/commitment-rules";
import { startServer } from "../helpers/server";

// The leader's page and the register's pages count and filter in SQL; the
// pure rules of leader.server.ts do it in TypeScript over every commitment
// (test/helpers/leader-report.ts). On the demo history, at several dates,
// both must agree.

let handle: DatabaseHandle;

beforeAll(async () => {
  const server = await startServer();
  await server.stop();
  handle = openDatabase(server.dbPath);
});

afterAll(async () => {
  await handle?.close();
});

/** The overview's rows as the full report has them: without every language's title, which it alone keeps. */
const withoutTitles = (rows: { titles: unknown; baseLanguage: unknown }[]) => rows.map(({ titles: _titles, baseLanguage: _base, ...row }) => row);

const dates = ["2022-01-10", "2024-06-01", "2025-09-01", "2026-11-29", "2028-01-01"];

describe("the leader's overview, aggregated in SQL", () => {
  it.each(dates)("agrees with the full report on %s", async (date) => {
    const clock = { now: () => new Date(`${date}T12:00:00.000Z`) };
    const series = await handle.db.selectFrom("series").select(["id", "slug"]).orderBy("id").execute();
    expect(series.length).toBeGreaterThan(0);
    for (const { id } of series) {
      const full = await getLeaderReport(handle.db, clock, id);
      const overview = await getLeaderOverview(handle.db, clock, id, { overdue: 3, mostCarried: 4, figures: 100, figurePoints: 1000 });
      expect(overview.total).toBe(full.total);
      expect(overview.counts).toEqual(full.counts);
      expect(overview.completionRate).toBe(full.completionRate);
      expect(overview.parties).toEqual(full.parties);
      expect(withoutTitles(overview.byConference)).toEqual(full.byConference);
      expect(overview.figures).toEqual(full.figures);
      expect(overview.overdueCount).toBe(full.overdue.length);
      expect(overview.overdue.map((c) => c.id)).toEqual(full.overdue.slice(0, 3).map((c) => c.id));
      expect(overview.mostCarried.map((c) => c.id)).toEqual(full.mostCarried.slice(0, 4).map((c) => c.id));
      expect(overview.carriedOpen).toBe(full.carriedOpen);
    }
  });

  it("counts as carried over only what a held conference carried: agreeing with the full report while the next one is planned, then in session", async () => {
    const clock = { now: () => new Date("2026-11-29T12:00:00.000Z") };
    const { id } = await handle.db.selectFrom("series").select("id").where("slug", "=", "vn-cn-anti-smuggling").executeTakeFirstOrThrow();
    const limits = { overdue: 3, mostCarried: 100, figures: 1, figurePoints: 1 };
    const next = await handle.db.selectFrom("conferences").select(["id", "number"]).where("series_id", "=", id).where("status", "=", "planned").executeTakeFirstOrThrow();
    const onItsList = (await handle.db.selectFrom("commitment_reviews").select("commitment_id").where("conference_id", "=", next.id).execute()).map((r) => r.commitment_id);
    expect(onItsList.length).toBeGreaterThan(0);

    // Planned: those agreed at the last conference are on its review list, and not carried over.
    const planned = await getLeaderOverview(handle.db, clock, id, limits);
    const plannedFull = await getLeaderReport(handle.db, clock, id);
    expect(planned.carriedOpen).toBe(plannedFull.carriedOpen);
    expect(planned.mostCarried.map((c) => c.id)).toEqual(plannedFull.mostCarried.map((c) => c.id));
    expect(planned.mostCarried.some((c) => c.agreedAt.number === next.number - 1)).toBe(false);

    // In session: it has been held while they were open.
    await handle.db.updateTable("conferences").set({ status: "in_session" }).where("id", "=", next.id).execute();
    try {
      const held = await getLeaderOverview(handle.db, clock, id, limits);
      const heldFull = await getLeaderReport(handle.db, clock, id);
      expect(held.carriedOpen).toBe(heldFull.carriedOpen);
      expect(held.mostCarried.map((c) => c.id)).toEqual(heldFull.mostCarried.map((c) => c.id));
      expect(held.carriedOpen).toBeGreaterThan(planned.carriedOpen);
      expect(held.mostCarried.some((c) => c.agreedAt.number === next.number - 1)).toBe(true);
    } finally {
      await handle.db.updateTable("conferences").set({ status: "planned" }).where("id", "=", next.id).execute();
    }
  });

  it("has something to compare: the demo has overdue and carried commitments today", async () => {
    const clock = { now: () => new Date("2026-11-29T12:00:00.000Z") };
    const { id } = await handle.db.selectFrom("series").select("id").where("slug", "=", "vn-cn-anti-smuggling").executeTakeFirstOrThrow();
    const overview = await getLeaderOverview(handle.db, clock, id, { overdue: 25, mostCarried: 10, figures: 6, figurePoints: 40 });
    expect(overview.overdueCount).toBeGreaterThan(0);
    expect(overview.mostCarried.length).toBeGreaterThan(0);
    expect(overview.figures.length).toBeGreaterThan(0);
    expect(overview.parties.some((p) => p.done > 0)).toBe(true);
  });

  it("is kept in memory until something it reads changes, then computed again", async () => {
    const clock = { now: () => new Date("2026-11-29T12:00:00.000Z") };
    const limits = { overdue: 25, mostCarried: 10, figures: 6, figurePoints: 40 };
    const { id } = await handle.db.selectFrom("series").select("id").where("slug", "=", "vn-cn-anti-smuggling").executeTakeFirstOrThrow();
    const first = await getLeaderOverview(handle.db, clock, id, limits);
    expect(await getLeaderOverview(handle.db, clock, id, limits)).toBe(first);

    // A follow-up with a figure, written as any model would: the overview must show it.
    const target = first.overdue[0];
    await handle.db
      .insertInto("follow_ups")
      .values({ commitment_id: target.id, at: "2026-11-28T09:00:00.000Z", note: "checked", figure_label: "Samples tested", figure_value: 42, figure_unit: "kits" })
      .execute();
    const afterFollowUp = await getLeaderOverview(handle.db, clock, id, limits);
    expect(afterFollowUp).not.toBe(first);
    expect(afterFollowUp.figures.some((f) => f.label === "Samples tested")).toBe(true);

    // Marking it done takes it off the overdue list.
    await handle.db.updateTable("commitments").set({ status: "done" }).where("id", "=", target.id).execute();
    const afterDone = await getLeaderOverview(handle.db, clock, id, limits);
    expect(afterDone.overdue.map((c) => c.id)).not.toContain(target.id);
    expect(afterDone.counts.done).toBe(first.counts.done + 1);

    // Renaming an agency shows on the dashboards of every series.
    const party = afterDone.parties[0];
    await handle.db.updateTable("agencies").set({ name: "Renamed agency" }).where("id", "=", party.agencyId).execute();
    expect((await getLeaderOverview(handle.db, clock, id, limits)).parties[0].name).toBe("Renamed agency");

    // Another day can change what is overdue: a different entry.
    const tomorrow = { now: () => new Date("2026-11-30T12:00:00.000Z") };
    expect((await getLeaderOverview(handle.db, tomorrow, id, limits)).today).toBe("2026-11-30");
  });
});

describe("the leader's overview right after a change", () => {
  it("computes again only what a change touched, and still agrees with the full report after every kind of change", async () => {
    const clock = { now: () => new Date("2026-11-29T12:00:00.000Z") };
    const limits = { overdue: 5, mostCarried: 5, figures: 100, figurePoints: 1000 };
    const { id } = await handle.db.selectFrom("series").select("id").where("slug", "=", "vn-cn-anti-smuggling").executeTakeFirstOrThrow();
    const expectAgreement = async (after: string) => {
      const full = await getLeaderReport(handle.db, clock, id);
      const overview = await getLeaderOverview(handle.db, clock, id, limits);
      expect({
        total: overview.total,
        counts: overview.counts,
        parties: overview.parties,
        byConference: withoutTitles(overview.byConference),
        figures: overview.figures,
        overdueCount: overview.overdueCount,
        overdue: overview.overdue.map((c) => c.id),
        mostCarried: overview.mostCarried.map((c) => c.id),
        carriedOpen: overview.carriedOpen,
      }, after).toEqual({
        total: full.total,
        counts: full.counts,
        parties: full.parties,
        byConference: full.byConference,
        figures: full.figures,
        overdueCount: full.overdue.length,
        overdue: full.overdue.slice(0, 5).map((c) => c.id),
        mostCarried: full.mostCarried.slice(0, 5).map((c) => c.id),
        carriedOpen: full.carriedOpen,
      });
      return overview;
    };
    const first = await expectAgreement("before any change");
    const all = await listCommitments(handle.db, clock, { seriesId: id });
    const carried = all.find((c) => c.reviews.length > 0 && c.status !== "done" && c.status !== "dropped")!;
    const joint = all.find((c) => c.owners.length > 1 && c.status !== "done" && c.owners.some((o) => !o.shareDone))!;
    const older = all.find((c) => c.agreedAt.conferenceId !== carried.agreedAt.conferenceId)!;
    expect(carried && joint && older, "the demo has carried, joint and older commitments").toBeTruthy();

    await handle.db.updateTable("commitments").set({ status: "blocked" }).where("id", "=", first.overdue[0].id).execute();
    await expectAgreement("a status change");
    await handle.db.updateTable("commitments").set({ due_on: "2020-01-01", due_next: 0 }).where("id", "=", older.id).execute();
    await expectAgreement("a due date moved into the past");
    const share = joint.owners.find((o) => !o.shareDone)!;
    await handle.db
      .updateTable("commitment_owners")
      .set({ share_done_at: "2026-11-28T10:00:00.000Z" })
      .where("commitment_id", "=", joint.id)
      .where("agency_id", "=", share.agencyId)
      .execute();
    await expectAgreement("one owner's share confirmed");
    await handle.db
      .insertInto("follow_ups")
      .values({ commitment_id: older.id, at: "2026-11-29T08:00:00.000Z", note: "", figure_label: "Cases handed over", figure_value: 7, figure_unit: "" })
      .execute();
    await expectAgreement("a follow-up with a figure");
    await handle.db.updateTable("commitment_reviews").set({ outcome: "completed" }).where("commitment_id", "=", carried.id).execute();
    await expectAgreement("a review outcome");
    await handle.db.deleteFrom("commitment_reviews").where("commitment_id", "=", carried.id).execute();
    await expectAgreement("reviews removed");
    await handle.db.updateTable("conferences").set({ starts_on: "2026-11-01" }).where("series_id", "=", id).where("status", "=", "planned").execute();
    await expectAgreement("the next conference's date moved");
    await handle.db.deleteFrom("commitments").where("id", "=", older.id).execute();
    await expectAgreement("a commitment deleted");
  });
});

describe("a page of the register, filtered and paged in SQL", () => {
  it.each(dates)("gives the same rows as filtering every commitment, on %s", async (date) => {
    const clock = { now: () => new Date(`${date}T12:00:00.000Z`) };
    const series = await handle.db.selectFrom("series").select("id").orderBy("id").execute();
    for (const { id: seriesId } of series) {
      for (const status of [undefined, ...COMMITMENT_STATUSES]) {
        for (const overdue of [false, true]) {
          const all = (await listCommitments(handle.db, clock, { seriesId, status: status ? [status] : undefined })).filter((c) => !overdue || c.overdue);
          const pageSize = 3;
          const pages = Math.max(1, Math.ceil(all.length / pageSize));
          for (const page of [...Array.from({ length: pages }, (_, i) => i + 1), pages + 5]) {
            const got = await pageOfCommitments(handle.db, clock, { seriesId, status, overdue, page, pageSize });
            const current = Math.min(page, pages);
            expect(got.total).toBe(all.length);
            expect(got.pages).toBe(pages);
            expect(got.page).toBe(current);
            expect(got.rows).toEqual(all.slice((current - 1) * pageSize, current * pageSize));
          }
        }
      }
    }
  });
});

describe("opening a conference's session brings its review list up to date", () => {
  it("drops what closed since it was planned (not carried over) and adds what was agreed after", async () => {
    const clock = { now: () => new Date("2026-11-29T12:00:00.000Z") };
    const { id: seriesId } = await handle.db.selectFrom("series").select("id").where("slug", "=", "vn-cn-anti-smuggling").executeTakeFirstOrThrow();
    const next = await handle.db.selectFrom("conferences").select(["id", "number"]).where("series_id", "=", seriesId).where("status", "=", "planned").executeTakeFirstOrThrow();
    const listed = async () => (await handle.db.selectFrom("commitment_reviews").select("commitment_id").where("conference_id", "=", next.id).execute()).map((r) => r.commitment_id);
    const [closedSince, ...rest] = await listed();
    const carriedBefore = (await getCommitment(handle.db, clock, closedSince))!.carriedOver;
    expect(rest.length).toBeGreaterThan(0);
    // Done after the conference was planned, before it opened.
    await handle.db.updateTable("commitments").set({ status: "done" }).where("id", "=", closedSince).execute();
    // Agreed by an earlier conference after this one was planned: not on its list yet.
    const earlier = await handle.db.selectFrom("conferences").select("id").where("series_id", "=", seriesId).where("number", "=", next.number - 1).executeTakeFirstOrThrow();
    const { id: lateId } = await handle.db
      .insertInto("commitments")
      .values({ series_id: seriesId, conference_id: earlier.id, text: "Agreed late", due_on: null, due_next: 1, status: "open", created_at: "2026-11-01T00:00:00.000Z", updated_at: "2026-11-01T00:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await listed()).not.toContain(lateId);

    await openSession(handle.db, next.id);
    const now = await listed();
    expect(now).not.toContain(closedSince);
    expect(now).toContain(lateId);
    // The others stay, unless an earlier test closed them too.
    const open = (await handle.db.selectFrom("commitments").select("id").where("id", "in", rest).where("status", "not in", ["done", "dropped"]).execute()).map((r) => r.id);
    expect(open.length).toBeGreaterThan(0);
    expect(now.filter((id) => rest.includes(id)).sort()).toEqual(open.sort());
    const closed = (await getCommitment(handle.db, clock, closedSince))!;
    expect(closed.reviews.map((r) => r.number)).not.toContain(next.number);
    // The 18th, opened after it was done, does not carry it over.
    expect(closed.carriedOver).toBe(carriedBefore);
    expect(closed.carriedOver).toBe(closed.reviews.filter((r) => r.held && r.outcome !== "completed" && r.outcome !== "dropped").length);
    expect((await getCommitment(handle.db, clock, lateId))!.carriedOver).toBe(1);
  });
});
