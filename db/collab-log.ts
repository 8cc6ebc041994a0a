import fs from "node:fs";
import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";
import { logCommitter, openLogConnection } from "./collab-log-commit";
import type { Attribution, LogJob, WriterReply, WriterRequest, WriterSetup } from "./collab-log-protocol";
import type { DB } from "./connection";

/**
 * The durable log of collaborative edits.
 *
 * Jobs are committed strictly in the order they were queued, one transaction
 * per batch. What is queued in one turn of the event loop is committed at its
 * end on the server's thread, by a connection of the log's own that never
 * waits for the disk or for a lock (decision 0048); a large batch, a
 * compaction, or a batch that met another connection's write lock goes to
 * the writer thread (db/collab-log-writer.worker.ts), and nothing commits
 * until it has. The write-ahead log is fsynced on the thread pool while later
 * batches commit: one fsync for many batches under load, and none on the
 * event loop. Each job hears twice: `committed` (in SQLite's write-ahead log,
 * safe from any crash of the process) and `synced` (on disk, safe from power
 * loss), always in queue order. Decision 0007 says what waits for which.
 *
 * A failed batch is retried, whole and first, until it is stored; nothing
 * queued behind it is committed before it.
 */
export interface CollabLogOptions {
  /** The SQLite file (the same one the app uses). */
  file: string;
  /** Used only to compile the statements, so the schema stays the source of truth. */
  db: DB;
  /** The writer thread's script; defaults to collab-log-writer.js beside the bundle. */
  workerFile?: URL | string;
  retryMs?: number;
  busyTimeoutMs?: number;
  syncRetryMs?: number;
  /**
   * An fsync starts at least this long after the previous one started, so
   * that a quiet disk's quick fsyncs do not come once per small batch: each
   * costs a thread-pool hop and a turn of acknowledgements (decision 0051).
   * 0 when edits are relayed only after the fsync. Default 2.
   */
  syncGapMs?: number;
  /**
   * Small batches are committed on the server's thread (decision 0048); the
   * sizes up to which it does, or false to leave every batch to the writer thread.
   */
  inline?: { maxJobs?: number; maxBytes?: number } | false;
  /**
   * Called once the jobs of a batch committed on the server's thread have
   * heard it (the hub sends their relays then), and at the end of every turn
   * that was due to commit (see commitDue), whether it did or not.
   */
  afterCommit?: () => void;
  onError?: (error: Error, attempt: number) => void;
}

export interface StoredListener {
  committed?(id: number): void;
  synced?(): void;
  /**
   * Not stored, and never will be: the document is fenced for adoption
   * (decision 0034; PostgreSQL only). Heard instead of committed and synced.
   */
  refused?(): void;
}

/**
 * What the hub needs of a collaboration log, whichever database holds it:
 * jobs stored strictly in the order they were queued, each told when it is
 * committed and when it is synced. SQLite: CollabLog below. PostgreSQL:
 * PostgresCollabLog (db/collab-log-postgres.ts).
 */
export interface UpdateLog {
  /** Stores an update, with who delivered it (decision 0028) in the same transaction. */
  append(docName: string, data: Uint8Array, listener?: StoredListener, attribution?: Attribution): void;
  /** Replaces the snapshot with `data`, which must cover every update queued before it. */
  compact(docName: string, data: Uint8Array, listener?: StoredListener): void;
  /** Resolves when every job queued so far is committed and synced. */
  idle(): Promise<void>;
  readonly pending: number;
  close(): Promise<void>;
  readonly stats: { batches: number; jobs: number; largestBatch: number; failures: number; syncFailures: number };
}

interface Queued {
  job: LogJob;
  listener: StoredListener | undefined;
}

const MAX_BATCH_JOBS = 2000;
const MAX_RETRY_MS = 10_000;
/** The server's thread commits a batch itself up to these sizes; larger ones, and compactions, go to the writer thread. */
const INLINE_MAX_JOBS = 256;
const INLINE_MAX_BYTES = 64 * 1024;
/**
 * The server's connection never checkpoints (a checkpoint fsyncs): the writer
 * thread does, after this many of its commits (about 8 pages each), so the
 * write-ahead log stays under the 1,000 pages at which the app's own
 * connection would checkpoint on the event loop.
 */
