/**
 * The collaboration log's writer thread, with an SQLite connection of its own.
 *
 * The log commits small batches on the server's thread (db/collab-log.ts);
 * this thread takes what should not hold the event loop: a batch that met
 * another connection's write lock (it waits for it here), a large batch, a
 * compaction, and the write-ahead log's checkpoints. Each batch is committed
 * in one transaction and reported as committed; the log fsyncs the
 * write-ahead log itself, for every batch whoever committed it.
 *
 * The SQL is compiled by Kysely on the main thread (db/collab-log.ts) and
 * handed over at start, so the schema stays the single source of truth.
 */
import { parentPort, workerData } from "node:worker_threads";
import { logCommitter, openLogConnection } from "./collab-log-commit";
import type { WriterReply, WriterRequest, WriterSetup } from "./collab-log-protocol";

const setup = workerData as WriterSetup;
// A write transaction open on another connection only delays this thread.
const sqlite = openLogConnection(setup.file, { busyTimeoutMs: setup.busyTimeoutMs, autoCheckpoint: true });
const commit = logCommitter(sqlite, setup.sql);

const post = (reply: WriterReply) => parentPort!.postMessage(reply);

parentPort!.on("message", (request: WriterRequest) => {
  switch (request.kind) {
    case "close":
      sqlite.close();
      return post({ kind: "closed" });
    case "checkpoint":
      // PASSIVE: copies what no reader still needs, without waiting for anyone or holding writers back.
      try {
        sqlite.pragma("wal_checkpoint(PASSIVE)");
      } catch {
        // The next one will do; nothing depends on it but the size of the write-ahead log.
      }
      return;
    case "batch":
      try {
        post({ kind: "committed", batch: request.batch, ids: commit(request.jobs) });
      } catch (error) {
        post({ kind: "failed", batch: request.batch, message: error instanceof Error ? error.message : String(error) });
      }
  }
});
