import * as Y from "yjs";
import { CloseCode } from "../../app/collab/close-codes";
import type { CollabConnection } from "./connection";
import type { CollabDocument } from "./document";

// Which updates a client sent are applied to a document, and when. Each one
// is decoded, held to the document's size limit and checked against its
// schema before any of it is applied, stored or relayed. One that builds on
// edits the server has not seen yet (a client reconnecting sends a new edit
// before the older ones it depends on) cannot be placed: it waits, unapplied,
// on its connection until they arrive, and is checked again then.

/**
 * Updates waiting on one connection, in bytes. A reconnecting client leaves a
 * few bytes for a moment; more is a client feeding the server on purpose.
 */
export const MAX_WAITING_BYTES = 64 * 1024;

export class AdmissionRefused extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
  }
}

export interface AdmissionStats {
  schemaRefused: number;
  documentFull: number;
}

export class UpdateAdmission {
  constructor(
    private readonly maxDocumentBytes: number,
    private readonly stats: AdmissionStats,
    /** Applies an admitted update (and acknowledges it to its sender). */
    private readonly apply: (doc: CollabDocument, conn: CollabConnection, update: Uint8Array) => void,
    /** A waiting update broke a rule once it could be checked: its connection is closed. */
    private readonly refuse: (conn: CollabConnection, error: AdmissionRefused) => void,
  ) {}

  /** Admits an update from a writer: applied, waiting, or refused (AdmissionRefused). */
  admit(doc: CollabDocument, conn: CollabConnection, update: Uint8Array): "applied" | "waiting" {
    // Decoding first is cheap and bounded; applying a malformed update can
    // allocate or loop for a long time before it fails (see yjs issue 687).
    const decoded = Y.decodeUpdate(update);
    if (!ownsEmptyRanges(doc, conn, decoded)) {
      this.stats.schemaRefused += 1;
      throw new AdmissionRefused(CloseCode.malformed, "deleted content for a client this connection does not speak for");
    }
    if (conn.waiting.length > 0) {
      // It may be the very edits the waiting ones build on (a client's answer
      // to our sync step 1, sent after the new edits it typed on reconnecting).
      this.wait(conn, update);
      this.retryWaiting(doc);
      return conn.waiting.length === 0 ? "applied" : "waiting";
    }
    const verdict = this.check(doc, update, decoded);
    if (verdict === "unresolved") return this.wait(conn, update);
    this.apply(doc, conn, update);
    this.retryWaiting(doc);
    return "applied";
  }

  private check(doc: CollabDocument, update: Uint8Array, decoded: ReturnType<typeof Y.decodeUpdate>): "ok" | "unresolved" {
    if (doc.storedBytes + update.byteLength > this.maxDocumentBytes) {
      this.stats.documentFull += 1;
      throw new AdmissionRefused(CloseCode.documentFull, "document at its size limit");
    }
    if (!doc.guard) return "ok";
    const verdict = doc.guard.check(doc.ydoc, decoded);
    if (verdict.ok) return "ok";
    if (verdict.unresolved) return "unresolved";
    this.stats.schemaRefused += 1;
    throw new AdmissionRefused(CloseCode.malformed, `refused by the document schema: ${verdict.reason}`);
  }

  private wait(conn: CollabConnection, update: Uint8Array): "waiting" {
    if (conn.waitingBytes + update.byteLength > MAX_WAITING_BYTES) {
      throw new AdmissionRefused(CloseCode.malformed, "too much waiting for edits that never came");
    }
    conn.waiting.push(update);
    conn.waitingBytes += update.byteLength;
    return "waiting";
  }

  /**
   * After an update is applied, what waited may now be placed: each
   * connection's waiting updates are tried in the order they came, until
   * nothing more moves.
   */
  retryWaiting(doc: CollabDocument) {
    let moved = false;
    for (const conn of doc.connections) {
      if (conn.waiting.length === 0) continue;
      moved = true;
      break;
    }
    while (moved) {
      moved = false;
      for (const conn of doc.connections) {
        while (conn.waiting.length > 0) {
          const update = conn.waiting[0];
          const verdict = this.checkWaiting(doc, conn, update);
          if (verdict === "refused") break;
          if (verdict === "unresolved") {
            if (this.applyTogether(doc, conn)) moved = true;
            break;
          }
          conn.waiting.shift();
          conn.waitingBytes -= update.byteLength;
          this.apply(doc, conn, update);
          moved = true;
        }
      }
    }
  }

  /**
   * The first waiting update cannot be placed alone, but a later one from the
   * same connection may hold what it builds on: taken together, in one merged
   * update, they may fit. Without this a connection's queue would wait behind
   * its head for ever.
   */
  private applyTogether(doc: CollabDocument, conn: CollabConnection): boolean {
    if (conn.waiting.length < 2) return false;
    const merged = Y.mergeUpdates(conn.waiting);
    if (this.checkWaiting(doc, conn, merged) !== "ok") return false;
    conn.dropWaiting();
    this.apply(doc, conn, merged);
    return true;
  }

  /** Checks a waiting update (or several merged); one that breaks a rule closes its connection. */
  private checkWaiting(doc: CollabDocument, conn: CollabConnection, update: Uint8Array): "ok" | "unresolved" | "refused" {
    try {
      return this.check(doc, update, Y.decodeUpdate(update));
    } catch (error) {
      if (!(error instanceof AdmissionRefused)) throw error;
      conn.dropWaiting();
      this.refuse(conn, error);
      return "refused";
    }
  }
}

/**
 * Deleted content (GC structs, items whose content is deleted) carries no
 * text but adds its client to the document's state for ever. A client whose
 * structs in an update are all such must be one the document already has, or
 * the connection's own (its presence id is its document's client id): never a
 * client invented by the sender to leave marks in the document.
 */
function ownsEmptyRanges(doc: CollabDocument, conn: CollabConnection, decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
  const empty = new Map<number, boolean>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const client = struct.id.client;
    const isEmpty = struct instanceof Y.GC || (struct instanceof Y.Item && struct.content instanceof Y.ContentDeleted);
    empty.set(client, (empty.get(client) ?? true) && isEmpty);
  }
  for (const [client, onlyEmpty] of empty) {
    if (onlyEmpty && !conn.clientIds.has(client) && !doc.knowsClient(client)) return false;
  }
  return true;
}
