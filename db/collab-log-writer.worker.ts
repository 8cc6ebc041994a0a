/**
 * The collaboration log's writer thread, with an SQLite connection of its own.
 *
 * Each batch it is given is committed in one transaction, reported as
 * committed (in the write-ahead log: safe from any crash of the process); the
 * write-ahead log is then fsynced on the thread pool while later batches
 * commit, and batches are reported as synced (safe from power loss). One
 * fsync covers every batch committed before it started, and none of this
 * runs on the server's event loop. Decision 0007 says which of the two steps
 * the hub waits for before it relays.
 *
 * The SQL is compiled by Kysely on the main thread (db/collab-log.ts) and
 * handed over at start, so the schema stays the single source of truth.
 */
import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import type { LogJob, WriterReply, WriterRequest, WriterSetup } from "./collab-log-protocol";

const setup = workerData as WriterSetup;
const sqlite = new SQLite(setup.file);
sqlite.pragma("journal_mode = WAL");
// The commit itself does not wait for the disk: the fsync below does, once per batch.
sqlite.pragma("synchronous = NORMAL");
// A write transaction open on the main connection only delays this thread.
sqlite.pragma(`busy_timeout = ${setup.busyTimeoutMs}`);

const insertUpdate = sqlite.prepare(setup.sql.insertUpdate);
const lastUpdateId = sqlite.prepare(setup.sql.lastUpdateId).pluck();
const upsertSnapshot = sqlite.prepare(setup.sql.upsertSnapshot);
const deleteUpdatesUpTo = sqlite.prepare(setup.sql.deleteUpdatesUpTo);
const bindClient = sqlite.prepare(setup.sql.bindClient);
const insertDeletion = sqlite.prepare(setup.sql.insertDeletion);

const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const post = (reply: WriterReply) => parentPort!.postMessage(reply);

function runJob(job: LogJob): number {
  if (job.kind === "append") {
    const id = Number(insertUpdate.run(job.docName, asBuffer(job.data), job.at).lastInsertRowid);
    const who = job.attribution;
    if (who) {
      for (const client of who.clients) bindClient.run(job.docName, client.id, who.userId, client.relayed ? 1 : 0, job.at);
      if (who.deletions) insertDeletion.run(job.docName, who.userId, asBuffer(who.deletions), job.at);
    }
    return id;
  }
  // The snapshot was taken after every earlier job of this document was queued,
  // so it covers every row stored so far; later jobs come after it in the queue.
  const upTo = Number(lastUpdateId.get(job.docName) ?? 0);
  upsertSnapshot.run(job.docName, asBuffer(job.data), upTo, job.at);
  deleteUpdatesUpTo.run(job.docName, upTo);
  return upTo;
}

// BEGIN IMMEDIATE takes the write lock up front, so a batch never fails half way for a lock.
const commitBatch = sqlite.transaction((jobs: LogJob[]) => jobs.map(runJob));

// SQLite keeps its write-ahead log in "<database>-wal" for as long as a connection is open.
let walFd: number | null = null;
let lastCommitted = 0;
let lastSynced = 0;
let syncing = false;
let syncRetry: NodeJS.Timeout | null = null;

/**
 * Fsyncs the write-ahead log on the thread pool, so that the next batch can
 * commit meanwhile; one fsync at a time, covering every batch committed
 * before it started.
 */
function syncLog(): Promise<void> {
  if (syncing || syncRetry || lastSynced >= lastCommitted) return Promise.resolve();
  syncing = true;
  const upTo = lastCommitted;
  return new Promise((resolve) => {
    const done = (error: Error | null) => {
      syncing = false;
      if (error) {
        post({ kind: "syncFailed", message: error.message });
        syncRetry = setTimeout(() => {
          syncRetry = null;
          void syncLog();
        }, setup.syncRetryMs);
      } else {
        lastSynced = upTo;
        post({ kind: "synced", upToBatch: upTo });
        void syncLog();
      }
      resolve();
    };
    try {
      walFd ??= fs.openSync(`${setup.file}-wal`, "r");
      fs.fdatasync(walFd, done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

parentPort!.on("message", (request: WriterRequest) => {
  if (request.kind === "close") {
    void closeWhenSynced();
    return;
  }
  try {
    const ids = commitBatch.immediate(request.jobs);
    lastCommitted = request.batch;
    post({ kind: "committed", batch: request.batch, ids });
  } catch (error) {
    post({ kind: "failed", batch: request.batch, message: error instanceof Error ? error.message : String(error) });
    return;
  }
  void syncLog();
});

async function closeWhenSynced() {
  while (syncing) await new Promise((resolve) => setTimeout(resolve, 1));
  if (syncRetry) clearTimeout(syncRetry);
  syncRetry = null;
  await syncLog();
  if (walFd !== null) fs.closeSync(walFd);
  sqlite.close();
  post({ kind: "closed" });
}
