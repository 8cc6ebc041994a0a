import type { DB } from "../../db/connection";
import { resolveDocAccess } from "../../app/models/collab-access.server";
import type { DocAccess } from "../../app/models/permissions.server";
import type { SessionService } from "../../app/models/session.server";
import type { CollabConnection } from "./connection";

/** Pings every connection; one that has not answered the previous ping is gone. */
export function heartbeat(connections: Iterable<CollabConnection>) {
  for (const conn of connections) {
    if (!conn.alive) {
      conn.ws.terminate();
      continue;
    }
    conn.alive = false;
    conn.ws.ping();
  }
}

export type Recheck = { conn: CollabConnection; verdict: "session ended" | DocAccess };

/**
 * What each open connection may still do: its session may have ended (signed
 * out, password changed, expired) and its access may have been withdrawn or
 * lowered since it connected. Sessions are checked in one query, access once
 * per user and document.
 */
export async function recheckConnections(
  open: { docName: string; conn: CollabConnection }[],
  deps: { db: DB; sessions: SessionService },
): Promise<Recheck[]> {
  if (open.length === 0) return [];
  const alive = await deps.sessions.stillValid([...new Set(open.map(({ conn }) => conn.sessionId))]);
  const access = new Map<string, Promise<DocAccess>>();
  const rechecks: Recheck[] = [];
  for (const { docName, conn } of open) {
    if (!alive.has(conn.sessionId)) {
      rechecks.push({ conn, verdict: "session ended" });
      continue;
    }
    const key = `${conn.user.id}\u0000${docName}`;
    let now = access.get(key);
    if (!now) {
      now = resolveDocAccess(deps.db, conn.user, docName);
      access.set(key, now);
    }
    rechecks.push({ conn, verdict: await now });
  }
  return rechecks;
}
