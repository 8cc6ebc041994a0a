import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { CollabStore } from "../../db/collab-store";
import type { CollabConnection } from "./connection";

/** Who made a change that did not come from a socket: a server-side command. */
export interface ServerOrigin {
  kind: "server";
  userId: string;
}

export interface DocumentHooks {
  /** A stored update is ready to relay; `origin` is its connection or a ServerOrigin. */
  relay(doc: CollabDocument, update: Uint8Array, origin: unknown): void;
  /** Storing failed; the update stays in memory and will be retried. */
  storeFailed(doc: CollabDocument, error: unknown): void;
}

/** Faults a test may inject; none by default. */
export interface DocumentFaults {
  testOnlyUnsafeDeferWrites?: boolean;
}

/**
 * One live document: its Yjs state, who is connected, and what of it is not
 * yet durable. While `unstored` is non-empty the document must not leave memory.
 */
export class CollabDocument {
  readonly ydoc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly connections = new Set<CollabConnection>();
  /** Updates applied in memory whose write failed, in order, awaiting retry. */
  readonly unstored: { update: Uint8Array; origin: unknown }[] = [];
  lastUpdateId = 0;
  /** Set when the conference is being concluded: from then on every connection is read-only. */
  frozen = false;
  updatesSinceSnapshot = 0;
  projectionTimer: NodeJS.Timeout | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  retryTimer: NodeJS.Timeout | null = null;
  /** Test-only fault injection: updates relayed but not yet stored. */
  private readonly deferred: Uint8Array[] = [];
  private deferTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    private readonly store: CollabStore,
    private readonly hooks: DocumentHooks,
    private readonly faults: DocumentFaults = {},
  ) {
    // The server's own awareness has no state: it is a relay, not a participant.
    this.awareness.setLocalState(null);
    const stored = store.load(name);
    Y.transact(this.ydoc, () => {
      if (stored.snapshot) Y.applyUpdate(this.ydoc, stored.snapshot);
      for (const row of stored.updates) Y.applyUpdate(this.ydoc, row.data);
    }, "load");
    this.lastUpdateId = stored.updates.at(-1)?.id ?? this.store.lastSnapshotId(name);
    this.updatesSinceSnapshot = stored.updates.length;
    this.ydoc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
  }

  // Write-before-broadcast: an update is appended to the database synchronously,
  // and only then handed to relay(). Nothing can run in between.
  private onUpdate(update: Uint8Array, origin: unknown) {
    if (origin === "load") return;
    if (this.faults.testOnlyUnsafeDeferWrites) return this.unsafeRelayThenStoreLater(update, origin);
    if (this.unstored.length > 0) {
      // Keep order: later updates wait behind the one that failed.
      this.unstored.push({ update, origin });
      return;
    }
    try {
      this.lastUpdateId = this.store.append(this.name, update);
      this.updatesSinceSnapshot += 1;
    } catch (error) {
      this.unstored.push({ update, origin });
      this.hooks.storeFailed(this, error);
      return;
    }
    this.hooks.relay(this, update, origin);
  }

  /**
   * TEST-ONLY FAULT INJECTION (ACCORD_TEST_UNSAFE_DEFER_WRITES=1): relays at
   * once and stores a second later, the bug write-before-broadcast prevents.
   * The resilience suite's crash test turns it on to prove it can see losses.
   */
  private unsafeRelayThenStoreLater(update: Uint8Array, origin: unknown) {
    this.deferred.push(update);
    this.hooks.relay(this, update, origin);
    this.deferTimer ??= setTimeout(() => {
      this.deferTimer = null;
      for (const pending of this.deferred.splice(0)) {
        this.lastUpdateId = this.store.append(this.name, pending);
        this.updatesSinceSnapshot += 1;
      }
    }, 1000);
  }

  /** Tries again to store what failed; relays each update once it is stored. */
  retryUnstored(): boolean {
    while (this.unstored.length > 0) {
      const next = this.unstored[0];
      try {
        this.lastUpdateId = this.store.append(this.name, next.update);
        this.updatesSinceSnapshot += 1;
      } catch (error) {
        this.hooks.storeFailed(this, error);
        return false;
      }
      this.unstored.shift();
      this.hooks.relay(this, next.update, next.origin);
    }
    return true;
  }

  /** Folds the update log into one snapshot, atomically. */
  compact() {
    if (this.unstored.length > 0 || this.deferred.length > 0 || this.updatesSinceSnapshot === 0) return;
    this.store.compact(this.name, Y.encodeStateAsUpdate(this.ydoc), this.lastUpdateId);
    this.updatesSinceSnapshot = 0;
  }

  get durable(): boolean {
    return this.unstored.length === 0 && this.deferred.length === 0;
  }

  destroy() {
    for (const timer of [this.projectionTimer, this.unloadTimer, this.retryTimer, this.deferTimer]) if (timer) clearTimeout(timer);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
