import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { UpdateLog } from "../../db/collab-log";
import type { Attribution } from "../../db/collab-log-protocol";
import { encodeDeleteRanges } from "../../app/collab/delete-ranges";
import type { StoredDocument } from "../../db/collab-store";
import { PRESENCE_COLORS } from "../../app/collab/presence-colors";
import { conferenceSchema, privateNotesSchema } from "../../app/collab/conference-schema";
import { parseDocName } from "../../app/collab/doc-names";
import { ColourSlots } from "./colour-slots";
import { SchemaGuard } from "./schema-guard";
import { CollabConnection } from "./connection";
import { storedMessage } from "./messages";
import { dropPending, encodeIntegratedState, pendingBytes } from "./pending-structs";

/** Who made a change that did not come from a socket: a server-side command. */
export interface ServerOrigin {
  kind: "server";
  userId: string;
}

export interface DocumentHooks {
  /** A stored update is ready to relay; `origin` is its connection or a ServerOrigin. */
  relay(doc: CollabDocument, update: Uint8Array, origin: unknown): void;
  /** The stored content has just been built into the Yjs document. */
  built?(doc: CollabDocument): void;
  /** The database refused to store an update: the document is fenced for adoption (decision 0034). */
  refused?(doc: CollabDocument, origin: unknown): void;
}

/**
 * The origin of an update another instance stored and relayed (redis-relay.ts):
 * applied and relayed to this instance's clients, never stored again.
 */
export const FROM_OTHER_INSTANCE = "other-instance";

/** At most this many stored updates after the snapshot are merged to answer a first sync without building the document. */
const MAX_UPDATES_MERGED_FOR_SYNC = 64;

/**
 * When an edit may be shown to others: once it is committed to SQLite's
 * write-ahead log (safe from any crash of the process) or only once that log
 * is fsynced (safe from power loss too). Decision 0007. On PostgreSQL the
 * commit returns once its log is flushed, so both come at once.
 */
export type RelayPoint = "commit" | "fsync";

export interface DocumentOptions {
  relayAfter: RelayPoint;
  /** Store who delivered each update (decision 0028); off only to measure what it costs. */
  attribution?: boolean;
  /** TEST-ONLY fault injection; never set in production. */
  testOnlyUnsafeDeferWrites?: boolean;
}

/**
 * One live document: its Yjs state, who is connected, and how much of what it
 * holds is not yet stored. Until everything is on disk the document must not
 * leave memory, and no one is shown what could still be lost.
 */
export class CollabDocument {
  private readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** What storage holds, until it is built into `doc` (see ydoc). */
  private stored: StoredDocument | null;
  readonly connections = new Set<CollabConnection>();
  readonly colours = new ColourSlots(PRESENCE_COLORS.length);
  /** What clients may put in this document; null where clients never write (the register). */
  readonly guard: SchemaGuard | null;
  /** Bytes stored for it: the snapshot and every update after it (the size limit counts these). */
  storedBytes = 0;
  /** Set when the conference is being concluded: from then on every connection is read-only. */
  frozen = false;
  updatesSinceSnapshot = 0;
  /** How long building it from storage took once built: wall time and this process's CPU time (ms). */
  buildMs = 0;
  buildCpuMs = 0;
  /** The highest id of a stored row this copy holds (its own commits, other instances' relays, catch-ups). */
  lastStoredId = 0;
  /** The periodic catch-up saw storage ahead of this copy once; twice in a row, it reads it again. */
  behindOnce = false;
  projectionTimer: NodeJS.Timeout | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  /** Updates handed to the log, and how many of them are committed and synced (in order). */
  private queued = 0;
  private committed = 0;
  private synced = 0;
  private readonly waiters: { upTo: number; level: "visible" | "durable"; run: () => void }[] = [];
  /** Test-only fault injection: updates relayed but not yet stored. */
  private deferred = 0;
  /** The whole document encoded, kept while it does not change: every client that has nothing yet gets these bytes. */
  private encodedState: Uint8Array | null = null;
  /** The "stored" acknowledgement for the document as it is, kept while it does not change: every writer waiting in a tick gets the same bytes. */
  private ackMessage: Uint8Array | null = null;
  /** Writers to acknowledge once the document as it is at the end of this turn is stored (whenStored). */
  private ackTurn: ((ack: Uint8Array) => void)[] | null = null;
  private destroyed = false;
  /** Connections whose updates left edits pending (pending-structs.ts) since none were. */
  private readonly pendingFrom = new Set<CollabConnection>();
  /** Client ids whose binding to a person was handed to the log while the document is in memory. */
  private readonly boundClients = new Set<number>();
  /** Client ids delivered by someone who does not speak for them, and who delivered them (a later owner takes them over). */
  private readonly relayedClients = new Map<number, string>();
  /** Every change the document takes, but its load from storage (see build). */
  private readonly updateListener = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => this.onUpdate(update, origin, transaction);

