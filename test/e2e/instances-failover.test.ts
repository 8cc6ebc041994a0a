import { spawnSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgenda } from "../../app/collab/conference-doc";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { conferenceDocName, DEMO_PASSWORD, loadStoredDoc } from "../helpers/collab";
import { startHaproxy, type TestHaproxy } from "../helpers/haproxy";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { postgresBinDir, startPostgres, type PostgresCluster } from "../helpers/postgres";
import { startRedis, type TestRedis } from "../helpers/redis";
import { startServer, type TestServer } from "../helpers/server";

// Two instances on one PostgreSQL database, Redis between them, HAProxy in
// front running deploy/haproxy.cfg: the browser only ever uses HAProxy's
// address. Lan's workspace is on instance A and Zhang's on B; A is killed
// with SIGKILL while Lan types, her page reconnects through HAProxy to B and
// she keeps typing. Every character is then in PostgreSQL, on Zhang's screen
// and in a fresh load.
const SLUG = "vn-cn-anti-smuggling";
const WORKSPACE = `/series/${SLUG}/conferences/18`;
const BEFORE = " — Rồng Mê Kông";
const DURING = " phối hợp trao đổi thông tin về các tuyến buôn lậu";
const AFTER = " (đã thống nhất)";

/** Why this machine cannot run two instances behind HAProxy, or null when it can. */
function missingEngines(): string | null {
  try {
    postgresBinDir();
  } catch {
    return "PostgreSQL is not installed (apt-get install postgresql postgresql-contrib)";
  }
  if (spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status !== 0) return "redis-server is not installed (apt-get install redis-server)";
  if (spawnSync("haproxy", ["-v"], { stdio: "ignore" }).status !== 0) return "HAProxy is not installed (apt-get install haproxy)";
  return null;
}

const missing = missingEngines();

// While instance A is gone the browser logs its failed sockets and requests; nothing else may appear.
const OUTAGE = [/WebSocket connection to '.*\/collab\/.*' failed/, /net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|INCOMPLETE_CHUNKED_ENCODING)/, /status of 502/];

let cluster: PostgresCluster;
let redis: TestRedis;
let a: TestServer;
let b: TestServer;
let proxy: TestHaproxy;
let browser: Browser;

const titleOf = (page: Page, catalog: typeof vi | typeof zh) =>
  page.getByLabel(catalog.parallel.titleLabel.replace("{{number}}", "3").replace("{{language}}", catalog.parallel.languages.vi), { exact: true });

const connected = (page: Page, catalog: typeof vi | typeof zh) => page.getByRole("status").filter({ hasText: catalog.workspace.status.connected });

describe("a workspace behind HAProxy, when the instance it is on dies", () => {
  beforeAll(async () => {
    if (missing) return;
    cluster = await startPostgres();
    redis = await startRedis();
    const url = await cluster.createDatabase();
    a = await startServer({ dbPath: url, env: { REDIS_URL: redis.url } });
    b = await startServer({ dbPath: url, env: { REDIS_URL: redis.url } });
    proxy = await startHaproxy([a.port, b.port]);
    await proxy.serversUp(2);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await cluster?.stop();
  });

  it("reconnects to the other instance and loses no character typed before, during or after the kill", async (context) => {
    if (missing) {
      // Said on the console too: the default reporter shows a skipped test's note only when verbose.
      const note = `skipped: two instances behind HAProxy need PostgreSQL, Redis and HAProxy: ${missing}`;
      console.warn(note);
      return context.skip(note);
    }
    const lan = await openPage(browser, proxy.url, { allowErrors: OUTAGE });
    const zhang = await openPage(browser, proxy.url);
    const fresh = await openPage(browser, proxy.url);
    try {
      // Which of the pages' collaboration sockets closed: Lan's must, since A held them; Zhang's must not.
      const closedSockets = { lan: 0, zhang: 0 };
      for (const [who, page] of [["lan", lan.page], ["zhang", zhang.page]] as const) {
        page.on("websocket", (socket) => {
          if (socket.url().includes("/collab/")) socket.on("close", () => (closedSockets[who] += 1));
        });
      }
      // Lan's page goes to A (B takes no new connections), Zhang's to B (A takes none); then both take any.
      await proxy.setState("b", "maint");
      await signIn(lan.page, "lan.nguyen@vnc.test");
      await lan.page.goto(WORKSPACE);
      await connected(lan.page, vi).waitFor();
      await proxy.setState("b", "ready");
      await proxy.setState("a", "drain");
      await signIn(zhang.page, "zhang.wei@gacc.test");
      await zhang.page.goto(WORKSPACE);
      await connected(zhang.page, zh).waitFor();
      await proxy.setState("a", "ready");
      await proxy.serversUp(2);

      const lanTitle = titleOf(lan.page, vi);
      const zhangTitle = titleOf(zhang.page, zh);
      const original = await lanTitle.inputValue();
      await lanTitle.click();
      await lanTitle.press("End");
      await lanTitle.pressSequentially(BEFORE);
      // From A to B through Redis.
      await expect.poll(() => zhangTitle.inputValue(), { timeout: 10_000 }).toBe(original + BEFORE);

      // A dies a few characters into the next phrase; Lan keeps typing through the outage.
      const typing = lanTitle.pressSequentially(DURING, { delay: 60 });
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await a.kill("SIGKILL")).signal).toBe("SIGKILL");
      await typing;
      await expect.poll(() => closedSockets.lan, { timeout: 10_000 }).toBeGreaterThan(0);
      // Reconnected: only B is left behind HAProxy's address.
      await connected(lan.page, vi).waitFor({ timeout: 30_000 });
      await lanTitle.pressSequentially(AFTER);

      const expected = original + BEFORE + DURING + AFTER;
      expect(await lanTitle.inputValue()).toBe(expected);
      await connected(lan.page, vi).waitFor({ timeout: 30_000 });
      await expect.poll(() => zhangTitle.inputValue(), { timeout: 10_000 }).toBe(expected);
      // PostgreSQL holds every character, read straight from its rows.
      const { id, docName } = await conferenceDocName(await new HttpClient(proxy.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD), SLUG, 18);
      const { base } = withDb(b.dbPath, (db) => db.prepare("SELECT base_language AS base FROM conferences WHERE id = ?").get(id) as { base: string });
      const storedTitle = () => readAgenda(loadStoredDoc(b.dbPath, docName), { base, working: ["vi"] })[2].texts?.vi.title;
      await expect.poll(storedTitle, { timeout: 10_000 }).toBe(expected);
      // And a browser that never saw the document loads it whole.
      await signIn(fresh.page, "zhang.wei@gacc.test");
      await fresh.page.goto(WORKSPACE);
      await connected(fresh.page, zh).waitFor();
      expect(await titleOf(fresh.page, zh).inputValue()).toBe(expected);
      expect(closedSockets.zhang).toBe(0);
      expect(zhang.problems.errors).toEqual([]);
      expect(fresh.problems.errors).toEqual([]);
    } finally {
      await Promise.all([lan.context.close(), zhang.context.close(), fresh.context.close()]);
    }
  });
});
