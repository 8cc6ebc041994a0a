import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import type { Logger } from "pino";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { UpdateLog } from "../../db/collab-log";
import type { CollabStore, StoredDocument } from "../../db/collab-store";
import type { DB } from "../../db/connection";
import { CloseCode } from "../../app/collab/close-codes";
import type { CollabNotice, ConferenceStatus } from "../../app/collab/collab-notices";
import { PRESENCE_COLORS } from "../../app/collab/presence-colors";
import { parseDocName } from "../../app/collab/doc-names";
import { DomainError } from "../../app/models/errors.server";
import type { SessionService } from "../../app/models/session.server";
import { AdmissionRefused, UpdateAdmission } from "./admission";
import type { PresenceLimits } from "./awareness-guard";
import { CollabConnection, type RateSettings } from "./connection";
import { CollabDocument, FROM_OTHER_INSTANCE, type RelayPoint, type ServerOrigin } from "./document";
import type { ControlMessage, InstanceRelay } from "./redis-relay";
import { heartbeat, recheckConnections } from "./liveness";
import { receivePresence } from "./presence";
import { MalformedMessageLog } from "./malformed-log";
import {
  awarenessMessage,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  noticeMessage,
  syncStep1Message,
  syncStep2FromUpdate,
  syncUpdateMessage,
} from "./messages";
import { DocumentProjector } from "./projection";
import { encodeIntegratedState } from "./pending-structs";
import { authoriseUpgrade, refuseUpgrade, type AuthorisedUpgrade } from "./upgrade";


/**
 * Updates that depend on edits the server has not seen wait in memory until
 * those arrive (pending-structs.ts), and each one added is merged with all
 * that wait (about 4 ms at 64 KiB): the socket fuzz measured event-loop
 * stalls of 100+ ms with ~1 MB waiting. A client reconnecting can leave a few
 * bytes there for a moment; more than this is a client feeding it on purpose.
 * What waits leaves with the connection that sent it (dropPending).
 */
const MAX_PENDING_BYTES = 64 * 1024;

const MALFORMED_LOG_PER_SECOND = 20;

/** The state vector of a client that has nothing yet. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** How long a document just read from storage waits for its opener's first sync before it is built anyway. */
const BUILD_GRACE_MS = 50;

/**
 * With other instances, how often loaded documents compare the last row id
 * stored with what they hold, so a relay message Redis lost converges without
 * waiting for a reconnect (decision 0034).
 */
const CATCH_UP_CHECK_MS = 5000;

export interface HubSettings {
  /** The app's configured origin; when null, an Origin must match the request's Host. */
  allowedOrigin: string | null;
  maxMessageBytes: number;
  maxAwarenessBytes: number;
  /** Largest a document may grow (its snapshot and the updates stored after it). */
  maxDocumentBytes: number;
  presence: PresenceLimits;
  /** Sockets one person may have open on one document (tabs, windows). */
  maxSocketsPerUser: number;
  rate: RateSettings;
  heartbeatMs: number;
  /** How often open sockets re-check their session and role. */
  recheckMs: number;
  /** How long a document with no one connected stays in memory. */
  idleUnloadMs: number;
  /** Compact once this many updates are stored after the snapshot. */
  compactEvery: number;
  projectionDelayMs: number;
  /** When an edit may be relayed: once committed, or only once fsynced (decision 0007). */
  relayAfter: RelayPoint;
  /** Store who delivered each update (decision 0028); defaults to on. */
  attribution?: boolean;
  /** Test-only fault injection (ACCORD_TEST_UNSAFE_DEFER_WRITES): breaks write-before-broadcast. */
  testOnlyUnsafeDeferWrites?: boolean;
}

export interface HubDeps {
  db: DB;
  store: CollabStore;
  log: UpdateLog;
  sessions: SessionService;
  logger: Logger;
  /** Edits to and from other instances (REDIS_URL); absent, this instance is alone. */
  relay?: InstanceRelay;
}

