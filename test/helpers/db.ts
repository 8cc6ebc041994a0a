import { createHash } from "node:crypto";
import Database from "better-sqlite3";

/**
 * Opens the server's SQLite file for one look or change and closes it again,
 * so no test holds a connection the server might wait on. WAL mode lets this
 * run while the server is up.
 */
export function withDb<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
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
