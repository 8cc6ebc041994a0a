import SQLite from "better-sqlite3";
import type { LogJob, WriterSetup } from "./collab-log-protocol";

/**
 * How the collaboration log commits a batch, on whichever thread holds the
 * connection: the server's own (db/collab-log.ts) or the writer thread
 * (db/collab-log-writer.worker.ts). One transaction per batch; the commit
 * does not wait for the disk, the log fsyncs the write-ahead log itself.
 */
export interface LogConnectionOptions {
  busyTimeoutMs: number;
  /** Whether this connection checkpoints the write-ahead log when it grows (SQLite's own rule). */
  autoCheckpoint: boolean;
}

export function openLogConnection(file: string, options: LogConnectionOptions): SQLite.Database {
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // The commit itself does not wait for the disk: the log's fsync does, once for many batches.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  if (!options.autoCheckpoint) sqlite.pragma("wal_autocheckpoint = 0");
  return sqlite;
}

const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** Commits jobs in one transaction (BEGIN IMMEDIATE) and returns each one's row id (a compaction: the last id it folded). */
export function logCommitter(sqlite: SQLite.Database, sql: WriterSetup["sql"]): (jobs: readonly LogJob[]) => number[] {
  const insertUpdate = sqlite.prepare(sql.insertUpdate);
  const lastUpdateId = sqlite.prepare(sql.lastUpdateId).pluck();
  const upsertSnapshot = sqlite.prepare(sql.upsertSnapshot);
  const deleteUpdatesUpTo = sqlite.prepare(sql.deleteUpdatesUpTo);
  const bindClient = sqlite.prepare(sql.bindClient);
  const insertDeletion = sqlite.prepare(sql.insertDeletion);

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
  const commit = sqlite.transaction((jobs: readonly LogJob[]) => jobs.map(runJob));
  return (jobs) => commit.immediate(jobs);
}
