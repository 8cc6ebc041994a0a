import { useEffect, useRef, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import type { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { CloseCode } from "./close-codes";
import { handleAccordMessages, type CollabNotice } from "./collab-notices";
import { leftoverChanges, type Leftover } from "./leftover-changes";
import { claimEarlySession } from "./early-session";
import { colorForUser } from "./presence-colors";
import { applyServerStatesAsReceived } from "./received-state";
import { countUnsaved, mergeStateVector, type StateVector } from "./unsaved-changes";

// The browser side of a collaborative document: the Y.Doc, its socket to the
// hub, its copy in IndexedDB (edits made offline survive a reload and merge on
// reconnect), presence, and how much the server has not stored yet.
// Everything here runs in effects only: server rendering never touches it.

export interface CollabUser {
  id: string;
  name: string;
}

/** What other screens see of us in awareness (the hub rewrites id and name to the signed-in user's). */
export interface PresenceUser extends CollabUser {
  color: string;
}

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

/** Why the hub ended the session for good: no reconnecting will help. */
export type CollabEnd = "session" | "access" | "windows" | "error";

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  user: PresenceUser;
}

export interface CollabState {
  session: CollabSession | null;
  connection: ConnectionState;
  /** Operations held in this browser that the server has not confirmed storing. */
  unsaved: number;
  /** Synced with the server at least once since the page opened. */
  hasSynced: boolean;
  /** IndexedDB has been read (or is unavailable). */
  localLoaded: boolean;
  /** The document held any content after IndexedDB was read. */
  localContent: boolean;
  ended: CollabEnd | null;
  /**
   * Adopted documents only: edits this device kept that are not in the
   * adopted record (null until both copies are read), and a way to remove them.
   */
  leftovers: Leftover[] | null;
  discardLeftovers: (() => Promise<void>) | null;
}

export interface CollabOptions {
  user: CollabUser;
  /**
   * The document is an adopted record: show exactly what the server holds,
   * never this device's copy merged in; that copy is compared instead.
   */
  adopted?: boolean;
  onNotice?: (notice: CollabNotice) => void;
}

const INITIAL: CollabState = {
  session: null,
  connection: "connecting",
  unsaved: 0,
  hasSynced: false,
  localLoaded: false,
  localContent: false,
  ended: null,
  leftovers: null,
  discardLeftovers: null,
};

/** Key of the server's last acknowledged state vector in the y-indexeddb "custom" store. */
const STORED_VECTOR_KEY = "accord:storedStateVector";
/** A rate-limited socket (4429) comes back after this pause instead of giving up. */
const RATE_LIMIT_PAUSE_MS = 5000;

export function collabSocketUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/** One IndexedDB database per person and document: two people sharing a browser never mix edits. */
export function localStoreName(docName: string, userId: string): string {
  return `accord/${userId}/${docName}`;
}

function localStateVector(doc: Y.Doc): StateVector {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

export function useCollabDoc(docName: string, { user, adopted = false, onNotice }: CollabOptions): CollabState {
  const [state, setState] = useState<CollabState>(INITIAL);
  const { id: userId, name: userName } = user;
  const noticeRef = useRef(onNotice);
  noticeRef.current = onNotice;

  useEffect(() => {
    if (typeof window === "undefined") return;
    let disposed = false;
    const update = (patch: Partial<CollabState>) => {
      if (!disposed) setState((prev) => ({ ...prev, ...patch }));
    };

    // The conference's own document may have been opened while the page hydrated (early-session.ts).
    const early = claimEarlySession(docName);
    const doc = early?.doc ?? new Y.Doc();
    const presence: PresenceUser = { id: userId, name: userName, color: colorForUser(userId) };
    const provider = early?.provider ?? new WebsocketProvider(collabSocketUrl(), docName, doc, { connect: false, disableBc: true });
    // The first sync's state is not encoded again for this page's update listeners (decision 0052).
    if (!early) applyServerStatesAsReceived(provider);
    const awareness = provider.awareness;
    awareness.setLocalState({ ...awareness.getLocalState(), user: presence });
    const session: CollabSession = { doc, provider, awareness, user: presence };

    // ---- what the server has stored -----------------------------------
    const stored: StateVector = new Map();
    let lastUnsaved = -1;
    const recount = () => {
      const unsaved = countUnsaved(localStateVector(doc), stored);
      if (unsaved !== lastUnsaved) {
        lastUnsaved = unsaved;
        update({ unsaved });
      }
    };

    let persistence: IndexeddbPersistence | null = null;
    let saveTimer: ReturnType<typeof setTimeout> | null = null;
    const rememberStored = () => {
      if (saveTimer || !persistence) return;
      saveTimer = setTimeout(() => {
        saveTimer = null;
        const bytes = Y.encodeStateVector(stored);
        void persistence?.set(STORED_VECTOR_KEY, bytes.slice().buffer).catch(() => undefined);
      }, 500);
    };
    const learnStored = (vector: StateVector) => {
      if (mergeStateVector(stored, vector)) rememberStored();
      recount();
    };

    handleAccordMessages(provider, {
      onStored: (vector) => learnStored(Y.decodeStateVector(vector)),
      onNotice: (notice) => {
        if (notice.kind === "colour") {
          // The hub gives each person a colour no one else in the document has.
          presence.color = notice.color;
          awareness.setLocalStateField("user", { ...presence });
        }
        noticeRef.current?.(notice);
      },
    });
    early?.release();

    const onDocUpdate = (update: Uint8Array, origin: unknown) => {
      // The hub relays an update only after storing it, so whatever reaches us
      // through the socket is stored.
      // (parseUpdateMeta, not encodeStateVectorFromUpdate: the latter counts a
      // client only when the update starts at its clock 0.)
      if (origin === provider) learnStored(Y.parseUpdateMeta(update).to);
      else recount();
    };
    doc.on("update", onDocUpdate);
    // Whatever an early session's document holds came from the hub, which relays only what it stored.
    if (early) learnStored(localStateVector(doc));

    // ---- this device's copy --------------------------------------------
    const markLoaded = () =>
      update({ localLoaded: true, localContent: doc.store.clients.size > 0 });
    const leftovers = adopted ? followLeftovers(docName, userId, doc, update) : null;
    if (adopted) queueMicrotask(markLoaded);
    else {
      try {
        persistence = new IndexeddbPersistence(localStoreName(docName, userId), doc);
        const local = persistence;
        local.whenSynced
          .then(async () => {
            const saved: unknown = await local.get(STORED_VECTOR_KEY).catch(() => undefined);
            if (disposed) return;
            if (saved instanceof ArrayBuffer) learnStored(Y.decodeStateVector(new Uint8Array(saved)));
            else recount();
            markLoaded();
          })
          .catch(() => markLoaded());
      } catch {
        // IndexedDB unavailable (private window, disabled storage): live editing still works.
        persistence = null;
        queueMicrotask(markLoaded);
      }
    }

    // ---- connection ----------------------------------------------------
    let everConnected = false;
    let failed = false;
    let pauseTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshConnection = () => {
      if (!navigator.onLine) return update({ connection: "offline" });
      if (provider.wsconnected) return update({ connection: "connected" });
      update({ connection: everConnected || failed ? "reconnecting" : "connecting" });
    };
    provider.on("status", ({ status }) => {
      if (status === "connected") everConnected = true;
      refreshConnection();
    });
    provider.on("connection-close", () => {
      failed = true;
      refreshConnection();
    });
    // A socket refused before it opens (say, the session expired overnight) looks
    // like a network failure to the browser. Ask the server, at most every 10 s.
    let lastSessionCheck = 0;
    const checkSession = () => {
      if (!navigator.onLine || Date.now() - lastSessionCheck < 10_000) return;
      lastSessionCheck = Date.now();
      void fetch("/api/v1/me", { headers: { accept: "application/json" }, credentials: "same-origin" })
        .then((response) => {
          if (disposed || response.status !== 401) return;
          provider.disconnect();
          update({ ended: "session" });
        })
        .catch(() => undefined);
    };
    provider.on("connection-error", () => {
      failed = true;
      refreshConnection();
      checkSession();
    });
    provider.on("sync", (synced: boolean) => {
      if (!synced) return;
      update({ hasSynced: true });
      leftovers?.compare();
    });
    const onClosed = ({ code }: { code: number }) => {
      if (code === CloseCode.unauthenticated) return update({ ended: "session" });
      if (code === CloseCode.forbidden) return update({ ended: "access" });
      if (code === CloseCode.tooManyConnections) return update({ ended: "windows" });
      if (code === CloseCode.rateLimited) {
        pauseTimer = setTimeout(() => provider.connect(), RATE_LIMIT_PAUSE_MS);
        return refreshConnection();
      }
      update({ ended: "error" });
    };
    provider.on("closed", onClosed);

    // When the browser knows it is offline, stop trying: edits go to IndexedDB
    // and are sent when the network is back.
    const onOnline = () => {
      provider.connect();
      refreshConnection();
    };
    const onOffline = () => {
      provider.disconnect();
      refreshConnection();
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    if (early?.terminalClose) onClosed(early.terminalClose);
    else if (navigator.onLine) provider.connect();
    else provider.disconnect();

    // An early session may have synced before the page hydrated: the first render shows the live document.
    update(provider.synced ? { session, hasSynced: true } : { session });
    if (provider.synced) leftovers?.compare();
    refreshConnection();
    recount();

    return () => {
      disposed = true;
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      if (pauseTimer) clearTimeout(pauseTimer);
      if (saveTimer) {
        clearTimeout(saveTimer);
        void persistence?.set(STORED_VECTOR_KEY, Y.encodeStateVector(stored).slice().buffer).catch(() => undefined);
      }
      doc.off("update", onDocUpdate);
      leftovers?.dispose();
      awareness.setLocalState(null);
      provider.destroy();
      awareness.destroy();
      void persistence?.destroy();
      doc.destroy();
      setState(INITIAL);
    };
  }, [docName, userId, userName, adopted]);

  return state;
}

/**
 * For an adopted document: reads this device's copy into a document of its
 * own and, once the adopted state has arrived, lists what the copy holds
 * beyond it. A copy with nothing more is removed: it has served its purpose.
 * One with more is kept, unchanged, until the person removes it.
 */
function followLeftovers(docName: string, userId: string, adoptedDoc: Y.Doc, update: (patch: Partial<CollabState>) => void) {
  const local = new Y.Doc();
  let persistence: IndexeddbPersistence | null = null;
  let localRead: Promise<unknown> = Promise.resolve();
  let disposed = false;
  try {
    persistence = new IndexeddbPersistence(localStoreName(docName, userId), local);
    localRead = persistence.whenSynced.catch(() => undefined);
  } catch {
    persistence = null;
  }
  const release = () => {
    void persistence?.destroy();
    persistence = null;
    local.destroy();
  };
  const discard = async () => {
    release();
    await clearLocalCopy(docName, userId);
    if (!disposed) update({ leftovers: [], discardLeftovers: null });
  };
  return {
    compare() {
      void localRead.then(() => {
        if (disposed || local.isDestroyed) return;
        const found = leftoverChanges(adoptedDoc, local);
        if (found.length === 0) return void discard();
        release();
        update({ leftovers: found, discardLeftovers: discard });
      });
    },
    dispose() {
      disposed = true;
      release();
    },
  };
}

/** Removes this device's copy of a document (y-indexeddb keeps one IndexedDB database per name). */
function clearLocalCopy(docName: string, userId: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(localStoreName(docName, userId));
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
