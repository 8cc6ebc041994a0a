import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { DB } from "../../db/connection";
import { parseDocName } from "../../app/collab/doc-names";
import { resolveDocState } from "../../app/models/collab-access.server";
import type { DocAccess } from "../../app/models/permissions.server";
import type { SessionService, SessionUser } from "../../app/models/session.server";

export const COLLAB_PATH_PREFIX = "/collab/";

export type AuthorisedUpgrade = {
  ok: true;
  user: SessionUser;
  sessionId: string;
  docName: string;
  access: Exclude<DocAccess, "none">;
  /** The document is an adopted record: frozen for everyone, whatever is loaded in memory. */
  adopted: boolean;
};
type Refused = { ok: false; status: 400 | 401 | 403 | 404; reason: string };

const STATUS_TEXT = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" } as const;

/** Answers a refused upgrade with a bare HTTP status, before any byte of a document. */
export function refuseUpgrade(socket: Duplex, status: keyof typeof STATUS_TEXT) {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * With ACCORD_ORIGIN set, exactly that origin; otherwise the request's own
 * origin: scheme, host and port. Comparing hosts alone let a page served over
 * plain http (or on another port of the same host) open a socket with the
 * cookie. Behind a TLS-terminating proxy the scheme seen here is http, which
 * is why such a deployment sets ACCORD_ORIGIN.
 */
export function originAllowed(req: IncomingMessage, allowedOrigin: string | null): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  if (allowedOrigin) return origin === allowedOrigin;
  const host = req.headers.host;
  if (!host) return false;
  const scheme = (req.socket as { encrypted?: boolean } | undefined)?.encrypted ? "https" : "http";
  try {
    const own = new URL(`${scheme}://${host}`);
    // The URL parser drops default ports and lower-cases hosts on both sides, so equal origins compare equal.
    return new URL(origin).origin === own.origin;
  } catch {
    return false;
  }
}

/** Who may open which document, and how: decided once, on the WebSocket upgrade. */
export async function authoriseUpgrade(
  req: IncomingMessage,
  deps: { db: DB; sessions: SessionService; allowedOrigin: string | null },
): Promise<AuthorisedUpgrade | Refused> {
  const path = (req.url ?? "").split("?")[0];
  if (!path.startsWith(COLLAB_PATH_PREFIX)) return { ok: false, status: 404, reason: "not a collaboration path" };
  let docName: string;
  try {
    docName = decodeURIComponent(path.slice(COLLAB_PATH_PREFIX.length));
  } catch {
    return { ok: false, status: 400, reason: "bad document name" };
  }
  if (!originAllowed(req, deps.allowedOrigin)) return { ok: false, status: 403, reason: "origin not allowed" };
  const sessionId = deps.sessions.readSessionId(req.headers.cookie);
  const valid = sessionId ? await deps.sessions.validate(sessionId) : null;
  if (!valid) return { ok: false, status: 401, reason: "no valid session" };
  if (!parseDocName(docName)) return { ok: false, status: 404, reason: "unknown document" };
  const { access, adopted } = await resolveDocState(deps.db, valid.user, docName);
  if (access === "none") return { ok: false, status: 403, reason: "no access to this document" };
  return { ok: true, user: valid.user, sessionId: valid.session.id, docName, access, adopted };
}
