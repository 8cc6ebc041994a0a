import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { parseNotice, type CollabNotice } from "../../app/collab/collab-notices";
import { withDb } from "./db";
import type { HttpClient } from "./http";
import type { TestServer } from "./server";

export const DEMO_PASSWORD = "accord-demo-2026";

/** The Cookie header of a signed-in client. */
export function cookieHeader(client: HttpClient): string {
  return [...client.jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closeCodes: number[];
  /** How many "stored" acknowledgements the hub sent this client. */
  readonly acks: number;
  /** Called with each "stored" acknowledgement's state vector as it arrives. */
  onAck: ((stored: Map<number, number>) => void) | null;
  /**
   * Resolves once the hub has acknowledged storing every edit this client holds
   * so far. Counting acknowledgements is not enough: the first one may answer
   * the empty sync step 2 sent on connecting, before an edit arrives.
   */
  waitStored(label?: string): Promise<void>;
  /** Notices the hub sent (its colour for this client, conference status changes). */
  notices: CollabNotice[];
  destroy(): void;
}

// In Node each WebsocketProvider listens for the process's "exit" (to say goodbye
// to its peers); tests open dozens of them, which is not a leak.
process.setMaxListeners(Math.max(process.getMaxListeners(), 200));

/** A real y-websocket client in Node, with the session cookie and an Origin, as a browser would send. */
export function connectCollab(
  server: TestServer,
  docName: string,
  options: { cookie: string; origin?: string; connect?: boolean },
): CollabClient {
  const doc = new Y.Doc();
  const headers = { cookie: options.cookie, origin: options.origin ?? server.url };
  class NodeSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, docName, doc, {
    WebSocketPolyfill: NodeSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    // Tests reconnect on their own schedule.
    maxBackoffTime: 200,
  });
  // The hub's "stored" acknowledgement (type 100): counted here, used by browsers to show unsaved changes.
  let acks = 0;
  let stored = new Map<number, number>();
  provider.messageHandlers[100] = (_encoder: unknown, decoder: decoding.Decoder) => {
    acks += 1;
    stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    client.onAck?.(stored);
  };
  // The hub's notices (type 101): lifecycle and colour.
  const notices: CollabNotice[] = [];
  provider.messageHandlers[101] = (_encoder: unknown, decoder: decoding.Decoder) => {
    const notice = parseNotice(decoding.readVarString(decoder));
    if (notice) notices.push(notice);
  };
  const closeCodes: number[] = [];
  provider.on("connection-close", (event: { code: number } | null) => {
    if (event) closeCodes.push(event.code);
  });
  const client: CollabClient = {
    doc,
    provider,
    closeCodes,
    notices,
    onAck: null,
    get acks() {
      return acks;
    },
    async waitStored(label = "the edits to be stored") {
      // Everything this copy holds, its own edits and any it passes on for others.
      const held = Y.decodeStateVector(Y.encodeStateVector(doc));
      await until(() => [...held].every(([client, clock]) => (stored.get(client) ?? 0) >= clock), label);
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  return client;
}

export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function waitSynced(client: CollabClient, timeoutMs = 10_000) {
  return until(() => client.provider.synced, "the first sync", timeoutMs);
}

/** Opens a raw socket (no Yjs client) and resolves once it is open, or with the refusal status. */
export function rawSocket(
  server: TestServer,
  docName: string,
  options: { cookie?: string; origin?: string | null },
): Promise<{ ws: WebSocket; status: 101 } | { status: number }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.origin !== null) headers.origin = options.origin ?? server.url;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${docName}`, { headers, maxPayload: 64 * 1024 * 1024 });
    ws.once("open", () => resolve({ ws, status: 101 }));
    ws.once("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once("error", () => resolve({ status: 0 }));
  });
}

/** Rebuilds a document straight from the database, as the server would load it. */
export function loadStoredDoc(dbPath: string, docName: string): Y.Doc {
  const doc = new Y.Doc();
  withDb(dbPath, (db) => {
    const snapshot = db.prepare("SELECT data, last_update_id FROM collab_snapshots WHERE doc_name = ?").get(docName) as
      | { data: Buffer; last_update_id: number }
      | undefined;
    if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.data));
    // Every row left: compaction deletes what it folded (on PostgreSQL a row below the snapshot's last id may come later).
    const rows = db.prepare("SELECT data FROM collab_updates WHERE doc_name = ? ORDER BY id").all(docName) as { data: Buffer }[];
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
  });
  return doc;
}

export function storedUpdateCount(dbPath: string, docName: string): number {
  return withDb(dbPath, (db) => (db.prepare("SELECT count(*) AS n FROM collab_updates WHERE doc_name = ?").get(docName) as { n: number }).n);
}

/** The doc name of a demo conference, by series and number, through the API. */
export async function conferenceDocName(client: HttpClient, slug: string, number: number): Promise<{ id: number; docName: string }> {
  const { body } = await client.getJson<{ conferences: { id: number; number: number; docName: string }[] }>(`/api/v1/series/${slug}`);
  const found = body.conferences.find((c) => c.number === number);
  if (!found) throw new Error(`no conference ${number} in ${slug}`);
  return { id: found.id, docName: found.docName };
}

/** Id of the agenda item tests write free text into (see prepareScratch). */
export const SCRATCH_ITEM = "test-scratch";

/**
 * The hub only takes edits that fit the conference document's schema, so
 * tests that need a long run of free text write into the notes of an agenda
 * item of their own. One client makes it, before the others connect, so that
 * every client writes into the same run.
 */
export async function prepareScratch(server: TestServer, docName: string, cookie: string, itemId = SCRATCH_ITEM): Promise<void> {
  const client = connectCollab(server, docName, { cookie });
  try {
    await waitSynced(client);
    const agenda = client.doc.getMap("agenda");
    if (agenda.has(itemId)) return;
    client.doc.transact(() => {
      const item = new Y.Map<unknown>();
      item.set("title", new Y.Text("Scratch"));
      item.set("kind", "other");
      item.set("position", "zzzz");
      const notes = new Y.XmlFragment();
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("")]);
      notes.insert(0, [paragraph]);
      item.set("notes", notes);
      item.set("outcome", new Y.XmlFragment());
      agenda.set(itemId, item);
    });
    await client.waitStored("the scratch item to be stored");
  } finally {
    client.destroy();
  }
}

/** The free-text run made by prepareScratch, in any copy of the document. */
export function scratchText(doc: Y.Doc, itemId = SCRATCH_ITEM): Y.XmlText {
  const item = doc.getMap("agenda").get(itemId) as Y.Map<unknown> | undefined;
  const paragraph = (item?.get("notes") as Y.XmlFragment | undefined)?.get(0);
  const run = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(run instanceof Y.XmlText)) throw new Error("no scratch text: call prepareScratch first");
  return run;
}