/**
 * The collaboration hub: y-websocket protocol over `ws`, with authorisation on
 * upgrade, read-only connections, size and rate limits, durable writes before
 * any relay, compaction, projection to SQL and idle unloading. Each lifecycle
 * step is its own method: authorise, load, receive, relay, store, unload.
 */
export class CollabHub {
  private readonly wss: WebSocketServer;
  private readonly docs = new Map<string, CollabDocument>();
  /** Documents being read from storage, so that two callers share one load. */
  private readonly loading = new Map<string, Promise<CollabDocument>>();
  private readonly projector: DocumentProjector;
  private readonly malformedLog: MalformedMessageLog;
  private readonly admission: UpdateAdmission;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopping = false;
  /** Counters for tests, benchmarks and the health of the hub. */
  readonly stats = {
    connections: 0,
    droppedReadOnlyWrites: 0,
    malformedClosed: 0,
    /** Updates refused because they would break the document's schema (also counted in malformedClosed). */
    schemaRefused: 0,
    documentFull: 0,
    tooManySockets: 0,
    /** Presence states dropped at a limit (ids per connection, states per document, size). */
    presenceDropped: 0,
    rateLimited: 0,
    slowestMessageMs: 0,
    /** Size and first two bytes (message type, sync step) of that message. */
    slowestMessage: null as { bytes: number; head: number[] } | null,
    /** Documents built from storage, and the time those builds took (ms, wall and CPU): what a cold document costs the hub. */
    builds: 0,
    buildMs: 0,
    buildCpuMs: 0,
  };

