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
  until,
  waitSynced,
  type CollabClient,
} from "../helpers/collab";
import { startHaproxy, type TestHaproxy } from "../helpers/haproxy";
import { HttpClient } from "../helpers/http";
import { onPostgres } from "../helpers/postgres-db";
import { startRedis, type TestRedis } from "../helpers/redis";
import { startServer, type TestServer } from "../helpers/server";

// Two instances behind a real HAProxy running deploy/haproxy.cfg, every
// request and socket through it: people co-edit whichever instance they
// reach; one instance is killed mid-session and its screens reconnect to the
// other without losing an edit. Only in test:pg runs.
const SLUG = "vn-cn-anti-smuggling";
let redis: TestRedis;
let a: TestServer;
let b: TestServer;
let proxy: TestHaproxy;
const clients: CollabClient[] = [];

const ids = (doc: Y.Doc) => scratchText(doc).toString().split(";").filter(Boolean);

describe.skipIf(!onPostgres)("two instances behind HAProxy", () => {
  beforeAll(async () => {
    redis = await startRedis();
    a = await startServer({ env: { REDIS_URL: redis.url } });
    b = await startServer({ dbPath: a.dbPath, env: { REDIS_URL: redis.url } });
    proxy = await startHaproxy([a.port, b.port]);
    await proxy.serversUp(2);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await proxy?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it("co-edits through one address, and loses no edit when the instance half the screens are on is killed", async () => {
    // The proxy's address is the only one anybody uses, for pages and sockets alike.
    const front = { url: proxy.url, port: proxy.port } as TestServer;
    expect(await (await fetch(`${proxy.url}/healthz`)).json()).toEqual({ status: "ok" });
    const lan = await new HttpClient(proxy.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const zhang = await new HttpClient(proxy.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
    const { docName } = await conferenceDocName(lan, SLUG, 18);
    await prepareScratch(front, docName, cookieHeader(lan));
    const writers = [lan, zhang, lan, zhang].map((who) => {
      const client = connectCollab(front, docName, { cookie: cookieHeader(who) });
      clients.push(client);
      return client;
    });
    await Promise.all(writers.map((w) => waitSynced(w)));
    scratchText(writers[0].doc).insert(0, "hello;");
    await until(() => writers.every((w) => ids(w.doc).includes("hello")), "every screen to see the first edit, whichever instance it is on", 2000);

    const typed: string[] = [];
    let writing = true;
    const streams = writers.map(async (writer, k) => {
      for (let n = 0; writing; n += 1) {
        const id = `w${k}-${n}`;
        scratchText(writer.doc).insert(0, `${id};`);
        typed.push(id);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await a.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    writing = false;
    await Promise.all(streams);
    // Leastconn spread the screens over both instances: some lost their socket and reconnected.
    expect(writers.some((w) => w.closeCodes.length > 0)).toBe(true);
    expect(writers.some((w) => w.closeCodes.length === 0)).toBe(true);

    await until(() => writers.every((w) => w.provider.wsconnected && w.provider.synced), "every screen to be connected again", 20_000);
    // Every edit anyone typed, before, during and after the kill, is in PostgreSQL and on every screen.
    const missingFromStorage = () => {
      const stored = new Set(ids(loadStoredDoc(b.dbPath, docName)));
      return typed.filter((id) => !stored.has(id));
    };
    await until(() => missingFromStorage().length === 0, "PostgreSQL to hold every edit typed", 20_000).catch((error: Error) => {
      // Say which edits, and which screens hold them, so a failure can be told from a slow machine.
      const missing = missingFromStorage();
      const held = missing.slice(0, 10).map((id) => `${id}: on screens ${writers.map((w, k) => (ids(w.doc).includes(id) ? k : null)).filter((k) => k !== null).join(",")}`);
      throw new Error(`${error.message}; ${missing.length} missing, e.g. ${held.join("; ")}; screens connected ${writers.map((w) => w.provider.wsconnected).join(",")}; close codes ${writers.map((w) => w.closeCodes.join("/")).join(",")}`);
    });
    const stored = new Set(ids(loadStoredDoc(b.dbPath, docName)));
    // Equal lengths alone could pass while every screen still lacked the last edit of another.
    await until(() => writers.every((w) => ids(w.doc).length === stored.size && ids(w.doc).every((id: string) => stored.has(id))), "the screens to converge on what is stored", 10_000);
    expect(typed.length).toBeGreaterThan(400);
    expect(typed.filter((id) => !stored.has(id))).toEqual([]);
    for (const w of writers) expect([...ids(w.doc)].sort()).toEqual([...stored].sort());
  });
});
