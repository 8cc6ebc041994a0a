import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { DocAccess } from "../../app/models/permissions.server";
import type { SessionUser } from "../../app/models/session.server";
import { TokenBucket } from "./rate-limit";

/** Sockets holding what was sent in this turn of the event loop (see CollabConnection.send). */
const corked = new Set<Duplex>();
/** True while a commit of the collaboration log is due in this turn, which sends the corked frames itself once its relays are in. */
let commitDue: () => boolean = () => false;

/**
 * Frames corked before a commit due in the same turn (acknowledgements of
 * an fsync that completed just before edits were read) wait for it, so that
 * they leave with its relays in one write per socket. `due` must only be true
 * while a call of sendCorkedFrames is certain to follow in this turn or the next.
 */
export function holdCorkedFramesWhile(due: () => boolean) {
  commitDue = due;
}

function sendCorkedFramesUnlessCommitDue() {
  if (!commitDue()) sendCorkedFrames();
}

/**
 * Sends what the sockets hold now rather than at the end of the turn: the
 * collaboration log calls it once a batch committed in the check phase has
 * been relayed, which would otherwise wait for the next turn's.
 */
export function sendCorkedFrames() {
  if (corked.size === 0) return;
  // Emptied first: whatever a write's callbacks send meanwhile is held for the next turn.
  const sockets = [...corked];
  corked.clear();
  for (const socket of sockets) socket.uncork();
}

export interface RateSettings {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

/** One browser tab (or client) on one document, and only what belongs to it. */
export class CollabConnection {
  alive = true;
  /** Awareness client ids this connection has spoken for. */
  readonly clientIds = new Set<number>();
  /** A "stored" acknowledgement is waiting for the log; another is due after it when `ackAgain`. */
  ackPending = false;
  ackAgain = false;
  /** Our sync step 1 waits until the document is built (CollabDocument.ydoc). */
  awaitsServerState = false;
  /** The colour others see this person in (ColourSlots of the document). */
  color = "";
  /** Updates that build on edits the server has not seen yet, unapplied (admission.ts). */
  waiting: Uint8Array[] = [];
  waitingBytes = 0;
  /** It sent edits while the document was frozen for adoption (dropped; sent again if adoption fails). */
  droppedWhileFrozen = false;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(
    readonly ws: WebSocket,
    readonly user: SessionUser,
    readonly sessionId: string,
    public access: Exclude<DocAccess, "none">,
    rate: RateSettings,
  ) {
    this.messages = new TokenBucket(rate.messageBurst, rate.messagesPerSecond);
    this.bytes = new TokenBucket(rate.byteBurst, rate.bytesPerSecond);
  }

  dropWaiting() {
    this.waiting = [];
    this.waitingBytes = 0;
  }

  get readOnly(): boolean {
    return this.access !== "write";
  }

  /** False when this message takes the connection over its rate. */
  admit(size: number): boolean {
    return this.messages.take(1) && this.bytes.take(size);
  }

  /**
   * Frames sent in one turn of the event loop leave in one write per socket:
   * a batch the log stored is relayed update by update, and its writers'
   * acknowledgements follow in the same turn; without this each frame to
   * each socket would be a system call of its own (the largest cost per edit
   * measured). They leave as soon as the turn's I/O callbacks are done.
   */
  send(message: Uint8Array) {
    if (this.ws.readyState !== this.ws.OPEN) return;
    // ws keeps its socket to itself; without one (never seen) frames simply leave one by one.
    const socket = (this.ws as unknown as { _socket?: Duplex })._socket;
    if (socket && !corked.has(socket)) {
      socket.cork();
      corked.add(socket);
      if (corked.size === 1) setImmediate(sendCorkedFramesUnlessCommitDue);
    }
    this.ws.send(message);
  }
}
