import type pg from "pg";
import * as Y from "yjs";
import type { StoredListener, UpdateLog } from "./collab-log";
import type { Attribution, LogJob } from "./collab-log-protocol";

/**
 * The collaboration log on PostgreSQL: the same promise as on SQLite (an
 * update is relayed only once committed), kept by the database's own commit.
 *
 * Jobs are committed strictly in the order they were queued, in batches: while
 * one batch's transaction runs, new jobs gather into the next, so many edits
 * share one commit under load. With `synchronous_commit` on (PostgreSQL's
 * default) a COMMIT returns once the write-ahead log is flushed, so a
 * committed batch is also synced: both listeners hear at once, in order.
 *
 * A failed batch is rolled back and retried, whole and first, until it is
 * stored; nothing queued behind it is committed before it.
 */
export interface PostgresCollabLogOptions {
  pool: pg.Pool;
  retryMs?: number;
  onError?: (error: Error, attempt: number) => void;
}

interface Queued {
  job: LogJob;
  listener: StoredListener | undefined;
}

const MAX_BATCH_JOBS = 2000;
const MAX_RETRY_MS = 10_000;

const INSERT_UPDATES = `INSERT INTO collab_updates (doc_name, data, created_at)
  SELECT doc_name, data, created_at FROM unnest($1::text[], $2::bytea[], $3::text[]) WITH ORDINALITY AS job(doc_name, data, created_at, n)
  ORDER BY n RETURNING id, doc_name`;
// A client id is bound to whoever first delivered it; a binding made by a
// re-upload (relayed) is taken over by the client's own author (decision 0028).
const BIND_CLIENT = `INSERT INTO collab_clients (doc_name, client_id, user_id, relayed, first_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (doc_name, client_id) DO UPDATE SET user_id = excluded.user_id, relayed = excluded.relayed
  WHERE collab_clients.relayed = 1 AND excluded.relayed = 0`;
const INSERT_DELETION = `INSERT INTO collab_deletions (doc_name, user_id, ranges, created_at) VALUES ($1, $2, $3, $4)`;
const LOCK_DOCUMENT = `SELECT pg_advisory_xact_lock(hashtextextended('accord:compact:' || $1, 0))`;
const SELECT_SNAPSHOT = `SELECT data FROM collab_snapshots WHERE doc_name = $1`;
const SELECT_UPDATES = `SELECT id, data FROM collab_updates WHERE doc_name = $1 ORDER BY id`;
const UPSERT_SNAPSHOT = `INSERT INTO collab_snapshots (doc_name, data, last_update_id, updated_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`;
// Shares the document's fence lock (a freeze takes it alone) for the rest of the transaction, then looks.
const FENCE_SHARED = `SELECT pg_advisory_xact_lock_shared(hashtextextended('accord:fence:' || $1, 0))`;
const IS_FENCED = `SELECT 1 FROM collab_fences WHERE doc_name = $1`;
const DELETE_FOLDED = `DELETE FROM collab_updates WHERE doc_name = $1 AND id = ANY($2::integer[])`;

const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

export class PostgresCollabLog implements UpdateLog {
  private readonly queue: Queued[] = [];
  private inFlight: Queued[] | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  readonly stats = { batches: 0, jobs: 0, largestBatch: 0, failures: 0, syncFailures: 0 };

  constructor(private readonly options: PostgresCollabLogOptions) {}

  append(docName: string, data: Uint8Array, listener?: StoredListener, attribution?: Attribution) {
    this.enqueue({ kind: "append", docName, data, at: new Date().toISOString(), attribution }, listener);
  }

  compact(docName: string, data: Uint8Array, listener?: StoredListener) {
    this.enqueue({ kind: "compact", docName, data, at: new Date().toISOString() }, listener);
  }

  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pending(): number {
    return this.queue.length + (this.inFlight?.length ?? 0);
  }

