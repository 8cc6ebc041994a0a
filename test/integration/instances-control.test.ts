import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { agendaOf } from "../../app/collab/conference-doc";
import { systemClock } from "../../app/models/clock.server";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import {
  conferenceDocName,
  connectCollab,
  cookieHeader,
  DEMO_PASSWORD,
  loadStoredDoc,
  prepareScratch,
  scratchText,
  storedUpdateCount,
  until,
  waitSynced,
  type CollabClient,
} from "../helpers/collab";
import { withDb } from "../helpers/db";
import { EventStreamReader } from "../helpers/event-stream";
import { HttpClient } from "../helpers/http";
import { buildNotifyWorld } from "../helpers/notify-fixture";
import { onPostgres } from "../helpers/postgres-db";
import { startRedis, type TestRedis } from "../helpers/redis";
import { onlyLanguageAuthentic } from "../helpers/series-setup";
import { startServer, type TestServer } from "../helpers/server";

// What one instance decides and every other must act on at once, through the
// Redis control channel and, for adoption, the database itself (decision
// 0034). Sockets here re-check their session only once a minute, so anything
// that happens within seconds on B was caused by A. Only in test:pg runs.
const SLUG = "vn-cn-anti-smuggling";
const BASE = `/series/${SLUG}/conferences/18`;
const PASSWORD = "across-instances-2026";
const SLOW_RECHECK = { COLLAB_RECHECK_MS: "60000" };
let redis: TestRedis;
let a: TestServer;
let b: TestServer;
let handle: DatabaseHandle;
const clients: CollabClient[] = [];
const streams: AbortController[] = [];

function connect(server: TestServer, docName: string, who: HttpClient) {
  const client = connectCollab(server, docName, { cookie: cookieHeader(who) });
  clients.push(client);
  return client;
}

const firstTitle = (doc: Y.Doc) => [...agendaOf(doc).values()][0].get("title") as Y.Text;

