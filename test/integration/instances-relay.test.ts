import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
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
import { HttpClient } from "../helpers/http";
import { onPostgres } from "../helpers/postgres-db";
import { startRedis, type TestRedis } from "../helpers/redis";
import { startServer, type TestServer } from "../helpers/server";

// Two instances on one PostgreSQL database with a Redis between them: an edit
// accepted on A is stored by A, then shown on B without being stored again.
// Only in test:pg runs.
const SLUG = "vn-cn-anti-smuggling";
let redis: TestRedis;
let a: TestServer;
let b: TestServer;
let docName: string;
let lanCookie: string;
let zhangCookie: string;
const clients: CollabClient[] = [];

function connect(server: TestServer, cookie: string) {
  const client = connectCollab(server, docName, { cookie });
  clients.push(client);
  return client;
}

const ids = (doc: Y.Doc) => scratchText(doc).toString().split(";").filter(Boolean).sort();

describe.skipIf(!onPostgres)("co-editing across two instances (Redis relay)", () => {
  beforeAll(async () => {
    redis = await startRedis();
    a = await startServer({ env: { REDIS_URL: redis.url } });
    b = await startServer({ dbPath: a.dbPath, env: { REDIS_URL: redis.url } });
    const lan = await new HttpClient(a.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const zhang = await new HttpClient(b.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
    lanCookie = cookieHeader(lan);
    zhangCookie = cookieHeader(zhang);
    ({ docName } = await conferenceDocName(lan, SLUG, 18));
    await prepareScratch(a, docName, lanCookie);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it("shows an edit made on A to a client on B within 2 s, and B's on A, each stored once", async () => {
    const onA = connect(a, lanCookie);
    const onB = connect(b, zhangCookie);
    await Promise.all([waitSynced(onA), waitSynced(onB)]);

    const before = storedUpdateCount(a.dbPath, docName);
    const started = Date.now();
    scratchText(onA.doc).insert(0, "from-a-1;");
    await until(() => scratchText(onB.doc).toString().includes("from-a-1;"), "A's edit on B", 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    // Stored by A alone: B showed it without writing it a second time.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(storedUpdateCount(a.dbPath, docName)).toBe(before + 1);
    scratchText(onB.doc).insert(0, "from-b-1;");
    await until(() => scratchText(onA.doc).toString().includes("from-b-1;"), "B's edit on A", 2000);

    // Both type at once: the two copies converge, and equal a fresh load from PostgreSQL.
    for (let i = 0; i < 40; i += 1) {
      scratchText(onA.doc).insert(0, `a${i};`);
      scratchText(onB.doc).insert(0, `b${i};`);
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => ids(onA.doc).length === ids(onB.doc).length && ids(onA.doc).length >= 82, "both copies to hold every edit", 5000);
    expect(ids(onA.doc)).toEqual(ids(onB.doc));
    await until(() => ids(loadStoredDoc(a.dbPath, docName)).length === ids(onA.doc).length, "PostgreSQL to hold every edit", 5000);
    expect(ids(loadStoredDoc(a.dbPath, docName))).toEqual(ids(onA.doc));
  });

  it("loses nothing while Redis restarts: the instances catch up from PostgreSQL", async () => {
    const onA = connect(a, lanCookie);
    const onB = connect(b, zhangCookie);
    await Promise.all([waitSynced(onA), waitSynced(onB)]);
    await redis.restart();
    // Written while the subscription may be gone: stored on A all the same.
    for (let i = 0; i < 10; i += 1) scratchText(onA.doc).insert(0, `gap${i};`);
    await until(() => scratchText(onB.doc).toString().includes("gap9;"), "B to catch up after Redis came back", 15_000);
    expect(ids(onB.doc)).toEqual(ids(onA.doc));
  });

  it("stores edits and shows them on their own instance while Redis is down, and the other converges when it returns", async () => {
    const onA = connect(a, lanCookie);
    const alsoOnA = connect(a, zhangCookie);
    const onB = connect(b, zhangCookie);
    await Promise.all([waitSynced(onA), waitSynced(alsoOnA), waitSynced(onB)]);
    await redis.down();
    try {
      for (let i = 0; i < 10; i += 1) scratchText(onA.doc).insert(0, `down${i};`);
      await until(() => scratchText(alsoOnA.doc).toString().includes("down9;"), "a client on the same instance to see the edits", 2000);
      await onA.waitStored("the edits to be stored with Redis down");
      expect(ids(loadStoredDoc(a.dbPath, docName))).toContain("down9");
      expect(scratchText(onB.doc).toString()).not.toContain("down9;");
    } finally {
      await redis.up();
    }
    await until(() => scratchText(onB.doc).toString().includes("down9;"), "B to converge once Redis is back", 15_000);
    expect(ids(onB.doc)).toEqual(ids(onA.doc));
  });

  it("converges without a relay message: B reads what another instance stored within seconds (periodic catch-up)", async () => {
    // C shares the database but not Redis, as an instance whose messages were all lost would.
    const c = await startServer({ dbPath: a.dbPath });
    const onB = connect(b, zhangCookie);
    const onC = connectCollab(c, docName, { cookie: lanCookie });
    try {
      await Promise.all([waitSynced(onB), waitSynced(onC)]);
      scratchText(onC.doc).insert(0, "unrelayed;");
      await onC.waitStored("C to store its edit");
      const stored = Date.now();
      await until(() => scratchText(onB.doc).toString().includes("unrelayed;"), "B to catch up from PostgreSQL", 20_000);
      expect(Date.now() - stored).toBeLessThan(20_000);
    } finally {
      onC.destroy();
      await c.stop();
    }
  });

  it("has stored every edit a client on B received when A is killed mid-stream (kill -9)", async () => {
    const writer = connect(a, lanCookie);
    const reader = connect(b, zhangCookie);
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    const received = new Set<string>();
    reader.doc.on("update", () => {
      for (const id of ids(reader.doc)) if (id.startsWith("k-")) received.add(id);
    });
    let n = 0;
    let writing = true;
    const stream = (async () => {
      while (writing) {
        scratchText(writer.doc).insert(0, `k-${n++};`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    await until(() => received.size > 20, "edits to flow from A to B");
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(Math.random() * 300)));
    await a.kill("SIGKILL");
    writing = false;
    await stream;
    writer.destroy();
    reader.destroy();
    // Straight from PostgreSQL: B only ever showed what A had committed.
    const stored = new Set(ids(loadStoredDoc(b.dbPath, docName)));
    expect(received.size).toBeGreaterThan(20);
    expect([...received].filter((id) => !stored.has(id))).toEqual([]);
  });
});
