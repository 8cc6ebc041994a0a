import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { scanForNotifications } from "../../app/models/notification-scan.server";
import { buildNotifyWorld } from "../helpers/notify-fixture";
import { freshDbPath } from "../helpers/server";

// A scan over thousands of late commitments must let the server answer
// requests meanwhile: the SQLite driver is synchronous, so without pauses the
// whole scan would be one long turn of the event loop.

let handle: DatabaseHandle;
const clock = { now: () => new Date("2026-06-01T03:00:00.000Z") };
const COMMITMENTS = 10_000;

beforeAll(async () => {
  handle = openDatabase(freshDbPath());
  await migrateToLatest(handle.db);
  const world = await buildNotifyWorld(handle.db, clock, "X1");
  await scanForNotifications(handle.db, clock);
  const now = clock.now().toISOString();
  for (let i = 0; i < COMMITMENTS; i += 500) {
    const ids = await handle.db
      .insertInto("commitments")
      .values(
        Array.from({ length: Math.min(500, COMMITMENTS - i) }, (_, k) => ({
          series_id: world.seriesId,
          conference_id: world.conferenceId,
          source_action_id: null,
          clause_id: null,
          text: `Late commitment ${i + k}`,
          due_on: "2026-05-01",
          due_next: 0,
          status: "open" as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning("id")
      .execute();
    await handle.db
      .insertInto("commitment_owners")
      .values(ids.map(({ id }) => ({ commitment_id: id, agency_id: world.agencyA.id, share_done_at: null, share_done_by: null })))
      .execute();
  }
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

describe("a scan at scale", () => {
  it("adds every reminder once and never holds the event loop for long", async () => {
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const at = performance.now();
      longest = Math.max(longest, at - last);
      last = at;
    }, 2);
    const started = performance.now();
    const { added } = await scanForNotifications(handle.db, clock);
    const ended = performance.now();
    clearInterval(ticker);
    longest = Math.max(longest, ended - last);
    const took = ended - started;
    // Two people of the owner agency act on its commitments.
    expect(added).toBe(COMMITMENTS * 2);
    // Without the pauses the longest turn is the whole scan.
    expect(longest).toBeLessThan(took / 3);

    const again = await scanForNotifications(handle.db, clock);
    expect(again.added).toBe(0);
  });
});