describe.skipIf(!onPostgres)("what one instance decides, every instance does", () => {
  beforeAll(async () => {
    redis = await startRedis();
    // A alone sends notifications (B's notifier would wait an hour): B's streams hear of them only through Redis.
    a = await startServer({ env: { REDIS_URL: redis.url, ACCORD_NOTIFY_INTERVAL_MS: "200", ...SLOW_RECHECK } });
    b = await startServer({ dbPath: a.dbPath, env: { REDIS_URL: redis.url, ACCORD_NOTIFY_INTERVAL_MS: "3600000", ...SLOW_RECHECK } });
    // This test types English through bare clients, which leaves the Vietnamese and Chinese stale, and then concludes.
    onlyLanguageAuthentic(a.dbPath, SLUG, "en");
    handle = openDatabase(a.dbPath);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const controller of streams) controller.abort();
    await handle?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it("stores nothing after the adoption's fence while a client on B keeps typing, and tells B's screens", async () => {
    const lan = await new HttpClient(a.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const zhang = await new HttpClient(b.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
    const { id: conferenceId, docName } = await conferenceDocName(lan, SLUG, 18);
    expect((await lan.postForm(`${BASE}/lifecycle`, { intent: "open" })).status).toBe(303);
    const typist = connect(b, docName, zhang);
    const watcher = connect(b, docName, lan);
    await Promise.all([waitSynced(typist), waitSynced(watcher)]);

    let typing = true;
    let typed = 0;
    const stream = (async () => {
      while (typing) {
        firstTitle(typist.doc).insert(firstTitle(typist.doc).length, ` t${typed++}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await until(() => typist.acks > 10, "B to store some of the typing");
    const concluded = await lan.postForm(`${BASE}/lifecycle`, { intent: "conclude" });
    expect(concluded.status).toBe(303);
    const storedAtAdoption = storedUpdateCount(a.dbPath, docName);
    // Typing on for a while after: none of it may be stored.
    const typedAtAdoption = typed;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    typing = false;
    await stream;
    expect(typed - typedAtAdoption).toBeGreaterThan(20);

    // B's screens were told, by the instance that adopted.
    for (const client of [typist, watcher]) {
      await until(() => client.notices.some((n) => n.kind === "status" && n.status === "concluded"), "B's screens to hear of the adoption");
    }
    expect(storedUpdateCount(a.dbPath, docName)).toBe(storedAtAdoption);
    // What PostgreSQL holds is exactly the adopted record: nothing stored after the fence.
    const adopted = withDb(a.dbPath, (db) => db.prepare("SELECT snapshot FROM adopted_records WHERE conference_id = ?").get(conferenceId) as { snapshot: Buffer });
    const record = new Y.Doc();
    Y.applyUpdate(record, new Uint8Array(adopted.snapshot));
    const stored = loadStoredDoc(a.dbPath, docName);
    expect(firstTitle(stored).toString()).toBe(firstTitle(record).toString());
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(record));
    expect(firstTitle(typist.doc).toString().length).toBeGreaterThan(firstTitle(record).toString().length);
    expect(withDb(a.dbPath, (db) => db.prepare("SELECT doc_name FROM collab_fences WHERE doc_name = ?").all(docName))).toHaveLength(1);

    // A screen opening it on B now reads the record, read-only.
    const late = connect(b, docName, zhang);
    await waitSynced(late);
    expect(firstTitle(late.doc).toString()).toBe(firstTitle(record).toString());
    firstTitle(late.doc).insert(0, "too late ");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(storedUpdateCount(a.dbPath, docName)).toBe(storedAtAdoption);
  });

  it("refuses in the database the edits of an instance that never heard of the adoption, whose screens then read the record", async () => {
    // C shares the database but not Redis: only the fence in PostgreSQL stops it.
    const c = await startServer({ dbPath: a.dbPath, env: SLOW_RECHECK });
    // The conference made here is drafted in the series' first language, Vietnamese, as is the scratch item it types into.
    onlyLanguageAuthentic(a.dbPath, SLUG, "vi");
    let typist: CollabClient | undefined;
    try {
      const lan = await new HttpClient(a.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
      const zhang = await new HttpClient(c.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
      const created = await lan.postForm(`/series/${SLUG}/conferences/new`, {
        number: "78", title: "Seventy-eighth", startsOn: "2031-05-01", endsOn: "2031-05-02", format: "online", venue: "", hostAgencyId: "",
      });
      expect(created.status).toBe(303);
      const { id: conferenceId, docName } = await conferenceDocName(lan, SLUG, 78);
      expect((await lan.postForm(`/series/${SLUG}/conferences/78/lifecycle`, { intent: "open" })).status).toBe(303);
      await prepareScratch(c, docName, cookieHeader(zhang));
      typist = connect(c, docName, zhang);
      await waitSynced(typist);
      const t = typist;
      let typing = true;
      const stream = (async () => {
        while (typing) {
          if (t.provider.wsconnected) scratchText(t.doc).insert(0, "x");
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      await until(() => t.acks > 10, "C to store some of the typing");
      expect((await lan.postForm(`/series/${SLUG}/conferences/78/lifecycle`, { intent: "conclude" })).status).toBe(303);
      const storedAtAdoption = storedUpdateCount(a.dbPath, docName);
      // C's next edit is refused by PostgreSQL; its screens sync again with a copy that knows the record is adopted.
      await until(() => t.closeCodes.includes(4000), "C's screen to be told to sync again");
      await until(() => t.notices.some((n) => n.kind === "status" && n.status === "concluded"), "C's screen to learn of the adoption");
      await new Promise((resolve) => setTimeout(resolve, 500));
      typing = false;
      await stream;
      expect(storedUpdateCount(a.dbPath, docName)).toBe(storedAtAdoption);
      const adopted = withDb(a.dbPath, (db) => db.prepare("SELECT snapshot FROM adopted_records WHERE conference_id = ?").get(conferenceId) as { snapshot: Buffer });
      const record = new Y.Doc();
      Y.applyUpdate(record, new Uint8Array(adopted.snapshot));
      expect(Y.encodeStateVector(loadStoredDoc(a.dbPath, docName))).toEqual(Y.encodeStateVector(record));
    } finally {
      typist?.destroy();
      await c.stop();
    }
  });

  it("closes a socket on B at once when its session is signed out on A, and when A withdraws the role", async () => {
    const zhangOnA = await new HttpClient(a.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
    const { docName } = await conferenceDocName(zhangOnA, SLUG, 18);
    const zhangSocket = connect(b, docName, zhangOnA);
    await waitSynced(zhangSocket);
    let started = Date.now();
    expect((await zhangOnA.postForm("/logout", {})).status).toBe(303);
    await until(() => zhangSocket.closeCodes.includes(4401), "B's socket to close with 4401", 3_000);
    expect(Date.now() - started).toBeLessThan(3_000);

    const admin = await new HttpClient(a.url).signIn("admin@accord.test", DEMO_PASSWORD);
    const minh = await new HttpClient(a.url).signIn("minh.tran@vnc.test", DEMO_PASSWORD);
    const minhSocket = connect(b, docName, minh);
    await waitSynced(minhSocket);
    const { body: me } = await minh.getJson<{ id: string }>("/api/v1/me");
    started = Date.now();
    expect((await admin.postForm(`/admin/series/${SLUG}`, { intent: "revoke", userId: me.id })).status).toBe(200);
    await until(() => minhSocket.closeCodes.includes(4403), "B's socket to close with 4403", 3_000);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("keeps a live unread count on B in step with notifications sent and read on A", async () => {
    const world = await buildNotifyWorld(handle.db, systemClock, "X1", PASSWORD);
    const onB = await new HttpClient(b.url).signIn(world.viDelegate.email, PASSWORD);
    const onA = await new HttpClient(a.url).signIn(world.viDelegate.email, PASSWORD);
    const controller = new AbortController();
    streams.push(controller);
    const response = await onB.request("/notifications/live", { signal: controller.signal, headers: { accept: "text/event-stream" } });
    expect(response.status).toBe(200);
    const reader = new EventStreamReader(response);
    await reader.waitUntil(() => reader.counts.length === 1, "the first count");
    const first = reader.counts[0];

    // A's notifier tells the owners of a new commitment; the count on B follows.
    await world.commit("Exchange lists of high-risk consignments", [world.agencyA.id], null);
    await reader.waitUntil(() => (reader.counts.at(-1) ?? 0) > first, "B's count to follow A's notification");
    // Read on A: zero on B.
    expect((await onA.postForm("/notifications", { intent: "readAll" })).status).toBe(303);
    await reader.waitUntil(() => reader.counts.at(-1) === 0, "zero on B after reading everything on A");
  });

  // Last: it kills A.
  it("shows presence across instances under the server's names, gone at once when its screen leaves and soon after its instance dies", async () => {
    const lan = await new HttpClient(a.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const zhang = await new HttpClient(b.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
    const { docName } = await conferenceDocName(lan, SLUG, 18);
    const onA = connect(a, docName, lan);
    const watcher = connect(b, docName, zhang);
    await Promise.all([waitSynced(onA), waitSynced(watcher)]);
    const seen = (client: CollabClient) => watcher.provider.awareness.getStates().get(client.doc.clientID) as { user?: { name?: string } } | undefined;
    // Claimed as someone else: shown on B under the name of whoever is signed in on A.
    onA.provider.awareness.setLocalStateField("user", { name: "Zhang Wei (not really)", color: "#000000" });
    await until(() => seen(onA)?.user?.name === "Nguyễn Thị Lan", "A's presence on B, under the server's name", 3000);
    onA.provider.awareness.setLocalStateField("cursor", { at: 3 });
    await until(() => (seen(onA) as { cursor?: { at: number } } | undefined)?.cursor?.at === 3, "A's presence to follow on B", 3000);
    // B's watcher on A, likewise.
    watcher.provider.awareness.setLocalStateField("user", { name: "anyone" });
    await until(() => (onA.provider.awareness.getStates().get(watcher.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name === "张伟", "B's presence on A", 3000);

    const leaving = connect(a, docName, lan);
    await waitSynced(leaving);
    leaving.provider.awareness.setLocalStateField("user", { name: "x" });
    await until(() => seen(leaving) !== undefined, "a second screen's presence on B", 3000);
    leaving.destroy();
    await until(() => seen(leaving) === undefined, "the screen that left to leave B's presence", 3000);

    // A dies without a word: its people fade from B once their presence is not renewed (30 s).
    await a.kill("SIGKILL");
    const died = Date.now();
    await until(() => seen(onA) === undefined, "presence of a dead instance to expire on B", 45_000);
    expect(Date.now() - died).toBeLessThan(45_000);
  }, 90_000);
});