  constructor(
    readonly name: string,
    stored: StoredDocument,
    private readonly log: UpdateLog,
    private readonly hooks: DocumentHooks,
    private readonly options: DocumentOptions = { relayAfter: "commit" },
  ) {
    // The server's own awareness has no state: it is a relay, not a participant.
    this.awareness.setLocalState(null);
    this.stored = stored;
    this.updatesSinceSnapshot = this.stored.updates.length;
    this.frozen = stored.fenced === true;
    this.lastStoredId = lastIdOf(stored);
    this.storedBytes = (this.stored.snapshot?.byteLength ?? 0) + this.stored.updates.reduce((n, u) => n + u.data.byteLength, 0);
    this.guard = guardFor(name);
    this.doc.on("update", this.updateListener);
  }

  /**
   * The live Yjs document. Decoding a large document takes a while (about
   * 150–250 ms for 100,000 edits), so it is built on first use, which may come
   * after whoever opened it has had their first sync (syncFromStorage).
   */
  get ydoc(): Y.Doc {
    if (this.stored) this.build();
    return this.doc;
  }

  get built(): boolean {
    return this.stored === null;
  }

  /** The server's own client id, known without building the document. */
  get clientID(): number {
    return this.doc.clientID;
  }

  build() {
    const stored = this.stored;
    if (!stored) return;
    this.stored = null;
    const started = performance.now();
    const cpu = process.cpuUsage();
    // With an "update" listener, Yjs encodes everything a transaction added
    // once more to hand it over; what is loaded is stored already and goes
    // nowhere, and that encoding was about half the build.
    this.doc.off("update", this.updateListener);
    try {
      Y.transact(this.doc, () => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
        for (const row of stored.updates) Y.applyUpdate(this.doc, row.data);
      }, "load");
    } finally {
      this.doc.on("update", this.updateListener);
    }
    this.encodedState = null;
    this.ackMessage = null;
    this.buildMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    this.buildCpuMs = (used.user + used.system) / 1000;
    this.hooks.built?.(this);
  }

  /**
   * Sync step 2 for a client's state vector, answered from the stored bytes
   * while the document is not built yet; null when it is built, or when too
   * many updates are stored after the snapshot to merge them quickly.
   */
  syncFromStorage(stateVector: Uint8Array): Uint8Array | null {
    const stored = this.stored;
    if (!stored || stored.updates.length > MAX_UPDATES_MERGED_FOR_SYNC) return null;
    const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((u) => u.data)];
    const whole = parts.length === 1 ? parts[0] : Y.mergeUpdates(parts.length > 0 ? parts : [encodeIntegratedState(this.doc)]);
    // A client with nothing yet gets everything as stored.
    return isEmptyStateVector(stateVector) ? whole : Y.diffUpdate(whole, stateVector);
  }

  /** Sync step 2 for a client's state vector, from the built document: what it lacks of what is integrated. */
  syncUpdateFor(stateVector: Uint8Array): Uint8Array {
    return isEmptyStateVector(stateVector) ? this.stateAsUpdate() : encodeIntegratedState(this.ydoc, stateVector);
  }

  /**
   * Everything the document holds, without edits still waiting for others
   * (see pending-structs.ts). The bytes are shared by every caller until the
   * document changes: copy them before handing them to anything that could
   * modify or transfer them.
   */
  stateAsUpdate(): Uint8Array {
    const doc = this.ydoc;
    this.encodedState ??= encodeIntegratedState(doc);
    return this.encodedState;
  }

  /**
   * The "stored" acknowledgement of everything the document holds now (sent
   * once it is stored): encoded once per change of the document, however
   * many writers are told.
   */
  storedAck(): Uint8Array {
    this.ackMessage ??= storedMessage(Y.encodeStateVector(this.ydoc));
    return this.ackMessage;
  }

  /**
   * Hands `then` the "stored" acknowledgement of the document as it is at the
   * end of this turn of the event loop, once all of it is on disk. Every
   * writer whose edits were read in one turn waits on the same acknowledgement:
   * one state vector encoded and one waiter per turn, not per edit (decision 0051).
   */
  whenStored(then: (ack: Uint8Array) => void) {
    if (this.ackTurn) {
      this.ackTurn.push(then);
      return;
    }
    this.ackTurn = [then];
    setImmediate(() => {
      const runs = this.ackTurn ?? [];
      this.ackTurn = null;
      if (this.destroyed) return;
      const ack = this.storedAck();
      this.afterDurable(() => {
        for (const run of runs) run(ack);
      });
    });
  }

  /**
   * Applies an update a client sent. Edits of it that wait for earlier edits
   * the server has not seen are counted as that connection's: see dropPending.
   */
  applyFromClient(update: Uint8Array, conn: CollabConnection) {
    const before = pendingBytes(this.ydoc);
    Y.applyUpdate(this.ydoc, update, conn);
    const after = pendingBytes(this.doc);
    if (after === 0) this.pendingFrom.clear();
    else if (after > before) this.pendingFrom.add(conn);
  }

  /** Whether the document has seen edits of this Yjs client. */
  knowsClient(client: number): boolean {
    return this.ydoc.store.clients.has(client);
  }

  get pendingBytes(): number {
    return pendingBytes(this.doc);
  }

  leftPending(conn: CollabConnection): boolean {
    return this.pendingFrom.has(conn);
  }

  /** Forgets every pending edit; returns the connections that sent them. */
  dropPending(): CollabConnection[] {
    dropPending(this.doc);
    const senders = [...this.pendingFrom];
    this.pendingFrom.clear();
    return senders;
  }

  // Write-before-broadcast: every update goes to the log, and is relayed only
  // once the log has stored it (to the point options.relayAfter names). The
  // log stores in order, so relays keep the order in which updates were applied.
  private onUpdate(update: Uint8Array, origin: unknown, transaction: Y.Transaction) {
    this.encodedState = null;
    this.ackMessage = null;
    this.storedBytes += update.byteLength;
    // Already committed by the instance that accepted it: only shown here.
    if (origin === FROM_OTHER_INSTANCE) return this.hooks.relay(this, update, origin);
    if (this.options.testOnlyUnsafeDeferWrites) return this.unsafeRelayThenStoreLater(update, origin);
    // Only what this instance stores is attributed here; loads and relays from other instances were attributed where they were stored.
    const attribution = this.options.attribution === false ? undefined : this.attributionOf(transaction);
    this.queued += 1;
    const position = this.queued;
    const relayOnSync = this.options.relayAfter === "fsync";
    this.log.append(
      this.name,
      update,
      {
        committed: (id) => {
          this.committed = position;
          this.lastStoredId = Math.max(this.lastStoredId, id);
          this.updatesSinceSnapshot += 1;
          if (!relayOnSync) this.hooks.relay(this, update, origin);
          this.releaseWaiters();
        },
        synced: () => {
          this.synced = Math.max(this.synced, position);
          if (relayOnSync) this.hooks.relay(this, update, origin);
          this.releaseWaiters();
        },
        // Never stored, so never shown to anyone: the hub takes this copy out of service.
        refused: () => {
          this.committed = position;
          this.synced = Math.max(this.synced, position);
          this.frozen = true;
          this.hooks.refused?.(this, origin);
          this.releaseWaiters();
        },
      },
      attribution,
    );
  }

  /**
   * Who delivered a transaction's changes: the client ids it brought for the
   * first time, bound to that person, and the items it deleted (only those
   * newly deleted: a client's sync sends the whole delete set every time).
   * A client id is bound to whoever first delivered its edits; one delivered
   * by a connection that does not speak for it (a re-upload after a power
   * cut, decision 0007) is marked relayed, and its own author takes it over.
   */
  private attributionOf(transaction: Y.Transaction): Attribution | undefined {
    const origin = transaction.origin;
    const conn = origin instanceof CollabConnection ? origin : null;
    const userId = conn ? conn.user.id : isServerOrigin(origin) ? origin.userId : null;
    if (userId === null) return undefined;
    const clients: Attribution["clients"] = [];
    for (const [client, after] of transaction.afterState) {
      if (after <= (transaction.beforeState.get(client) ?? 0) || this.boundClients.has(client)) continue;
      const relayed = conn !== null && !conn.clientIds.has(client);
      if (relayed && this.relayedClients.get(client) === userId) continue;
      if (relayed) this.relayedClients.set(client, userId);
      else this.boundClients.add(client);
      clients.push({ id: client, relayed });
    }
    const deletions = encodeDeleteRanges(transaction.deleteSet as unknown as Parameters<typeof encodeDeleteRanges>[0]);
    if (clients.length === 0 && deletions === null) return undefined;
    return { userId, clients, deletions };
  }

  /**
   * TEST-ONLY FAULT INJECTION (ACCORD_TEST_UNSAFE_DEFER_WRITES=1): relays at
   * once and stores a second later, the bug write-before-broadcast prevents.
   * The resilience suite's crash test turns it on to prove it can see losses.
   */
  private unsafeRelayThenStoreLater(update: Uint8Array, origin: unknown) {
    this.deferred += 1;
    this.hooks.relay(this, update, origin);
    setTimeout(() => {
      this.log.append(this.name, update, {
        synced: () => {
          this.deferred -= 1;
          this.updatesSinceSnapshot += 1;
          this.releaseWaiters();
        },
      });
    }, 1000).unref();
  }

  private reached(upTo: number, level: "visible" | "durable"): boolean {
    if (this.deferred > 0) return false;
    const done = level === "durable" || this.options.relayAfter === "fsync" ? this.synced : this.committed;
    return done >= upTo;
  }

  /** Runs `then` once everything applied so far may be shown to others (at once if it already may). */
  afterVisible(then: () => void) {
    if (this.reached(this.queued, "visible")) return then();
    this.waiters.push({ upTo: this.queued, level: "visible", run: then });
  }

  /** Runs `then` once everything applied so far is on disk (at once if it already is). */
  afterDurable(then: () => void) {
    if (this.reached(this.queued, "durable")) return then();
    this.waiters.push({ upTo: this.queued, level: "durable", run: then });
  }

  whenDurable(): Promise<void> {
    return new Promise((resolve) => this.afterDurable(resolve));
  }

  private releaseWaiters() {
    for (let i = 0; i < this.waiters.length; ) {
      const waiter = this.waiters[i];
      if (this.reached(waiter.upTo, waiter.level)) {
        this.waiters.splice(i, 1);
        waiter.run();
      } else i += 1;
    }
  }

  /**
   * Folds the update log into one snapshot. The snapshot covers every update
   * queued so far, and the log stores it after them, atomically.
   */
  compact(): Promise<void> {
    // Unbuilt, it holds nothing new: only edits build it.
    if (!this.built || (this.updatesSinceSnapshot === 0 && this.committed === this.queued)) return Promise.resolve();
    this.updatesSinceSnapshot = 0;
    const state = this.stateAsUpdate();
    this.storedBytes = state.byteLength;
    return new Promise((resolve) => this.log.compact(this.name, state, { synced: resolve }));
  }

  /**
   * Brings the document up to what storage holds now (after a gap in the
   * relay between instances). Not built yet: a read that holds nothing new
   * changes nothing (so a document only read stays unbuilt), and with no one
   * connected the fresh read replaces the old one. Otherwise every stored row
   * is applied again, which changes nothing already held and relays the rest.
   */
  catchUp(stored: StoredDocument) {
    this.lastStoredId = Math.max(this.lastStoredId, lastIdOf(stored));
    if (stored.fenced) this.frozen = true;
    if (this.stored) {
      if (sameRead(this.stored, stored)) return;
      if (this.connections.size === 0) {
        this.stored = stored;
        return;
      }
      // Clients may hold the old read (syncFromStorage): built from it, the
      // document relays to them what the fresh read adds.
      this.build();
    }
    Y.transact(this.doc, () => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const row of stored.updates) Y.applyUpdate(this.doc, row.data);
    }, FROM_OTHER_INSTANCE);
  }

  /** An update another instance stored (as row `id`). */
  applyFromOtherInstance(update: Uint8Array, id: number) {
    this.lastStoredId = Math.max(this.lastStoredId, id);
    Y.applyUpdate(this.ydoc, update, FROM_OTHER_INSTANCE);
  }

  get durable(): boolean {
    return this.reached(this.queued, "durable");
  }

  destroy() {
    this.destroyed = true;
    this.ackTurn = null;
    for (const timer of [this.projectionTimer, this.unloadTimer]) if (timer) clearTimeout(timer);
    this.stored = null;
    this.encodedState = null;
    this.ackMessage = null;
    this.pendingFrom.clear();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Two reads of a document that hold the same rows (whether it is fenced aside). */
function sameRead(a: StoredDocument, b: StoredDocument): boolean {
  if (a.updates.length !== b.updates.length) return false;
  if (a.updates.some((row, i) => row.id !== b.updates[i].id)) return false;
  if (a.snapshot === null || b.snapshot === null) return a.snapshot === b.snapshot;
  return Buffer.from(a.snapshot.buffer, a.snapshot.byteOffset, a.snapshot.byteLength).equals(b.snapshot);
}

function lastIdOf(stored: StoredDocument): number {
  return stored.updates.reduce((max, row) => Math.max(max, row.id), 0);
}

function isServerOrigin(origin: unknown): origin is ServerOrigin {
  return typeof origin === "object" && origin !== null && (origin as ServerOrigin).kind === "server" && typeof (origin as ServerOrigin).userId === "string";
}

/** A state vector of no clients (the single byte 0): a client that has nothing yet. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/** What clients may write into a document, by its kind; null where no client writes (the register). */
function guardFor(name: string): SchemaGuard | null {
  switch (parseDocName(name)?.kind) {
    case "conference":
      return new SchemaGuard(conferenceSchema);
    case "private":
      return new SchemaGuard(privateNotesSchema);
    default:
      return null;
  }
}
