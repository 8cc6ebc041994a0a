import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { getBriefing } from "../../app/models/briefing.server";
import { workingLanguagesOf } from "../../app/models/series.server";
import { getLeaderReport } from "../helpers/leader-report";
import { DEMO_PASSWORD } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// The briefing pack: the series at a glance, then what happened since the last
// conference that agreed anything; each list capped, with the register for the rest.

const SLUG = "vn-cn-anti-smuggling";
let server: TestServer;
let handle: DatabaseHandle;

beforeAll(async () => {
  server = await startServer();
  handle = openDatabase(server.dbPath);
});

afterAll(async () => {
  await handle?.close();
  await server?.stop();
});

const OPEN = ["open", "in_progress", "blocked"];
/** A reader of the English texts (the demo's base language), so that titles are as stored. */
const EN = { locale: "en", working: ["en"] };

describe("the briefing pack's lists", () => {
  it.each(["2022-01-10", "2024-06-01", "2026-11-29"])("follow the rules of the full report on %s, two rows a list", async (date) => {
    const clock = { now: () => new Date(`${date}T12:00:00.000Z`) };
    for (const { id } of await handle.db.selectFrom("series").select("id").execute()) {
      const report = await getLeaderReport(handle.db, clock, id);
      const briefing = await getBriefing(handle.db, clock, id, EN, 2);
      const lastNumber = Math.max(...report.commitments.map((c) => c.agreedAt.number));
      const last = report.conferences.find((c) => c.number === lastNumber)!;
      expect(briefing.last?.conference.number).toBe(lastNumber);

      const agreedThere = report.commitments.filter((c) => c.agreedAt.number === lastNumber).sort((a, b) => a.id - b.id);
      expect(briefing.last?.agreed.total).toBe(agreedThere.length);
      expect(briefing.last?.agreed.rows.map((c) => c.id)).toEqual(agreedThere.slice(0, 2).map((c) => c.id));

      const earlier = report.commitments
        .filter((c) => OPEN.includes(c.status) && c.agreedAt.number < lastNumber)
        .sort((a, b) => b.agreedAt.number - a.agreedAt.number || a.id - b.id);
      expect(briefing.openEarlier.total).toBe(earlier.length);
      expect(briefing.openEarlier.groups.flatMap((g) => g.rows.map((c) => c.id))).toEqual(earlier.slice(0, 2).map((c) => c.id));
      for (const group of briefing.openEarlier.groups) {
        for (const row of group.rows) expect(row.agreedAt.conferenceId).toBe(group.conference.id);
      }

      const statusChanged = new Map(
        (
          await handle.db
            .selectFrom("commitment_events")
            .select(["commitment_id as id", (eb) => eb.fn.max("at").as("at")])
            .where("kind", "=", "status")
            .groupBy("commitment_id")
            .execute()
        ).map(
          (r) => [r.id, r.at],
        ),
      );
      const doneSince = report.commitments
        .filter((c) => c.status === "done" && (statusChanged.get(c.id) ?? "") >= last.startsOn)
        .sort((a, b) => a.agreedAt.number - b.agreedAt.number || a.id - b.id);
      expect(briefing.doneSince.total).toBe(doneSince.length);
      expect(briefing.doneSince.rows.map((c) => c.id)).toEqual(doneSince.slice(0, 2).map((c) => c.id));

      expect(briefing.overview.overdueCount).toBe(report.overdue.length);
      expect(briefing.overview.overdue.map((c) => c.id)).toEqual(report.overdue.slice(0, 2).map((c) => c.id));
    }
  });

  it("has something to compare: today the demo has open commitments from earlier conferences and work done since the last", async () => {
    const clock = { now: () => new Date("2026-11-29T12:00:00.000Z") };
    const { id } = await handle.db.selectFrom("series").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const briefing = await getBriefing(handle.db, clock, id, EN);
    expect(briefing.last?.conference.number).toBe(17);
    // The conference titles are the reader's: the Vietnamese title for a Vietnamese reader, unmarked.
    const working = await workingLanguagesOf(handle.db, id);
    const vi = await getBriefing(handle.db, clock, id, { locale: "vi", working });
    expect(vi.last?.conference.title).toContain("lần thứ 17");
    expect(vi.last?.conference.shown.wanted).toBeNull();
    expect(vi.openEarlier.groups.every((g) => g.conference.shown.language === "vi")).toBe(true);
    expect(vi.next?.title).toContain("lần thứ 18");
    expect(briefing.openEarlier.total).toBeGreaterThan(1);
    expect(briefing.doneSince.total).toBeGreaterThan(0);
    expect(briefing.overview.counts.done).toBeGreaterThan(briefing.doneSince.total);
  });
});

describe("the briefing pack page", () => {
  it("shows the last conference in full, what is still open from before, and leaves closed history to the register", async () => {
    const observer = await new HttpClient(server.url).signIn("hung.pham@vnc.test", DEMO_PASSWORD);
    const { status, html } = await observer.getHtml(`/series/${SLUG}/briefing`);
    expect(status).toBe(200);
    expect(html).toContain("Still open from earlier conferences");
    // Agreed at the 17th: all of it, open or done.
    expect(html).toContain("Share findings on the use of AI against customs fraud");
    expect(html).toContain("Each Party designates technical contact points");
    // Open since the 14th.
    expect(html).toContain("Share policy changes that help detect fraud on high-risk goods");
    expect(html).toMatch(/Done since the last conference opened \(17th .* Conference, 12 August 2025\)\./);
    expect(html).toContain("2 more were done before that.");
    // Done at the 14th, and dropped at the 16th: in the register, not in the pack.
    expect(html).not.toContain("Develop a joint cooperation plan against drug trafficking");
    expect(html).not.toContain("Set up a joint working group on cigarette smuggling");
  });
});
