import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { systemClock } from "../../app/models/clock.server";
import { createUser } from "../../app/models/users.server";
import { EventStreamReader } from "../helpers/event-stream";
import { HttpClient } from "../helpers/http";
import { buildNotifyWorld } from "../helpers/notify-fixture";
import { startServer, type TestServer } from "../helpers/server";

// The header's unread count pushed over /notifications/live: signed in by the
// session cookie only, each stream carries its own person's count and nobody
// else's, follows new notifications and reads done in another tab, and ends
// when its session does.

const PASSWORD = "live-count-2026";
let server: TestServer;
let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof buildNotifyWorld>>;
const open: AbortController[] = [];

beforeAll(async () => {
  server = await startServer({ demo: false, env: { ACCORD_NOTIFY_INTERVAL_MS: "200" } });
  handle = openDatabase(server.dbPath);
  for (let i = 0; i < 100; i++) {
    if (await handle.db.selectFrom("notification_state").select("value").where("name", "=", "events_cursor").executeTakeFirst()) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  world = await buildNotifyWorld(handle.db, systemClock, "L1", PASSWORD);
  await createUser(handle.db, systemClock, { email: "admin.l1@notify.test", name: "Admin", password: PASSWORD, isAdmin: true });
});

afterAll(async () => {
  for (const controller of open) controller.abort();
  await handle?.close();
});

async function liveStream(client: HttpClient) {
  const controller = new AbortController();
  open.push(controller);
  const response = await client.request("/notifications/live", { signal: controller.signal, headers: { accept: "text/event-stream" } });
  return { response, reader: response.status === 200 ? new EventStreamReader(response) : null, controller };
}

describe("the live unread count", () => {
  it("is refused without a session, and a forged cookie is no session", async () => {
    const anonymous = await liveStream(new HttpClient(server.url));
    expect(anonymous.response.status).toBe(401);
    const forged = new HttpClient(server.url);
    forged.jar.set("accord_session", "not-a-session");
    expect((await liveStream(forged)).response.status).toBe(401);
  });

  it("pushes each person's own count when a notification arrives, and nothing to anyone else", async () => {
    const vi = await new HttpClient(server.url).signIn(world.viDelegate.email, PASSWORD);
    const zh = await new HttpClient(server.url).signIn(world.zhDelegate.email, PASSWORD);
    const viLive = await liveStream(vi);
    const zhLive = await liveStream(zh);
    expect(viLive.response.headers.get("content-type")).toContain("text/event-stream");
    expect(viLive.response.headers.get("cache-control")).toContain("no-store");
    await viLive.reader!.waitUntil(() => viLive.reader!.counts.length === 1, "the first count");
    await zhLive.reader!.waitUntil(() => zhLive.reader!.counts.length === 1, "the first count");
    expect(viLive.reader!.counts).toEqual([0]);
    expect(zhLive.reader!.counts).toEqual([0]);

    // Only agency A owns it: its people are told, agency B's are not.
    await world.commit("Exchange lists of high-risk consignments", [world.agencyA.id], null);
    await viLive.reader!.waitUntil(() => viLive.reader!.counts.at(-1) === 1, "the new count");
    await new Promise((r) => setTimeout(r, 600));
    expect(zhLive.reader!.counts).toEqual([0]);

    await world.commit("Report the Mekong Dragon stage to the WCO", [world.agencyB.id], null);
    await zhLive.reader!.waitUntil(() => zhLive.reader!.counts.at(-1) === 1, "agency B's count");
    // Agency A's figure never reached agency B's stream, and the other way round.
    expect(viLive.reader!.counts).toEqual([0, 1]);
    expect(zhLive.reader!.counts).toEqual([0, 1]);
  });

  it("follows a read done in another tab at once", async () => {
    const tabA = await new HttpClient(server.url).signIn(world.enSecretariat.email, PASSWORD);
    const tabB = await new HttpClient(server.url).signIn(world.enSecretariat.email, PASSWORD);
    const live = await liveStream(tabA);
    await live.reader!.waitUntil(() => live.reader!.counts.length === 1, "the first count");
    expect(live.reader!.counts[0]).toBeGreaterThan(0);
    const marked = await tabB.postForm("/notifications", { intent: "readAll" });
    expect(marked.status).toBe(303);
    await live.reader!.waitUntil(() => live.reader!.counts.at(-1) === 0, "zero after reading everything");
  });

  it("ends when its session is signed out, and when an administrator signs the person out everywhere", async () => {
    const vi = await new HttpClient(server.url).signIn(world.viDelegate.email, PASSWORD);
    const live = await liveStream(vi);
    await live.reader!.waitUntil(() => live.reader!.counts.length === 1, "the first count");
    const out = await vi.postForm("/logout", {});
    expect(out.status).toBe(303);
    await live.reader!.waitUntil(() => live.reader!.ended, "the stream to end");
    expect(live.reader!.events.at(-1)?.event).toBe("signedOut");

    const zh = await new HttpClient(server.url).signIn(world.zhDelegate.email, PASSWORD);
    const zhLive = await liveStream(zh);
    await zhLive.reader!.waitUntil(() => zhLive.reader!.counts.length === 1, "the first count");
    const admin = await new HttpClient(server.url).signIn("admin.l1@notify.test", PASSWORD);
    const revoke = await admin.postForm("/admin/users", { intent: "signOutEverywhere", userId: world.zhDelegate.id });
    expect(revoke.status).toBe(200);
    await zhLive.reader!.waitUntil(() => zhLive.reader!.ended, "the revoked stream to end");
    expect((await liveStream(zh)).response.status).toBe(401);
  });

  it("keeps a bounded number of streams per person: the oldest gives way", async () => {
    const client = await new HttpClient(server.url).signIn(world.zhObserver.email, PASSWORD);
    const streams: Awaited<ReturnType<typeof liveStream>>[] = [];
    for (let i = 0; i < 9; i++) streams.push(await liveStream(client));
    await streams[0].reader!.waitUntil(() => streams[0].reader!.ended, "the oldest stream to close");
    await new Promise((r) => setTimeout(r, 200));
    expect(streams.slice(1).every((s) => !s.reader!.ended)).toBe(true);
  });
});
