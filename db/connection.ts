import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, SqliteDialect, type SqliteDatabase } from "kysely";
import { isPostgresUrl, postgresDialect } from "./dialect";
import type { Database } from "./schema/index";

export type DB = Kysely<Database>;

export type DatabaseHandle = SqliteHandle | PostgresHandle;

export interface SqliteHandle {
  dialect: "sqlite";
  db: DB;
  /**
   * The raw SQLite connection. Only db/ and the collaboration persistence use
   * it, for the few writes that must be synchronous (write-before-broadcast).
   */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

export interface PostgresHandle {
  dialect: "postgres";
  db: DB;
  /** The connection pool Kysely uses; the collaboration log and file store take their own clients from it. */
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

const CACHED_STATEMENTS = 512;

/**
 * Kysely prepares every query it runs; the app runs the same few hundred
 * queries over and over. Statements are kept by their SQL (Kysely runs one
 * query at a time on this connection, so a statement is never in use twice).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      let statement = statements.get(source);
      if (!statement) {
        statement = sqlite.prepare(source);
        if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
        statements.set(source, statement);
      }
      return statement;
    },
  };
}

/** Accepts a file path, "file:path" or ":memory:". */
export function sqlitePathFromUrl(url: string): string {
  if (url === ":memory:") return url;
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/** A `postgres://` URL opens PostgreSQL; anything else is a SQLite file. */
export function openDatabase(url: string): DatabaseHandle {
  return isPostgresUrl(url) ? openPostgres(url) : openSqlite(url);
}

const POOL_SIZE = 10;

function openPostgres(url: string): PostgresHandle {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: "accord" });
  // An idle client that loses its server (a restart) is dropped from the pool; the next query takes a new one.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: postgresDialect(pool) });
  let closed = false;
  return {
    dialect: "postgres",
    db,
    pool,
    url,
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's PostgreSQL dialect ends the pool on destroy.
      await db.destroy();
    },
  };
}

export function openSqlite(url: string): SqliteHandle {
  const file = sqlitePathFromUrl(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // better-sqlite3 defaults to NORMAL, which in WAL mode can lose the latest
  // commits on power loss. Accord promises that an accepted edit is durable.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  let closed = false;
  return {
    dialect: "sqlite",
    db,
    sqlite,
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's SQLite dialect closes the underlying connection on destroy.
      await db.destroy();
    },
  };
}