  async close() {
    await this.idle();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private enqueue(job: LogJob, listener: StoredListener | undefined) {
    if (this.closed) throw new Error("the collaboration log is closed");
    this.queue.push({ job, listener });
    this.dispatch();
  }

  private dispatch() {
    if (this.inFlight || this.retryTimer || this.closed) return;
    if (this.queue.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    const batch = this.queue.splice(0, MAX_BATCH_JOBS);
    this.inFlight = batch;
    this.commit(batch.map((q) => q.job)).then(
      (ids) => this.committed(batch, ids),
      (error: unknown) => this.failed(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** Each job's id, or null for an append the adoption fence refused (decision 0034). */
  private async commit(jobs: LogJob[]): Promise<(number | null)[]> {
    const client = await this.options.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const ids: (number | null)[] = [];
      for (let i = 0; i < jobs.length; ) {
        const job = jobs[i];
        if (job.kind === "compact") {
          ids.push(await this.compactIn(client, job));
          i += 1;
          continue;
        }
        // A run of appends goes in as one statement; ids come back in queue order.
        let end = i;
        while (end < jobs.length && jobs[end].kind === "append") end += 1;
        const run = jobs.slice(i, end);
        const result = await client.query<{ id: number; doc_name: string }>(INSERT_UPDATES, [
          run.map((j) => j.docName),
          run.map((j) => asBuffer(j.data)),
          run.map((j) => j.at),
        ]);
        // The fence trigger skips every row of a fenced document and none of
        // another (it cannot change while this transaction holds its lock):
        // the rows that came back are, in queue order, those of the others.
        const stored = new Set(result.rows.map((r) => r.doc_name));
        const runIds = result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
        let next = 0;
        for (const job of run) ids.push(stored.has(job.docName) ? runIds[next++] : null);
        for (const job of run) {
          if (job.kind === "append" && job.attribution && stored.has(job.docName)) await this.attributeIn(client, job.docName, job.at, job.attribution);
        }
        i = end;
      }
      await client.query("COMMIT");
      return ids;
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await client.query("ROLLBACK").catch(() => {});
      throw broken;
    } finally {
      // A client whose transaction failed may be in any state: the pool makes a new one.
      client.release(broken);
    }
  }

  private async attributeIn(client: pg.PoolClient, docName: string, at: string, who: Attribution) {
    for (const bound of who.clients) await client.query(BIND_CLIENT, [docName, bound.id, who.userId, bound.relayed ? 1 : 0, at]);
    if (who.deletions) await client.query(INSERT_DELETION, [docName, who.userId, asBuffer(who.deletions), at]);
  }

  /**
   * Folds from storage, not from memory: another instance may have stored
   * rows this one has not seen yet, and an id taken by a transaction still
   * open may commit below ids already visible. So the snapshot becomes the old
   * snapshot, this instance's state and every row read here, merged; exactly
   * those rows are deleted; rows stored meanwhile stay and are loaded after
   * the snapshot (db/collab-store-postgres.ts reads every row left). One
   * compaction of a document at a time, across instances (advisory lock).
   */
  private async compactIn(client: pg.PoolClient, job: LogJob): Promise<number> {
    await client.query(LOCK_DOCUMENT, [job.docName]);
    await client.query(FENCE_SHARED, [job.docName]);
    // Fenced, this instance's copy may hold edits the fence refused: only what is stored is folded.
    const fenced = (await client.query(IS_FENCED, [job.docName])).rows.length > 0;
    const snapshot = (await client.query<{ data: Buffer }>(SELECT_SNAPSHOT, [job.docName])).rows[0];
    const rows = (await client.query<{ id: number; data: Buffer }>(SELECT_UPDATES, [job.docName])).rows;
    const folded = rows.map((row) => Number(row.id));
    const parts = [...(snapshot ? [new Uint8Array(snapshot.data)] : []), ...(fenced ? [] : [job.data]), ...rows.map((row) => new Uint8Array(row.data))];
    if (parts.length === 0) return 0;
    const merged = Y.mergeUpdates(parts);
    const upTo = folded.length > 0 ? Math.max(...folded) : 0;
    await client.query(UPSERT_SNAPSHOT, [job.docName, asBuffer(merged), upTo, job.at]);
    if (folded.length > 0) await client.query(DELETE_FOLDED, [job.docName, folded]);
    return upTo;
  }

  private committed(batch: Queued[], ids: (number | null)[]) {
    this.inFlight = null;
    this.attempt = 0;
    this.stats.batches += 1;
    this.stats.jobs += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    // PostgreSQL's commit is its flush: committed and synced are one event here.
    batch.forEach((queued, i) => {
      const id = ids[i];
      if (id === null) queued.listener?.refused?.();
      else queued.listener?.committed?.(id);
    });
    batch.forEach((queued, i) => {
      if (ids[i] !== null) queued.listener?.synced?.();
    });
    this.dispatch();
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
