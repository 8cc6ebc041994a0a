import { Worker } from "node:worker_threads";
import type { Attribution, LogJob, WriterReply, WriterRequest, WriterSetup } from "./collab-log-protocol";
import type { DB } from "./connection";

/**
 * The durable log of collaborative edits, written by a thread of its own.
 *
 * Jobs are committed strictly in the order they were queued. While one batch
 * is being committed and fsynced on the writer thread, new jobs gather into
 * the next batch: one fsync for many edits under load, and none of them on
 * the event loop. Each job hears twice: `committed` (in SQLite's write-ahead
 * log, safe from any crash of the process) and `synced` (on disk, safe from
 * power loss), always in queue order. Decision 0007 says what waits for which.
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
  private readonly queue: Queued[] = [];
  private inFlight: Queued[] | null = null;
  /** Committed batches waiting for their fsync, oldest first. */
  private readonly unsynced: { batch: number; jobs: Queued[] }[] = [];
  private batchSeq = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private onClosed: (() => void) | null = null;
  private readonly setup: WriterSetup;
  private readonly workerFile: URL | string;
  /** Counters for benchmarks and health. */
  readonly stats = { batches: 0, jobs: 0, largestBatch: 0, failures: 0, syncFailures: 0 };

  constructor(private readonly options: CollabLogOptions) {
    if (options.file === ":memory:") throw new Error("the collaboration log needs a database file, not :memory:");
    this.setup = {
      file: options.file,
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      syncRetryMs: options.syncRetryMs ?? 500,
      sql: compileLogStatements(options.db),
    };
    this.workerFile = options.workerFile ?? new URL("./collab-log-writer.js", import.meta.url);
    this.worker = this.startWorker();
  }

  /** Stores an update, and with it (in the same transaction) who delivered it. */
  append(docName: string, data: Uint8Array, listener?: StoredListener, attribution?: Attribution) {
    this.enqueue({ kind: "append", docName, data, at: new Date().toISOString(), attribution }, listener);
  }

  /** Replaces the snapshot with `data`, which must cover every update queued before it. */
  compact(docName: string, data: Uint8Array, listener?: StoredListener) {
    this.enqueue({ kind: "compact", docName, data, at: new Date().toISOString() }, listener);
  }

  /** Resolves when every job queued so far is committed and synced. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pending(): number {
    return this.queue.length + (this.inFlight?.length ?? 0) + this.unsynced.reduce((n, b) => n + b.jobs.length, 0);
  }

  /** Stores what is queued, then stops the writer and closes its connection. */
  async close() {
    await this.idle();
    if (this.closed) return;
    this.closed = true;
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
    this.dispatch();
  }

  private dispatch() {
    if (this.inFlight || this.retryTimer || this.closed) return;
    if (this.queue.length === 0) {
      if (this.pending === 0) this.becameIdle();
      return;
    }
    const batch = this.queue.splice(0, MAX_BATCH_JOBS);
    this.inFlight = batch;
    this.batchSeq += 1;
    // Unstored edits keep the process alive; an idle writer does not.
    this.worker.ref();
    this.worker.postMessage({ kind: "batch", batch: this.batchSeq, jobs: batch.map((q) => q.job) } satisfies WriterRequest);
  }

  private becameIdle() {
    if (!this.closed) this.worker.unref();
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
      case "syncFailed":
        this.stats.syncFailures += 1;
        this.options.onError?.(new Error(`fsync of the write-ahead log failed: ${reply.message}`), this.stats.syncFailures);
        return;
      case "synced":
        while (this.unsynced.length > 0 && this.unsynced[0].batch <= reply.upToBatch) {
          for (const queued of this.unsynced.shift()!.jobs) queued.listener?.synced?.();
        }
        if (this.pending === 0) this.becameIdle();
        return;
      case "failed":
        if (this.inFlight && reply.batch === this.batchSeq) this.failed(new Error(reply.message));
        return;
      case "committed": {
        if (!this.inFlight || reply.batch !== this.batchSeq) return;
        const batch = this.inFlight;
        this.inFlight = null;
        this.attempt = 0;
        this.stats.batches += 1;
        this.stats.jobs += batch.length;
        this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
        this.unsynced.push({ batch: reply.batch, jobs: batch });
        batch.forEach((queued, i) => queued.listener?.committed?.(reply.ids[i]));
        this.dispatch();
      }
    }
  }

  private failed(error: Error) {
    this.stats.failures += 1;
    this.attempt += 1;
    this.options.onError?.(error, this.attempt);
    if (this.inFlight) {
      this.queue.unshift(...this.inFlight);
      this.inFlight = null;
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
