import type { Transaction } from "kysely";
import type { DB } from "./connection";
import { dialectOf } from "./dialect";
import type { Database } from "./schema/index";

/**
 * Transactions that read, then write what they read decides: the next
 * position or number, a check that something is not there yet, a status
 * that must still be what it was. Two instances (or two requests) running one
 * at the same time must not both act on the same reading.
 *
 * On SQLite Kysely's driver holds one connection and runs one transaction at
 * a time, so they are serial already; but the collaboration log writes the
 * same file from a connection of its own (and tools from other processes): a
 * transaction that read before such a commit cannot write after it (SQLite
 * answers "database is locked" at once, waiting would not help), and is run
 * again. On PostgreSQL they run SERIALIZABLE: the database aborts one of two
 * that would interleave. Either way it is run again from the start on a fresh
 * snapshot (up to 20 times, with a growing, jittered pause of at most 250 ms:
 * two dozen writers on one row all get through). `work` must therefore do nothing but database work: no mail, no
 * messages to sockets, nothing that cannot be undone by a rollback.
 *
 * Called inside a transaction already, it joins that one.
 */
/** A transaction the work runs in; models take `DB | Tx` so they can join one. */
export type Tx = Transaction<Database>;

export const SERIALIZABLE_ATTEMPTS = 20;
const MAX_PAUSE_MS = 250;

export async function serializable<T>(db: DB, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  const sqlite = dialectOf(db) === "sqlite";
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await (sqlite ? db.transaction() : db.transaction().setIsolationLevel("serializable")).execute(work);
    } catch (error) {
      if (!isRetryable(error) || attempt >= SERIALIZABLE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_PAUSE_MS, 4 * 2 ** attempt)));
    }
  }
}

/**
 * The transaction lost to another one that ran at once: on PostgreSQL a
 * serialization failure or deadlock; on SQLite a write after another
 * connection's commit, or a lock held past the busy timeout.
 */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01" || code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT";
}

/** A unique or primary key constraint refused a row, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
