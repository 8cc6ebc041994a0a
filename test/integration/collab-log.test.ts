import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CollabLog } from "../../db/collab-log";
import { createCollabStore } from "../../db/collab-store";
import { openSqlite, type SqliteHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { until } from "../helpers/collab";
import { ROOT } from "../helpers/env";

// The writer thread runs from the server bundle that the global setup builds.
const WORKER = path.join(ROOT, "build/server/collab-log-writer.js");

const open: { handle: SqliteHandle; log: CollabLog; dir: string }[] = [];

async function freshLog(
  options: { busyTimeoutMs?: number; retryMs?: number; onError?: (e: Error) => void; inline?: false; syncGapMs?: number; afterCommit?: () => void } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-log-"));
  const file = path.join(dir, "accord.db");
  const handle = openSqlite(file);
  await migrateToLatest(handle.db);
  const log = new CollabLog({ file, db: handle.db, workerFile: WORKER, ...options });
  open.push({ handle, log, dir });
  return { handle, log, file };
}

afterEach(async () => {
  for (const { handle, log, dir } of open.splice(0)) {
    await log.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  for (let i = 0; i < count; i += 1) doc.getText("t").insert(i, String(i % 10));
  return out;
}

function appendAll(log: CollabLog, updates: Uint8Array[], events: string[] = [], from = 0) {
  const synced = updates.map(
    (update, i) =>
      new Promise<void>((resolve) =>
        log.append("conference/1", update, {
          committed: () => events.push(`c${from + i}`),
          synced: () => {
            events.push(`s${from + i}`);
            resolve();
          },
        }),
      ),
  );
  return { events, done: Promise.all(synced) };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function storedIds(file: string): number[] {
  const rows = new SQLite(file, { readonly: true });
  const ids = rows.prepare("SELECT id FROM collab_updates ORDER BY id").all() as { id: number }[];
  rows.close();
  return ids.map((row) => row.id);
}

describe("collaboration log (committed on the server's thread, or its writer thread)", () => {
  it("commits what one turn of the event loop queued as one batch on the server's thread", async () => {
    const { log } = await freshLog();
    const { events, done } = appendAll(log, edits(20));
    await done;
    expect(log.stats.batches).toBe(1);
    expect(log.stats.inlineBatches).toBe(1);
    expect(events.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`));
  });

  it("hands a batch that meets a held lock to the writer thread, and commits nothing queued later before it", async () => {
    const { log, file } = await freshLog();
    const holder = new SQLite(file);
    holder.exec("BEGIN IMMEDIATE");
    const events: string[] = [];
    const first = appendAll(log, edits(3), events, 0);
    await nextTurn();
    await nextTurn();
    // Queued in later turns, while the first batch waits for the lock at the writer thread.
    const second = appendAll(log, edits(2), events, 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
    holder.exec("ROLLBACK");
    holder.close();
    await Promise.all([first.done, second.done]);

    const committed = events.filter((e) => e.startsWith("c"));
    expect(committed).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    // The first went through the writer thread, the second back on the server's thread.
    expect(log.stats.batches).toBe(2);
    expect(log.stats.inlineBatches).toBe(1);
    expect(storedIds(file)).toHaveLength(5);
  });

  it("sends a large update to the writer thread, after what was queued before it and before what came after", async () => {
    const { log, file } = await freshLog();
    const events: string[] = [];
    const ids: number[] = [];
    const append = (data: Uint8Array, name: string) =>
      new Promise<void>((resolve) =>
        log.append("conference/1", data, {
          committed: (id) => {
            events.push(name);
            ids.push(id);
          },
          synced: resolve,
        }),
      );
    const [small] = edits(1);
    const large = new Uint8Array(200 * 1024).fill(1);
    const a = append(small, "small-before");
    await nextTurn();
    const b = append(large, "large");
    const c = append(small, "small-after");
    await Promise.all([a, b, c]);
    expect(events).toEqual(["small-before", "large", "small-after"]);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    // The writer thread takes the large update with whatever is queued behind it.
    expect(log.stats.batches).toBe(2);
    expect(log.stats.inlineBatches).toBe(1);
    expect(storedIds(file)).toEqual(ids);
  });

  it("leaves every batch to the writer thread when inline commits are turned off", async () => {
    const { log } = await freshLog({ inline: false });
    const { done } = appendAll(log, edits(10));
    await done;
    expect(log.stats.jobs).toBe(10);
    expect(log.stats.inlineBatches).toBe(0);
  });


  it("commits and syncs every update in queue order, several per fsync under load", async () => {
    const { log, file } = await freshLog();
    const updates = edits(300);
    const { events, done } = appendAll(log, updates);
    await done;

    const committed = events.filter((e) => e.startsWith("c")).map((e) => Number(e.slice(1)));
    const synced = events.filter((e) => e.startsWith("s")).map((e) => Number(e.slice(1)));
    expect(committed).toEqual(updates.map((_, i) => i));
    expect(synced).toEqual(updates.map((_, i) => i));
    // Nothing is reported synced before it is committed.
    for (let i = 0; i < updates.length; i += 1) expect(events.indexOf(`s${i}`)).toBeGreaterThan(events.indexOf(`c${i}`));
    // Group commit: 300 updates queued at once do not take 300 transactions.
    expect(log.stats.batches).toBeLessThan(updates.length);
    expect(log.stats.jobs).toBe(updates.length);

    const rows = new SQLite(file, { readonly: true });
    const count = rows.prepare("SELECT count(*) AS n FROM collab_updates WHERE doc_name = ?").get("conference/1") as { n: number };
    rows.close();
    expect(count.n).toBe(updates.length);
  });

  it("starts an fsync no sooner than the gap after the last one, and it covers every batch committed meanwhile, in order", async () => {
    const { log } = await freshLog({ syncGapMs: 40 });
    const updates = edits(30);
    const events: string[] = [];
    const started = performance.now();
    const all: Promise<void>[] = [];
    // One update per turn: 30 small batches, each committed at once.
    for (let i = 0; i < updates.length; i += 1) {
      all.push(appendAll(log, [updates[i]], events, i).done.then(() => undefined));
      await nextTurn();
    }
    await Promise.all(all);
    const elapsed = performance.now() - started;
    expect(log.stats.batches).toBe(updates.length);
    // At most one fsync per 40 ms, plus the first.
    expect(log.stats.syncs).toBeLessThanOrEqual(Math.floor(elapsed / 40) + 1);
    expect(log.stats.syncs).toBeLessThan(updates.length);
    expect(events.filter((e) => e.startsWith("s"))).toEqual(updates.map((_, i) => `s${i}`));
    for (let i = 0; i < updates.length; i += 1) expect(events.indexOf(`s${i}`)).toBeGreaterThan(events.indexOf(`c${i}`));
  });

  it("says a commit is due from the first append of a turn, and calls afterCommit at its end even when the writer thread takes the batch", async () => {
    let calls = 0;
    const { log, file } = await freshLog({ afterCommit: () => (calls += 1) });
    expect(log.commitDue).toBe(false);
    const holder = new SQLite(file);
    holder.exec("BEGIN IMMEDIATE");
    const { done } = appendAll(log, edits(2));
    expect(log.commitDue).toBe(true);
    await nextTurn();
    // The lock sent the batch to the writer thread; the frames held for this turn must still leave.
    expect(log.commitDue).toBe(false);
    expect(calls).toBe(1);
    holder.exec("ROLLBACK");
    holder.close();
    await done;
    expect(log.stats.inlineBatches).toBe(0);
  });

  it("waits behind a transaction the app holds open, and a rollback there takes none of its updates", async () => {
    const { log, file, handle } = await freshLog();
    const holder = new SQLite(file);
    holder.exec("BEGIN IMMEDIATE");
    holder.prepare("INSERT INTO agencies (code, name, country, created_at) VALUES ('ZZ', 'Held', 'ZZ', '2026-01-01')").run();

    const { events, done } = appendAll(log, edits(5));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toEqual([]);
    holder.exec("ROLLBACK");
    holder.close();
    await done;

    const store = createCollabStore(handle);
    const stored = await store.load("conference/1");
    store.close();
    expect(stored.updates).toHaveLength(5);
  });

  it("retries a batch that failed, whole and first, until it is stored", async () => {
    const errors: Error[] = [];
    const { log, file } = await freshLog({ busyTimeoutMs: 20, retryMs: 50, onError: (e) => errors.push(e) });
    const holder = new SQLite(file);
    holder.exec("BEGIN IMMEDIATE");

    const events: string[] = [];
    const first = appendAll(log, edits(3), events, 0);
    // However long the writer thread takes to start on a busy machine: it fails on the held lock first.
    await until(() => errors.length > 0, "the first batch to fail on the held lock");
    const second = appendAll(log, edits(2), events, 3);
    await until(() => errors.length > 1, "a retry to fail again while the lock is held");
    expect(events).toEqual([]);
    holder.exec("ROLLBACK");
    holder.close();
    await Promise.all([first.done, second.done]);
    expect(log.stats.failures).toBeGreaterThan(0);
    // The failed batch first, then what was queued behind it.
    expect(events.filter((e) => e.startsWith("c"))).toEqual(["c0", "c1", "c2", "c3", "c4"]);

    const rows = new SQLite(file, { readonly: true });
    const ids = rows.prepare("SELECT id FROM collab_updates ORDER BY id").all() as { id: number }[];
    rows.close();
    expect(ids).toHaveLength(5);
  });

  it("compacts after the updates queued before it, and a load sees the same document", async () => {
    const { log, handle } = await freshLog();
    const doc = new Y.Doc();
    doc.on("update", (u: Uint8Array) => log.append("conference/2", u));
    for (let i = 0; i < 50; i += 1) doc.getText("t").insert(0, "x");
    await new Promise<void>((resolve) => log.compact("conference/2", Y.encodeStateAsUpdate(doc), { synced: resolve }));
    doc.getText("t").insert(0, "after");
    await log.idle();

    const store = createCollabStore(handle);
    const stored = await store.load("conference/2");
    expect(await store.pendingCount("conference/2")).toBe(1);
    store.close();
    const reloaded = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    for (const row of stored.updates) Y.applyUpdate(reloaded, row.data);
    expect(reloaded.getText("t").toString()).toBe(doc.getText("t").toString());
  });
});
