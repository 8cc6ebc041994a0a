import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PostgresCollabLog } from "../../db/collab-log-postgres";
import { createCollabStore } from "../../db/collab-store";
import { openDatabase, type PostgresHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { freshPostgresDatabase } from "../helpers/postgres-db";

const open: { handle: PostgresHandle; log: PostgresCollabLog }[] = [];

async function freshLog(options: { retryMs?: number; onError?: (e: Error) => void } = {}) {
  const url = await freshPostgresDatabase();
  const handle = openDatabase(url) as PostgresHandle;
  await migrateToLatest(handle.db);
  const log = new PostgresCollabLog({ pool: handle.pool, ...options });
  open.push({ handle, log });
  return { handle, log, url };
}

afterEach(async () => {
  for (const { handle, log } of open.splice(0)) {
    await log.close();
    await handle.close();
  }
});

function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  for (let i = 0; i < count; i += 1) doc.getText("t").insert(i, String(i % 10));
  return out;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Counts rows from outside, on a connection of its own: what another instance would see. */
async function storedCount(url: string, docName: string): Promise<number> {
  return withClient(url, async (c) => Number((await c.query("SELECT count(*) AS n FROM collab_updates WHERE doc_name = $1", [docName])).rows[0].n));
}

describe("collaboration log on PostgreSQL", () => {
  it("commits every update in queue order, many per transaction, each visible to others once it says so", async () => {
    const { log, url } = await freshLog();
    const updates = edits(300);
    const events: string[] = [];
    const seenByOthers: number[] = [];
    const ids: number[] = [];
    await Promise.all(
      updates.map(
        (update, i) =>
          new Promise<void>((resolve) =>
            log.append("conference/1", update, {
              committed: (id) => {
                events.push(`c${i}`);
                ids.push(id);
                // The first one told committed must already be readable by any other connection.
                if (i === 0) void storedCount(url, "conference/1").then((n) => seenByOthers.push(n));
              },
              synced: () => {
                events.push(`s${i}`);
                resolve();
              },
            }),
          ),
      ),
    );
    await log.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.filter((e) => e.startsWith("c"))).toEqual(updates.map((_, i) => `c${i}`));
    expect(events.filter((e) => e.startsWith("s"))).toEqual(updates.map((_, i) => `s${i}`));
    for (let i = 0; i < updates.length; i += 1) expect(events.indexOf(`s${i}`)).toBeGreaterThan(events.indexOf(`c${i}`));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(updates.length);
    expect(log.stats.batches).toBeLessThan(updates.length);
    expect(seenByOthers[0]).toBeGreaterThanOrEqual(1);
    expect(await storedCount(url, "conference/1")).toBe(updates.length);
  });

  it("compacts into a snapshot that, with what follows it, loads the same document", async () => {
    const { handle, log } = await freshLog();
    const doc = new Y.Doc();
    doc.on("update", (u: Uint8Array) => log.append("conference/2", u));
    for (let i = 0; i < 50; i += 1) doc.getText("t").insert(0, "x");
    await new Promise<void>((resolve) => log.compact("conference/2", Y.encodeStateAsUpdate(doc), { synced: resolve }));
    doc.getText("t").insert(0, "after");
    await log.idle();

    const store = createCollabStore(handle);
    const stored = await store.load("conference/2");
    expect(await store.pendingCount("conference/2")).toBe(1);
    expect(stored.snapshot).not.toBeNull();
    const reloaded = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    for (const row of stored.updates) Y.applyUpdate(reloaded, row.data);
    expect(reloaded.getText("t").toString()).toBe(doc.getText("t").toString());
  });

  it("loses nothing when two instances compact one document at once, each knowing only part of it", async () => {
    const { handle, log: logA, url } = await freshLog();
    const other = openDatabase(url) as PostgresHandle;
    const logB = new PostgresCollabLog({ pool: other.pool });
    open.push({ handle: other, log: logB });
    // Two editors, one per instance, never told of each other's edits.
    const onA = new Y.Doc();
    const onB = new Y.Doc();
    onA.on("update", (u: Uint8Array) => logA.append("conference/4", u));
    onB.on("update", (u: Uint8Array) => logB.append("conference/4", u));
    for (let round = 0; round < 5; round += 1) {
      for (let i = 0; i < 20; i += 1) {
        onA.getArray<string>("ids").push([`a${round}-${i}`]);
        onB.getArray<string>("ids").push([`b${round}-${i}`]);
      }
      // Both compact at the same moment with only what they hold.
      await Promise.all([
        new Promise<void>((resolve) => logA.compact("conference/4", Y.encodeStateAsUpdate(onA), { synced: resolve })),
        new Promise<void>((resolve) => logB.compact("conference/4", Y.encodeStateAsUpdate(onB), { synced: resolve })),
      ]);
    }
    await Promise.all([logA.idle(), logB.idle()]);
    const stored = await createCollabStore(handle).load("conference/4");
    const reloaded = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    for (const row of stored.updates) Y.applyUpdate(reloaded, row.data);
    const ids = reloaded.getArray<string>("ids").toArray();
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  it("retries a batch the database refused, and stores nothing queued behind it first", async () => {
    const errors: Error[] = [];
    const url = await freshPostgresDatabase();
    // Inserts that meet a lock fail after 50 ms instead of waiting, so that the log sees failures.
    await withClient(url, (c) => c.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET lock_timeout = '50ms'`));
    const handle = openDatabase(url) as PostgresHandle;
    await migrateToLatest(handle.db);
    const log = new PostgresCollabLog({ pool: handle.pool, retryMs: 20, onError: (e) => errors.push(e) });
    open.push({ handle, log });

    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("LOCK TABLE collab_updates IN ACCESS EXCLUSIVE MODE");
    const order: number[] = [];
    const done = Promise.all(
      edits(5).map((u, i) => new Promise<void>((resolve) => log.append("conference/3", u, { committed: () => order.push(i), synced: resolve }))),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    await holder.query("ROLLBACK");
    await holder.end();
    await done;
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(await storedCount(url, "conference/3")).toBe(5);
  });
});

describe("the adoption fence (decision 0034)", () => {
  it("refuses every append of a fenced document in the database, keeps the others of the same batch, and compacts only what is stored", async () => {
    const { handle, log, url } = await freshLog();
    const store = createCollabStore(handle);
    const [first, second, third] = edits(3);
    await new Promise<void>((resolve) => log.append("conference/1", first, { committed: () => resolve() }));
    await store.fence("conference/1");
    const heard: string[] = [];
    const done = Promise.all(
      [
        ["conference/1", second],
        ["conference/2", second],
        ["conference/1", third],
      ].map(
        ([docName, data], i) =>
          new Promise<void>((resolve) =>
            log.append(docName as string, data as Uint8Array, {
              committed: () => (heard.push(`${i}:stored`), resolve()),
              refused: () => (heard.push(`${i}:refused`), resolve()),
            }),
          ),
      ),
    );
    await done;
    expect(heard.sort()).toEqual(["0:refused", "1:stored", "2:refused"]);
    expect(await storedCount(url, "conference/1")).toBe(1);
    expect(await storedCount(url, "conference/2")).toBe(1);
    // Even a statement of its own, outside the log, stores nothing.
    await withClient(url, (c) => c.query("INSERT INTO collab_updates (doc_name, data, created_at) VALUES ('conference/1', '\\x00', 'now')"));
    expect(await storedCount(url, "conference/1")).toBe(1);
    // A compaction with a copy that holds refused edits folds only the stored rows.
    const copy = new Y.Doc();
    for (const update of [first, second, third]) Y.applyUpdate(copy, update);
    await new Promise<void>((resolve) => log.compact("conference/1", Y.encodeStateAsUpdate(copy), { synced: resolve }));
    const stored = await store.load("conference/1");
    expect(stored.fenced).toBe(true);
    const reread = new Y.Doc();
    Y.applyUpdate(reread, stored.snapshot!);
    for (const row of stored.updates) Y.applyUpdate(reread, row.data);
    expect(reread.getText("t").toString()).toBe("0");
    // Lifted (adoption failed): stored again.
    await store.unfence("conference/1");
    await new Promise<void>((resolve) => log.append("conference/1", second, { committed: () => resolve() }));
    expect((await store.load("conference/1")).fenced).toBe(false);
  });

  it("waits for an append that began before it, and lets none through after it", async () => {
    const { handle, url } = await freshLog();
    const store = createCollabStore(handle);
    const [update] = edits(1);
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    try {
      // An instance's append in flight: its row is in, its transaction not yet committed.
      await writer.query("BEGIN");
      await writer.query("INSERT INTO collab_updates (doc_name, data, created_at) VALUES ('conference/9', $1, 'now')", [Buffer.from(update)]);
      let fenced = false;
      const fencing = store.fence("conference/9").then(() => {
        fenced = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fenced).toBe(false);
      await writer.query("COMMIT");
      await fencing;
      expect(await storedCount(url, "conference/9")).toBe(1);
      // After the fence, the same connection stores nothing.
      await writer.query("INSERT INTO collab_updates (doc_name, data, created_at) VALUES ('conference/9', $1, 'now')", [Buffer.from(update)]);
      expect(await storedCount(url, "conference/9")).toBe(1);
    } finally {
      await writer.end();
    }
  });
});