  constructor(
    private readonly deps: HubDeps,
    private readonly settings: HubSettings,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });
    this.projector = new DocumentProjector(deps.db, deps.logger, settings.projectionDelayMs);
    this.malformedLog = new MalformedMessageLog(deps.logger, MALFORMED_LOG_PER_SECOND);
    this.admission = new UpdateAdmission(
      settings.maxDocumentBytes,
      this.stats,
      (doc, conn, update) => this.applyAdmitted(doc, conn, update),
      (conn, error) => {
        this.stats.malformedClosed += 1;
        this.close(conn, error.code, error.message);
      },
    );
    this.timers.push(setInterval(() => this.heartbeat(), settings.heartbeatMs));
    this.timers.push(setInterval(() => void this.revalidate(), settings.recheckMs));
    if (deps.relay) this.timers.push(setInterval(() => void this.catchUpBehind(), CATCH_UP_CHECK_MS));
    for (const timer of this.timers) timer.unref();
  }

  // ---- authorise -------------------------------------------------------

  /** Entry point for the HTTP server's `upgrade` event. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    if (this.stopping) return refuseUpgrade(socket, 404);
    authoriseUpgrade(req, { db: this.deps.db, sessions: this.deps.sessions, allowedOrigin: this.settings.allowedOrigin })
      .then(async (result) => {
        if (!result.ok) {
          this.deps.logger.info({ status: result.status, reason: result.reason, url: req.url }, "collab upgrade refused");
          return refuseUpgrade(socket, result.status);
        }
        // Read from storage before the socket opens, so the first sync is answered at once.
        const doc = await this.load(result.docName);
        if (socket.destroyed || this.stopping) {
          this.scheduleUnload(doc);
          if (!socket.destroyed) refuseUpgrade(socket, 404);
          return;
        }
        this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, result, doc));
      })
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error }, "collab upgrade failed");
        socket.destroy();
      });
  };

  // ---- load / unload ---------------------------------------------------

  /**
   * The live document, loaded from storage at most once: callers that ask
   * while it is being read wait for the same load.
   */
  async load(docName: string): Promise<CollabDocument> {
    const open = this.docs.get(docName);
    if (open) {
      if (open.unloadTimer) {
        clearTimeout(open.unloadTimer);
        open.unloadTimer = null;
      }
      return open;
    }
    let loading = this.loading.get(docName);
    if (!loading) {
      loading = this.deps.store.load(docName).then(
        (stored) => {
          this.loading.delete(docName);
          return this.docs.get(docName) ?? this.loaded(docName, stored);
        },
        (error: unknown) => {
          this.loading.delete(docName);
          throw error;
        },
      );
      this.loading.set(docName, loading);
    }
    const doc = await loading;
    if (doc.unloadTimer) {
      clearTimeout(doc.unloadTimer);
      doc.unloadTimer = null;
    }
    return doc;
  }

  private loaded(docName: string, stored: StoredDocument): CollabDocument {
    const doc = new CollabDocument(
      docName,
      stored,
      this.deps.log,
      {
        relay: (d, update, origin) => this.relay(d, update, origin),
        built: (d) => {
          this.stats.builds += 1;
          this.stats.buildMs += d.buildMs;
          this.stats.buildCpuMs += d.buildCpuMs;
          this.sendServerState(d);
        },
        refused: (d, origin) => this.fencedByDatabase(d, origin),
      },
      { relayAfter: this.settings.relayAfter, attribution: this.settings.attribution !== false, testOnlyUnsafeDeferWrites: this.settings.testOnlyUnsafeDeferWrites === true },
    );
    const loaded = doc;
    loaded.awareness.on(
      "update",
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        if (changed.length === 0) return;
        const message = awarenessMessage(loaded.awareness, changed);
        for (const conn of loaded.connections) conn.send(message);
        // Sanitised already (presence.ts); each instance times out the others' states itself.
        if (origin !== FROM_OTHER_INSTANCE && origin !== "timeout") {
          this.deps.relay?.publishPresence(docName, awarenessProtocol.encodeAwarenessUpdate(loaded.awareness, changed));
        }
      },
    );
    this.docs.set(docName, doc);
    if (this.deps.relay) void this.follow(doc);
    // After the first replies: whoever opened the document should not wait for its compaction.
    if (doc.updatesSinceSnapshot >= this.settings.compactEvery) {
      setImmediate(() => {
        loaded.build();
        void loaded.compact();
      });
    }
    return doc;
  }

  /**
   * Hears the other instances' edits of a document from now on, then reads it
   * again from storage: whatever they stored between this instance's read and
   * its subscription is in the second read.
   */
  private async follow(doc: CollabDocument) {
    try {
      await this.deps.relay!.follow(doc.name);
      await this.catchUp(doc);
    } catch (error) {
      this.deps.logger.error({ err: error, doc: doc.name }, "could not follow the document's edits on other instances");
    }
  }

  private async catchUp(doc: CollabDocument) {
    const stored = await this.deps.store.load(doc.name);
    if (this.docs.get(doc.name) !== doc) return;
    const wasFrozen = doc.frozen;
    doc.catchUp(stored);
    // Fenced by another instance while this one missed its message.
    if (doc.frozen && !wasFrozen) this.freezeLocally(doc);
  }

  /**
   * Reads again the documents whose stored rows went past what they hold at
   * two checks in a row (one check alone may just see a relay on its way).
   */
  private async catchUpBehind() {
    const docs = [...this.docs.values()].filter((doc) => doc.built);
    if (docs.length === 0) return;
    try {
      const last = await this.deps.store.lastUpdateIds(docs.map((doc) => doc.name));
      for (const doc of docs) {
        const behind = (last.get(doc.name) ?? 0) > doc.lastStoredId;
        if (behind && doc.behindOnce) {
          doc.behindOnce = false;
          await this.catchUp(doc);
        } else doc.behindOnce = behind;
      }
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not compare loaded documents with storage");
    }
  }

  /** An update another instance stored (as row `rowId`), for a document this one holds. */
  receiveFromOtherInstance(docName: string, update: Uint8Array, rowId: number) {
    const doc = this.docs.get(docName);
    if (!doc) return;
    try {
      doc.applyFromOtherInstance(update, rowId);
    } catch (error) {
      this.deps.logger.error({ err: error, doc: docName }, "could not apply an edit relayed by another instance");
    }
  }

  /** Presence another instance took in, for a document this one holds. */
  receivePresenceFromOtherInstance(docName: string, update: Uint8Array) {
    const doc = this.docs.get(docName);
    if (!doc) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(doc.awareness, update, FROM_OTHER_INSTANCE);
    } catch (error) {
      this.deps.logger.warn({ err: error, doc: docName }, "could not apply presence relayed by another instance");
    }
  }

  /** After a gap in the relay: every document held is read again from storage. */
  catchUpAll() {
    for (const doc of this.docs.values()) {
      this.catchUp(doc).catch((error: unknown) => this.deps.logger.error({ err: error, doc: doc.name }, "could not catch up with storage"));
    }
  }

  private scheduleUnload(doc: CollabDocument) {
    if (doc.connections.size > 0 || doc.unloadTimer) return;
    doc.unloadTimer = setTimeout(() => {
      doc.unloadTimer = null;
      void this.unload(doc);
    }, this.settings.idleUnloadMs);
    doc.unloadTimer.unref();
  }

  /** Leaves memory only when no one is connected and everything is stored. */
  async unload(doc: CollabDocument) {
    if (doc.connections.size > 0 || this.docs.get(doc.name) !== doc) return;
    await doc.whenDurable();
    await this.projector.flush(doc);
    if (doc.connections.size > 0 || !doc.durable || this.docs.get(doc.name) !== doc) return;
    // The log stores the compaction after everything queued before it; the document need not wait.
    void doc.compact();
    this.docs.delete(doc.name);
    void this.deps.relay?.unfollow(doc.name);
    doc.destroy();
  }

  // ---- connect / receive -----------------------------------------------

  private attach(ws: WebSocket, auth: AuthorisedUpgrade, doc: CollabDocument) {
    // One person's tabs are bounded, so one account cannot hold a document's memory and presence.
    let mine = 0;
    for (const other of doc.connections) if (other.user.id === auth.user.id) mine += 1;
    if (mine >= this.settings.maxSocketsPerUser) {
      this.stats.tooManySockets += 1;
      this.scheduleUnload(doc);
      ws.close(CloseCode.tooManyConnections, "too many connections");
      return;
    }
    if (auth.adopted) doc.frozen = true;
    const conn = new CollabConnection(ws, auth.user, auth.sessionId, auth.access, this.settings.rate);
    doc.connections.add(conn);
    this.stats.connections += 1;
    conn.color = PRESENCE_COLORS[doc.colours.take(conn.user.id)];
    conn.send(noticeMessage({ kind: "colour", color: conn.color }));
    // Arriving after the record was adopted: a screen that still holds edits learns at once that they were not taken.
    if (auth.adopted) conn.send(noticeMessage({ kind: "status", status: "concluded" }));

    ws.on("message", (data: RawData, isBinary: boolean) => {
      // The longest any one message held the event loop, for /internal/diagnostics.
      const started = performance.now();
      this.receive(doc, conn, data, isBinary);
      const took = performance.now() - started;
      if (took > this.stats.slowestMessageMs) {
        const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        this.stats.slowestMessageMs = took;
        this.stats.slowestMessage = { bytes: bytes.byteLength, head: [...bytes.subarray(0, 2)] };
      }
    });
    ws.on("pong", () => {
      conn.alive = true;
    });
    ws.on("error", () => ws.terminate());
    ws.on("close", () => this.detach(doc, conn));

    // Start the sync: our state vector, then everyone's presence. A document
    // just read from storage is built after a writer's first sync (answered
    // from the stored bytes), or a moment later if that does not come. Readers
    // only ever need the stored bytes: a concluded conference that people
    // only read is never built, however large.
    if (doc.built) this.sendSyncStep1(doc, conn);
    else if (!conn.readOnly) {
      conn.awaitsServerState = true;
      setTimeout(() => doc.build(), BUILD_GRACE_MS).unref();
    }
    const states = [...doc.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(doc.awareness, states));
  }

  private sendSyncStep1(doc: CollabDocument, conn: CollabConnection) {
    conn.awaitsServerState = false;
    conn.send(syncStep1Message(doc.ydoc));
  }

  private sendServerState(doc: CollabDocument) {
    for (const conn of doc.connections) if (conn.awaitsServerState) this.sendSyncStep1(doc, conn);
  }

  private detach(doc: CollabDocument, conn: CollabConnection) {
    if (!doc.connections.delete(conn)) return;
    this.stats.connections -= 1;
    doc.colours.release(conn.user.id);
    const ids = [...conn.clientIds].filter((id) => doc.awareness.getStates().has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(doc.awareness, ids, null);
    // Edits it left waiting for others will not be completed by anyone now.
    if (doc.leftPending(conn)) this.dropPending(doc, conn);
    if (conn.waiting.length > 0) {
      conn.dropWaiting();
      // Others whose updates wait may have waited for these: they sync again, sending what they build on.
      for (const other of doc.connections) if (other.waiting.length > 0) this.close(other, CloseCode.resync, "sync again");
    }
    this.scheduleUnload(doc);
  }

  /**
   * Forgets edits waiting for earlier edits that did not come. Anyone else
   * whose edits were among them reconnects and syncs again, sending them
   * with whatever they depend on.
   */
  private dropPending(doc: CollabDocument, cause: CollabConnection) {
    for (const sender of doc.dropPending()) {
      if (sender !== cause) this.close(sender, CloseCode.resync, "sync again");
    }
  }

  private close(conn: CollabConnection, code: number, reason: string) {
    if (conn.ws.readyState === conn.ws.OPEN || conn.ws.readyState === conn.ws.CONNECTING) conn.ws.close(code, reason);
  }

  private receive(doc: CollabDocument, conn: CollabConnection, raw: RawData, isBinary: boolean) {
    const data = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    if (!conn.admit(data.byteLength)) {
      this.stats.rateLimited += 1;
      return this.close(conn, CloseCode.rateLimited, "too many messages");
    }
    try {
      if (!isBinary) throw new Error("text frames are not part of the protocol");
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          return this.receiveSync(doc, conn, decoder);
        case MESSAGE_AWARENESS:
          return this.receiveAwareness(doc, conn, decoding.readVarUint8Array(decoder));
        case MESSAGE_QUERY_AWARENESS:
          return conn.send(awarenessMessage(doc.awareness, [...doc.awareness.getStates().keys()]));
        case MESSAGE_AUTH:
          return;
        default:
          throw new Error(`unknown message type ${type}`);
      }
    } catch (error) {
      this.stats.malformedClosed += 1;
      this.malformedLog.record({ err: error, doc: doc.name, user: conn.user.id });
      this.close(conn, CloseCode.malformed, "malformed message");
    }
  }

  private receiveSync(doc: CollabDocument, conn: CollabConnection, decoder: decoding.Decoder) {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      const fromStorage = doc.built ? null : doc.syncFromStorage(stateVector);
      if (fromStorage) {
        conn.send(syncStep2FromUpdate(fromStorage));
        if (!conn.readOnly) setImmediate(() => doc.build());
        return;
      }
      const reply = syncStep2FromUpdate(doc.syncUpdateFor(stateVector));
      // The reply may hold edits still on their way to the log: it leaves once they may be relayed.
      doc.afterVisible(() => conn.send(reply));
      return;
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync step ${step}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (conn.readOnly || doc.frozen) {
      // Never applied, relayed or stored.
      this.stats.droppedReadOnlyWrites += 1;
      if (doc.frozen) conn.droppedWhileFrozen = true;
      return;
    }
    try {
      this.admission.admit(doc, conn, update);
    } catch (error) {
      if (!(error instanceof AdmissionRefused) || error.code === CloseCode.malformed) throw error;
      this.deps.logger.warn({ doc: doc.name, user: conn.user.id, bytes: doc.storedBytes }, error.message);
      this.close(conn, error.code, error.message);
    }
  }

  /** Applies an update the admission let through, then acknowledges it once stored. */
  private applyAdmitted(doc: CollabDocument, conn: CollabConnection, update: Uint8Array) {
    doc.applyFromClient(update, conn);
    if (doc.pendingBytes > MAX_PENDING_BYTES) {
      this.dropPending(doc, conn);
      throw new AdmissionRefused(CloseCode.malformed, "too much waiting for edits that never came");
    }
    this.scheduleAck(doc, conn);
  }

  private receiveAwareness(doc: CollabDocument, conn: CollabConnection, update: Uint8Array) {
    if (update.byteLength > this.settings.maxAwarenessBytes) throw new Error("awareness update too large");
    if (!receivePresence(doc, conn, update, this.settings.presence)) this.stats.presenceDropped += 1;
  }

  // ---- store / relay ---------------------------------------------------

  private relay(doc: CollabDocument, update: Uint8Array, origin: unknown) {
    const relay = origin === FROM_OTHER_INSTANCE ? undefined : this.deps.relay;
    if (relay) {
      // Stored already: the other instances hear of it first. The Redis client
      // writes at the next check phase, so this instance's screens get it just
      // after that write rather than before it (in order: immediates run FIFO).
      relay.publish(doc.name, update, doc.lastStoredId);
      setImmediate(() => this.sendToScreens(doc, update, origin));
    } else this.sendToScreens(doc, update, origin);
    // The instance that stored an update projects it and tells the others; they only show it.
    if (origin === FROM_OTHER_INSTANCE) return;
    // Taken out of service (fenced): what it stored before is projected by whoever reads it next.
    if (this.docs.get(doc.name) !== doc) return;
    this.projector.schedule(doc);
    if (doc.updatesSinceSnapshot >= this.settings.compactEvery) void doc.compact();
  }

  private sendToScreens(doc: CollabDocument, update: Uint8Array, origin: unknown) {
    const message = syncUpdateMessage(update);
    for (const conn of doc.connections) if (conn !== origin) conn.send(message);
  }

  /**
   * Tells a client what the server has stored, so it can show what is not yet:
   * the state vector as of the end of this turn (which holds this update),
   * sent once everything up to then is stored.
   */
  private scheduleAck(doc: CollabDocument, conn: CollabConnection) {
    if (conn.ackPending) {
      conn.ackAgain = true;
      return;
    }
    conn.ackPending = true;
    doc.whenStored((ack) => {
      conn.ackPending = false;
      conn.send(ack);
      if (conn.ackAgain) {
        conn.ackAgain = false;
        this.scheduleAck(doc, conn);
      }
    });
  }

  // ---- server-side changes ---------------------------------------------

  /**
   * Applies a change to a document as a given user, loaded or not; every open
   * screen sees it once it is stored, which is when the promise resolves.
   */
  async applyAs(docName: string, userId: string, change: (doc: Y.Doc) => void): Promise<void> {
    if (!parseDocName(docName)) throw new Error(`unknown document ${docName}`);
    const doc = await this.load(docName);
    // A document being adopted (or adopted) takes no more edits, from anyone.
    if (doc.frozen) {
      this.scheduleUnload(doc);
      throw new DomainError("alreadyConcluded");
    }
    const origin: ServerOrigin = { kind: "server", userId };
    // The change is made on a copy with a client id of its own, bound to this
    // user when it is applied: the server's own client id would attribute
    // every command to whoever ran the first one (decision 0028).
    const scratch = new Y.Doc({ gc: true });
    try {
      Y.applyUpdate(scratch, doc.stateAsUpdate());
      const before = Y.encodeStateVector(scratch);
      scratch.transact(() => change(scratch));
      Y.applyUpdate(doc.ydoc, encodeIntegratedState(scratch, before), origin);
    } finally {
      scratch.destroy();
    }
    this.scheduleUnload(doc);
    await doc.whenDurable();
  }

  /** A document's stored state as of now, for reading it outside the socket (the conclusion check). */
  async currentState(docName: string): Promise<Uint8Array> {
    const doc = await this.load(docName);
    this.scheduleUnload(doc);
    // Not built, it holds nothing but what is stored: reading a conference page (which
    // compares with the reader's last visit) then never builds a document only read.
    const stored = doc.built ? null : doc.syncFromStorage(EMPTY_STATE_VECTOR);
    if (stored) return stored.slice();
    await doc.whenDurable();
    return doc.stateAsUpdate().slice();
  }

  /**
   * Makes a document read-only for everyone connected (and anyone who connects)
   * and returns its state at that instant: what a conference adopts.
   */
  async freeze(docName: string): Promise<Uint8Array> {
    const doc = await this.load(docName);
    this.freezeLocally(doc);
    this.deps.relay?.control({ kind: "frozen", docName });
    this.scheduleUnload(doc);
    // Nothing can change it here now; what it holds is adopted once all of it is stored.
    await doc.whenDurable();
    // Then no instance can store an edit of it (decision 0034). The fence
    // waits for appends other instances began before it; what they stored is
    // read back, so the record holds every edit stored before the fence.
    await this.deps.store.fence(docName);
    if (this.deps.relay) await this.catchUp(doc);
    return doc.stateAsUpdate();
  }

  /** Every connection of the document read-only from now on, as the freeze before adoption makes it. */
  private freezeLocally(doc: CollabDocument) {
    doc.frozen = true;
    for (const conn of doc.connections) conn.access = "read";
  }

  /**
   * The database refused to store an edit of this document: another instance
   * froze it for adoption. This copy holds that edit (and maybe more) that
   * nobody else will ever see, so it leaves service: its screens sync again
   * with a copy read from storage, which knows it is frozen.
   */
  private fencedByDatabase(doc: CollabDocument, origin: unknown) {
    if (origin instanceof CollabConnection) origin.droppedWhileFrozen = true;
    if (this.docs.get(doc.name) !== doc) return;
    this.deps.logger.info({ doc: doc.name }, "document frozen for adoption by another instance: edits not stored, its screens sync again");
    this.freezeLocally(doc);
    this.docs.delete(doc.name);
    void this.deps.relay?.unfollow(doc.name);
    for (const conn of doc.connections) this.close(conn, CloseCode.resync, "sync again");
    void doc.whenDurable().then(() => doc.destroy());
  }

  /**
   * Undoes freeze() when adoption failed; access is then re-read from the
   * database. Writers whose edits were dropped while it was frozen sync again,
   * which sends those edits once more.
   */
  async unfreeze(docName: string) {
    await this.deps.store.unfence(docName);
    this.deps.relay?.control({ kind: "thawed", docName });
    await this.thaw(docName);
  }

  private async thaw(docName: string) {
    const doc = this.docs.get(docName);
    if (!doc) return;
    doc.frozen = false;
    for (const conn of doc.connections) if (conn.droppedWhileFrozen) this.close(conn, CloseCode.resync, "sync again");
    await this.revalidate();
  }

  /** Tells every open screen of a conference that it moved on (opened, concluded), so they follow at once. */
  announceStatus(docName: string, status: ConferenceStatus) {
    this.announce(docName, { kind: "status", status });
  }

  /** Sends a notice to every open screen of a document, on every instance. */
  announce(docName: string, notice: CollabNotice) {
    this.deps.relay?.control({ kind: "notice", docName, notice });
    this.announceHere(docName, notice);
  }

  private announceHere(docName: string, notice: CollabNotice) {
    const doc = this.docs.get(docName);
    if (!doc) return;
    const message = noticeMessage(notice);
    for (const conn of doc.connections) conn.send(message);
  }

  /** Projects a document to SQL now (after commands that readers must see at once). */
  async flush(docName: string) {
    const doc = this.docs.get(docName);
    if (doc) await this.projector.flush(doc);
  }

  /**
   * Projects a document to SQL again from what it holds now, in the same
   * queue as the projections of its edits (so the two never write out of
   * order); one no one has open leaves memory right after.
   */
  async reproject(docName: string) {
    const doc = await this.load(docName);
    try {
      await this.projector.projectNow(doc);
    } finally {
      if (doc.connections.size > 0) this.scheduleUnload(doc);
      else await this.unload(doc);
    }
  }

  // ---- other instances ---------------------------------------------------

  /** What another instance said every instance must act on (redis-relay.ts). */
  receiveControl(message: ControlMessage) {
    switch (message.kind) {
      case "frozen": {
        const doc = this.docs.get(message.docName);
        if (doc) this.freezeLocally(doc);
        return;
      }
      case "thawed":
        return void this.thaw(message.docName);
      case "notice":
        return this.announceHere(message.docName, message.notice);
      case "revalidate":
        return void this.revalidate(message.userId);
      case "user":
        return;
    }
  }

  // ---- liveness and revocation -------------------------------------------

  /** Re-checks one person's sockets (or all) here and on every other instance, at once. */
  async revalidateEverywhere(userId?: string) {
    this.deps.relay?.control({ kind: "revalidate", userId });
    await this.revalidate(userId);
  }

  private heartbeat() {
    for (const doc of this.docs.values()) heartbeat(doc.connections);
  }

  /** Closes sockets whose session ended, drops or lowers access that was taken away. */
  async revalidate(onlyUserId?: string) {
    const open = [...this.docs.values()].flatMap((doc) => [...doc.connections].map((conn) => ({ docName: doc.name, conn })));
    const relevant = onlyUserId ? open.filter(({ conn }) => conn.user.id === onlyUserId) : open;
    for (const { conn, verdict } of await recheckConnections(relevant, this.deps)) {
      if (verdict === "session ended") this.close(conn, CloseCode.unauthenticated, "session ended");
      else if (verdict === "none") this.close(conn, CloseCode.forbidden, "access withdrawn");
      else conn.access = verdict;
    }
  }

  // ---- shutdown ----------------------------------------------------------

  /**
   * Refuses new sockets and asks every open one to go: their clients
   * reconnect, to another instance behind a load balancer. Called first on
   * SIGTERM, since the HTTP server's close waits for upgraded sockets too.
   */
  closeSockets() {
    this.stopping = true;
    for (const doc of this.docs.values()) {
      for (const conn of doc.connections) this.close(conn, CloseCode.goingAway, "server shutting down");
    }
  }

  /** Closes every socket and leaves every document stored, projected and compacted. */
  async shutdown() {
    for (const timer of this.timers) clearInterval(timer);
    this.closeSockets();
    for (const doc of [...this.docs.values()]) {
      await doc.whenDurable();
      await this.projector.flush(doc);
      void doc.compact();
      doc.destroy();
    }
    this.docs.clear();
    this.wss.close();
    await this.deps.log.close();
    await this.deps.relay?.close();
    this.deps.store.close();
  }

  get loadedDocuments(): number {
    return this.docs.size;
  }

  /** Loaded documents built into Yjs documents (the others serve their stored bytes). */
  get builtDocuments(): number {
    let built = 0;
    for (const doc of this.docs.values()) if (doc.built) built += 1;
    return built;
  }
}
