import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { DocAccess } from "../../app/models/permissions.server";
import type { SessionUser } from "../../app/models/session.server";
import { TokenBucket } from "./rate-limit";

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
  /** Its socket holds what is sent until the current task ends (see send). */
  private corked = false;
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
   * Frames sent in one task leave in one write: a batch the log stored is
   * relayed update by update, and without this each frame to each socket
   * would be a system call of its own (the largest cost per edit measured).
   */
  send(message: Uint8Array) {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (!this.corked) {
      // ws keeps its socket to itself; without one (never seen) frames simply leave one by one.
      const socket = (this.ws as unknown as { _socket?: Duplex })._socket;
      if (socket) {
        this.corked = true;
        socket.cork();
        queueMicrotask(() => {
          this.corked = false;
          socket.uncork();
        });
      }
    }
    this.ws.send(message);
  }
}
