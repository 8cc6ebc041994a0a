import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { agendaOf } from "../../app/collab/conference-doc";

/**
 * Lean clients of the y-websocket protocol, cheap enough that many of them in
 * one process measure the server rather than themselves.
 *
 * "yjs": the y-websocket handshake (each side sends sync step 1 and answers
 * the other's with step 2), then updates. "raw": no handshake, for the raw
 * broadcast floor, which has no Yjs.
 */
export type Protocol = "yjs" | "raw";

const MESSAGE_SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

/** Sync step 1 of an empty document, and step 2 answering with nothing. */
const EMPTY_STEP1 = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, new Y.Doc());
  return encoding.toUint8Array(e);
})();
const EMPTY_STEP2 = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(e, new Y.Doc());
  return encoding.toUint8Array(e);
})();

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export interface SocketTarget {
  /** ws://127.0.0.1:<port>/<path> */
  url: string;
  headers: Record<string, string>;
}

/** Opens a socket and resolves once it is open; rejects on refusal. */
export function openSocket(target: SocketTarget): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(target.url, { headers: target.headers, perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => {
      ws.terminate();
      reject(new Error(`${target.url} refused the upgrade with ${String(res.statusCode)}`));
    });
    ws.once("error", reject);
  });
}

export function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => ws.terminate(), 2000);
    ws.once("close", () => {
      clearTimeout(force);
      resolve();
    });
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
  });
}

/**
 * A reader that never builds a document: it does the handshake, then hands
 * each sync update message (raw bytes) and its arrival time to `onUpdate`.
 * The arrival time is taken first thing in the message handler.
 */
export class LeanReader {
  synced: boolean;
  /** When sync step 2 arrived (performance.now()). */
  syncedAt = NaN;
  private waiters: (() => void)[] = [];

  constructor(
    readonly ws: WebSocket,
    readonly protocol: Protocol,
    private readonly onUpdate: (data: Buffer, at: number) => void = () => {},
  ) {
    this.synced = protocol === "raw";
    ws.on("message", (data: Buffer) => {
      const at = performance.now();
      if (data[0] !== MESSAGE_SYNC) return;
      if (data[1] === UPDATE || protocol === "raw") {
        this.onUpdate(data, at);
      } else if (data[1] === STEP2) {
        this.synced = true;
        this.syncedAt = at;
        for (const w of this.waiters.splice(0)) w();
      } else if (data[1] === STEP1) {
        ws.send(EMPTY_STEP2);
      }
    });
    if (protocol === "yjs") ws.send(EMPTY_STEP1);
  }

  static async connect(target: SocketTarget, protocol: Protocol, onUpdate?: (data: Buffer, at: number) => void) {
    const reader = new LeanReader(await openSocket(target), protocol, onUpdate);
    await reader.whenSynced();
    return reader;
  }

  whenSynced(timeoutMs = 60_000): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("a reader did not sync")), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close() {
    return closeSocket(this.ws);
  }
}

/**
 * A writer with a real Y.Doc, kept in sync with the server; its own changes
 * are sent as they happen. With `deferRemote`, updates from others that arrive
 * after the first sync are kept, not applied, until `applyDeferred()`: the
 * client's integration work then does not compete with the server's for the
 * CPU while a benchmark runs, and convergence is still checked at the end.
 */
export class LeanWriter {
  synced = false;
  private waiters: (() => void)[] = [];
  private readonly deferred: Uint8Array[] = [];

  constructor(
    readonly ws: WebSocket,
    readonly doc: Y.Doc,
    readonly protocol: Protocol,
    readonly deferRemote = false,
  ) {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== this && ws.readyState === ws.OPEN) ws.send(syncUpdateMessage(update));
    });
    if (protocol === "raw") {
      this.markSynced();
      return;
    }
    ws.on("message", (data: Buffer) => {
      if (data[0] !== MESSAGE_SYNC) return;
      if (this.deferRemote && this.synced && data[1] === UPDATE) {
        this.deferred.push(data);
        return;
      }
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      decoding.readVarUint(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const step = syncProtocol.readSyncMessage(decoder, encoder, doc, this);
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
      if (step === syncProtocol.messageYjsSyncStep2) this.markSynced();
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
    ws.send(encoding.toUint8Array(encoder));
  }

  private markSynced() {
    this.synced = true;
    for (const w of this.waiters.splice(0)) w();
  }

  static async connect(target: SocketTarget, doc: Y.Doc, protocol: Protocol, deferRemote = false) {
    const writer = new LeanWriter(await openSocket(target), doc, protocol, deferRemote);
    await writer.whenSynced();
    return writer;
  }

  /** How many remote updates wait to be applied. */
  get deferredCount(): number {
    return this.deferred.length;
  }

  /** Applies the kept remote updates in arrival order, in one transaction. */
  applyDeferred() {
    const kept = this.deferred.splice(0);
    this.doc.transact(() => {
      for (const data of kept) {
        const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), this);
      }
    }, this);
  }

  whenSynced(timeoutMs = 60_000): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the writer did not sync")), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close() {
    return closeSocket(this.ws);
  }
}

/**
 * Replaces its own marker in one agenda item's title: delete the previous
 * marker, append the new one, in one transaction (one update). The title
 * stays the same length however many edits are made.
 */
export class MarkerEditor {
  private previous = "";

  constructor(
    readonly doc: Y.Doc,
    readonly itemId: string,
  ) {}

  private get title(): Y.Text {
    const item = agendaOf(this.doc).get(this.itemId);
    const title = item?.get("title");
    if (!(title instanceof Y.Text)) throw new Error(`agenda item ${this.itemId} has no Y.Text title`);
    return title;
  }

  edit(marker: string) {
    const title = this.title;
    this.doc.transact(() => {
      if (this.previous) {
        const at = title.toString().indexOf(this.previous);
        if (at >= 0) title.delete(at, this.previous.length);
      }
      title.insert(title.length, marker);
    });
    this.previous = marker;
  }
}

/** Agenda item ids of a conference document, in agenda order. */
export function agendaItemIds(doc: Y.Doc): string[] {
  const agenda = agendaOf(doc);
  return [...agenda.entries()]
    .map(([id, item]) => ({ id, position: String(item.get("position") ?? "") }))
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1))
    .map((e) => e.id);
}

/** Reads the decimal number written at `index` in a buffer; returns it and where it ends. */
export function readNumberAt(data: Buffer, index: number): { value: number; end: number } {
  let value = 0;
  let i = index;
  while (i < data.length && data[i] >= 48 && data[i] <= 57) {
    value = value * 10 + (data[i] - 48);
    i += 1;
  }
  return { value, end: i };
}
