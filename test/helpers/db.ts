import { createHash } from "node:crypto";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import Database from "better-sqlite3";
import { isPostgresUrl } from "../../db/dialect";

/**
 * What tests need of a direct connection: prepared statements (`?` for
 * parameters), `exec` and `pragma`, answered synchronously. On SQLite it is
 * better-sqlite3 itself; on PostgreSQL (a `postgres://` database in an
 * ACCORD_TEST_DATABASE=postgres run) the same calls go to a connection on a
 * worker thread that this one waits for, so that tests read the same either way.
 */
export interface TestStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid?: number | bigint };
  pluck(): TestStatement;
}

export interface TestDb {
  prepare(sql: string): TestStatement;
  exec(sql: string): void;
  pragma(source: string): unknown;
}

/**
 * Opens the server's database for one look or change and closes it again,
 * so no test holds a connection the server might wait on. WAL mode lets this
 * run while the server is up.
 */
export function withDb<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  // Typed as better-sqlite3 so tests read the same; on PostgreSQL only TestDb's calls are there.
  if (isPostgresUrl(dbPath)) return fn(postgresTestDb(dbPath) as unknown as Database.Database);
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const WORKER = new URL("./pg-sync-worker.mjs", import.meta.url);
const QUERY_TIMEOUT_MS = 60_000;

interface SyncConnection {
  worker: Worker;
  port: MessagePort;
  /** How many replies the worker has posted; each request waits for its own number. */
  replies: Int32Array;
  sent: number;
}

type Reply = { id: number } & (
  | { ok: true; rows: Record<string, unknown>[]; changes: number }
  | { ok: false; message: string; code?: string }
);

// One connection per database for the whole test file, on a thread of its own.
const connections = new Map<string, SyncConnection>();

function connectionTo(url: string): SyncConnection {
  let connection = connections.get(url);
  if (!connection) {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER, { workerData: { url, port: port2, signal }, transferList: [port2] });
    worker.unref();
    connection = { worker, port: port1, replies: new Int32Array(signal), sent: 0 };
    connections.set(url, connection);
  }
  return connection;
}

/**
 * A reply is counted after it is posted, yet under load it has been seen to
 * reach the port a moment after the count: so each request carries a number,
 * the reply is awaited by that number, and anything older on the port is
 * dropped rather than taken for the answer to a later statement.
 */
function awaitReply(connection: SyncConnection, id: number, sql: string): Reply {
  const deadline = Date.now() + QUERY_TIMEOUT_MS;
  for (;;) {
    const counted = Atomics.load(connection.replies, 0);
    if (counted < id) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`query on PostgreSQL took over ${QUERY_TIMEOUT_MS} ms: ${sql}`);
      Atomics.wait(connection.replies, 0, counted, left);
      continue;
    }
    const reply = receiveMessageOnPort(connection.port)?.message as Reply | undefined;
    if (reply?.id === id) return reply;
    if (reply) continue;
    if (Date.now() > deadline) throw new Error("no answer from the PostgreSQL test connection");
    Atomics.wait(connection.replies, 0, counted, 1);
  }
}

function runOnPostgres(url: string, sql: string, params: unknown[] = []) {
  const connection = connectionTo(url);
  const id = ++connection.sent;
  connection.worker.postMessage({ id, sql, params: params.map((v) => (typeof v === "bigint" ? Number(v) : v)) });
  const reply = awaitReply(connection, id, sql);
  if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
  // Bytes cross the thread as Uint8Array; tests read them as better-sqlite3 gives them, Buffers.
  const rows = reply.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v) : v])));
  return { rows, changes: reply.changes };
}

/** `?` placeholders become `$1…$n` (outside quoted strings). */
function numbered(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = "";
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === "?" && !quoted ? `$${++n}` : ch;
  }
  return out;
}

function postgresTestDb(url: string): TestDb {
  const statement = (sql: string, plucked: boolean): TestStatement => {
    const one = (params: unknown[]) => runOnPostgres(url, numbered(sql), params);
    const shape = (row: Record<string, unknown> | undefined) => (plucked && row ? Object.values(row)[0] : row);
    return {
      get: (...params) => shape(one(params).rows[0]),
      all: (...params) => one(params).rows.map(shape),
      run: (...params) => {
        // better-sqlite3 tells the id of an inserted row; here RETURNING does.
        if (!/^\s*INSERT\b/i.test(sql) || /\bRETURNING\b/i.test(sql)) return { changes: one(params).changes };
        const result = runOnPostgres(url, `${numbered(sql)} RETURNING *`, params);
        const last = result.rows.at(-1) as { id?: number } | undefined;
        return { changes: result.changes, lastInsertRowid: typeof last?.id === "number" ? last.id : undefined };
      },
      pluck: () => statement(sql, true),
    };
  };
  return {
    prepare: (sql) => statement(sql, false),
    exec: (sql) => void runOnPostgres(url, sql),
    // SQLite settings have no meaning here.
    pragma: () => undefined,
  };
}

export interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  kind: string;
  subject: string;
  ip: string | null;
  detail: string | null;
}

export function auditEvents(dbPath: string, kind?: string): AuditRow[] {
  return withDb(dbPath, (db) =>
    kind
      ? (db.prepare("SELECT * FROM audit_events WHERE kind = ? ORDER BY id").all(kind) as AuditRow[])
      : (db.prepare("SELECT * FROM audit_events ORDER BY id").all() as AuditRow[]),
  );
}

/** What the sessions table holds for a session id in a cookie: its SHA-256, never the id. */
export function storedSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

/** The tables of a database, on either engine. */
export function tableNames(dbPath: string): string[] {
  return withDb(dbPath, (db) =>
    (isPostgresUrl(dbPath)
      ? (db.prepare("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'").all() as { name: string }[])
      : (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
    ).map((t) => t.name),
  );
}