const CHECKPOINT_EVERY_COMMITS = 64;
const DEFAULT_SYNC_GAP_MS = 2;

export function compileLogStatements(db: DB): WriterSetup["sql"] {
  return {
    insertUpdate: db.insertInto("collab_updates").values({ doc_name: "", data: new Uint8Array(), created_at: "" }).compile().sql,
    lastUpdateId: db
      .selectFrom("collab_updates")
      .select((eb) => eb.fn.coalesce(eb.fn.max("id"), eb.lit(0)).as("id"))
      .where("doc_name", "=", "")
      .compile().sql,
    upsertSnapshot: db
      .insertInto("collab_snapshots")
      .values({ doc_name: "", data: new Uint8Array(), last_update_id: 0, updated_at: "" })
      .onConflict((oc) =>
        oc.column("doc_name").doUpdateSet((eb) => ({
          data: eb.ref("excluded.data"),
          last_update_id: eb.ref("excluded.last_update_id"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .compile().sql,
    deleteUpdatesUpTo: db.deleteFrom("collab_updates").where("doc_name", "=", "").where("id", "<=", 0).compile().sql,
    // The first to deliver a client's edits keeps it, unless they only re-uploaded them and its own connection comes after.
    bindClient: db
      .insertInto("collab_clients")
      .values({ doc_name: "", client_id: 0, user_id: "", relayed: 0, first_at: "" })
      .onConflict((oc) =>
        oc
          .columns(["doc_name", "client_id"])
          .doUpdateSet((eb) => ({ user_id: eb.ref("excluded.user_id"), relayed: eb.ref("excluded.relayed") }))
          .where((eb) => eb.and([eb(eb.ref("collab_clients.relayed"), "=", eb.lit(1)), eb(eb.ref("excluded.relayed"), "=", eb.lit(0))])),
      )
      .compile().sql,
    insertDeletion: db.insertInto("collab_deletions").values({ doc_name: "", user_id: "", ranges: new Uint8Array(), created_at: "" }).compile().sql,
  };
}

export class CollabLog implements UpdateLog {
  private worker: Worker;
  private workerReferenced = false;
  private readonly queue: Queued[] = [];
  /** The batch the writer thread is committing; nothing else commits meanwhile, so order holds. */
  private atWriter: Queued[] | null = null;
  /** Committed batches waiting for their fsync, oldest first. */
  private readonly unsynced: { batch: number; jobs: Queued[] }[] = [];
  private batchSeq = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private flushScheduled = false;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private onClosed: (() => void) | null = null;
  private readonly setup: WriterSetup;
  private readonly workerFile: URL | string;
  /** The server thread's own connection, for small batches (null when turned off). */
  private readonly inline: { sqlite: SQLite.Database; commit: (jobs: readonly LogJob[]) => number[] } | null;
  private readonly inlineMaxJobs: number;
  private readonly inlineMaxBytes: number;
  private commitsSinceCheckpoint = 0;
  // SQLite keeps its write-ahead log in "<database>-wal" for as long as a connection is open.
  private walFd: number | null = null;
  private lastCommitted = 0;
  private lastSynced = 0;
  private syncing = false;
  private syncRetry: NodeJS.Timeout | null = null;
  private syncGap: NodeJS.Timeout | null = null;
  private lastSyncStarted = Number.NEGATIVE_INFINITY;
  /** Counters for benchmarks and health. */
  readonly stats = { batches: 0, jobs: 0, largestBatch: 0, failures: 0, syncFailures: 0, inlineBatches: 0, syncs: 0, slowestInlineMs: 0 };

  constructor(private readonly options: CollabLogOptions) {
    if (options.file === ":memory:") throw new Error("the collaboration log needs a database file, not :memory:");
    this.setup = {
      file: options.file,
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      sql: compileLogStatements(options.db),
    };
    this.workerFile = options.workerFile ?? new URL("./collab-log-writer.js", import.meta.url);
    this.worker = this.startWorker();
    this.inlineMaxJobs = options.inline === false ? 0 : (options.inline?.maxJobs ?? INLINE_MAX_JOBS);
    this.inlineMaxBytes = options.inline === false ? 0 : (options.inline?.maxBytes ?? INLINE_MAX_BYTES);
    if (this.inlineMaxJobs > 0) {
      // Never waits for a lock: the event loop must not sleep while the app's
      // transaction that holds it waits for the event loop. Such a batch goes
      // to the writer thread, which waits.
      const sqlite = openLogConnection(options.file, { busyTimeoutMs: 0, autoCheckpoint: false });
      this.inline = { sqlite, commit: logCommitter(sqlite, this.setup.sql) };
    } else this.inline = null;
  }

  /** Stores an update, and with it (in the same transaction) who delivered it. */
  append(docName: string, data: Uint8Array, listener?: StoredListener, attribution?: Attribution) {
    this.enqueue({ kind: "append", docName, data, at: new Date().toISOString(), attribution }, listener);
  }

  /** Replaces the snapshot with `data`, which must cover every update queued before it. */
  compact(docName: string, data: Uint8Array, listener?: StoredListener) {
    this.enqueue({ kind: "compact", docName, data, at: new Date().toISOString() }, listener);
  }

  /** Whether a commit is due at the end of this turn of the event loop (afterCommit is then certain to be called). */
  get commitDue(): boolean {
    return this.flushScheduled;
  }

  /** Resolves when every job queued so far is committed and synced. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pending(): number {
    return this.queue.length + (this.atWriter?.length ?? 0) + this.unsynced.reduce((n, b) => n + b.jobs.length, 0);
  }

  /** Stores what is queued, then stops the writer and closes the connections. */
  async close() {
    await this.idle();
    if (this.closed) return;
    this.closed = true;
    this.inline?.sqlite.close();
    if (this.walFd !== null) fs.closeSync(this.walFd);
    this.walFd = null;
    this.worker.ref();
    await new Promise<void>((resolve) => {
      this.onClosed = resolve;
      this.worker.once("exit", () => resolve());
      this.worker.postMessage({ kind: "close" } satisfies WriterRequest);
    });
    await this.worker.terminate();
  }

  private enqueue(job: LogJob, listener: StoredListener | undefined) {
    if (this.closed) throw new Error("the collaboration log is closed");
    this.queue.push({ job, listener });
    // Unstored edits keep the process alive; an idle writer does not.
    if (!this.workerReferenced) {
      this.workerReferenced = true;
      this.worker.ref();
    }
    this.dispatch();
  }

  /**
   * What is queued in this turn of the event loop is committed at its end,
   * as one batch: every edit read from the sockets in one pass goes in one
   * transaction, and their relays leave together.
   */
  private dispatch() {
    if (this.atWriter || this.retryTimer || this.closed || this.flushScheduled) return;
    if (this.queue.length === 0) {
      if (this.pending === 0) this.becameIdle();
      return;
    }
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush() {
    try {
      this.commitQueued();
    } finally {
      // Frames held for this commit (holdCorkedFramesWhile) leave now, whatever became of it.
      this.options.afterCommit?.();
    }
  }

  private commitQueued() {
    while (!this.atWriter && !this.retryTimer && !this.closed && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.inlineBatchLength());
      if (batch.length === 0) {
        this.toWriter(this.queue.splice(0, MAX_BATCH_JOBS));
        return;
      }
      const started = performance.now();
      let ids: number[];
      try {
        ids = this.inline!.commit(batch.map((q) => q.job));
      } catch {
        // Another connection holds the write lock (or this one failed): the writer thread waits for it, and retries if it must.
        this.toWriter(batch);
        return;
      }
      this.stats.inlineBatches += 1;
      this.stats.slowestInlineMs = Math.max(this.stats.slowestInlineMs, performance.now() - started);
      if (++this.commitsSinceCheckpoint >= CHECKPOINT_EVERY_COMMITS) {
        this.commitsSinceCheckpoint = 0;
        this.worker.postMessage({ kind: "checkpoint" } satisfies WriterRequest);
      }
      this.batchSeq += 1;
      this.committed(this.batchSeq, batch, ids);
      this.options.afterCommit?.();
    }
    if (this.queue.length === 0 && this.pending === 0) this.becameIdle();
  }

  /** How many jobs at the head of the queue the server's thread commits itself (0: the head goes to the writer thread). */
  private inlineBatchLength(): number {
    let bytes = 0;
    const limit = Math.min(this.queue.length, this.inlineMaxJobs);
    for (let i = 0; i < limit; i += 1) {
      const job = this.queue[i].job;
      if (job.kind !== "append") return i;
      bytes += job.data.byteLength;
      if (bytes > this.inlineMaxBytes) return i;
    }
    return limit;
  }

  private toWriter(batch: Queued[]) {
    this.atWriter = batch;
    this.batchSeq += 1;
    this.worker.postMessage({ kind: "batch", batch: this.batchSeq, jobs: batch.map((q) => q.job) } satisfies WriterRequest);
  }

  /** A batch is in the write-ahead log: its jobs hear it in order, and it waits for the next fsync. */
  private committed(seq: number, batch: Queued[], ids: number[]) {
    this.attempt = 0;
    this.stats.batches += 1;
    this.stats.jobs += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    this.lastCommitted = seq;
    this.unsynced.push({ batch: seq, jobs: batch });
    this.syncLog();
    batch.forEach((queued, i) => queued.listener?.committed?.(ids[i]));
  }

  /**
   * Fsyncs the write-ahead log on the thread pool, so that the next batches
   * can commit meanwhile; one fsync at a time, covering every batch committed
   * before it started, by either connection.
   */
  private syncLog() {
    if (this.syncing || this.syncRetry || this.syncGap || this.lastSynced >= this.lastCommitted) return;
    const wait = this.lastSyncStarted + (this.options.syncGapMs ?? DEFAULT_SYNC_GAP_MS) - performance.now();
    if (wait > 0) {
      // Whatever commits meanwhile joins this fsync.
      this.syncGap = setTimeout(() => {
        this.syncGap = null;
        this.syncLog();
      }, wait);
      return;
    }
    this.lastSyncStarted = performance.now();
    this.syncing = true;
    const upTo = this.lastCommitted;
    const done = (error: Error | null) => {
      this.syncing = false;
      if (error) {
        this.stats.syncFailures += 1;
        this.options.onError?.(new Error(`fsync of the write-ahead log failed: ${error.message}`), this.stats.syncFailures);
        this.syncRetry = setTimeout(() => {
          this.syncRetry = null;
          this.syncLog();
        }, this.options.syncRetryMs ?? 500);
        return;
      }
      this.stats.syncs += 1;
      this.lastSynced = upTo;
      while (this.unsynced.length > 0 && this.unsynced[0].batch <= upTo) {
        for (const queued of this.unsynced.shift()!.jobs) queued.listener?.synced?.();
      }
      this.syncLog();
      if (this.pending === 0) this.becameIdle();
    };
    try {
      this.walFd ??= fs.openSync(`${this.options.file}-wal`, "r");
      fs.fdatasync(this.walFd, done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private becameIdle() {
    if (!this.closed && this.workerReferenced) {
      this.workerReferenced = false;
      this.worker.unref();
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private startWorker(): Worker {
    const worker = new Worker(this.workerFile, { workerData: this.setup });
    worker.on("message", (reply: WriterReply) => this.receive(reply));
    worker.on("error", (error) => this.failed(error));
    worker.on("exit", () => {
      if (this.closed || worker !== this.worker) return;
      // The writer died: start another and retry what it was committing.
      this.worker = this.startWorker();
      if (this.workerReferenced) this.worker.ref();
      this.failed(new Error("the collaboration log writer stopped"));
    });
    worker.unref();
    return worker;
  }

  private receive(reply: WriterReply) {
    switch (reply.kind) {
      case "closed":
        this.onClosed?.();
        return;
      case "failed":
        if (this.atWriter && reply.batch === this.batchSeq) this.failed(new Error(reply.message));
        return;
      case "committed": {
        if (!this.atWriter || reply.batch !== this.batchSeq) return;
        const batch = this.atWriter;
        this.atWriter = null;
        this.committed(reply.batch, batch, reply.ids);
        this.dispatch();
      }
    }
  }

  private failed(error: Error) {
    this.stats.failures += 1;
    this.attempt += 1;
    this.options.onError?.(error, this.attempt);
    if (this.atWriter) {
      this.queue.unshift(...this.atWriter);
      this.atWriter = null;
    }
    if (this.retryTimer || this.closed) return;
    const delay = Math.min((this.options.retryMs ?? 500) * 2 ** (this.attempt - 1), MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.dispatch();
    }, delay);
    this.retryTimer.unref();
  }
}
