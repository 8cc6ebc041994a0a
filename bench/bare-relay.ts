/**
 * The baseline: a bare y-websocket relay, shaped like the reference server
 * (y-websocket's bin/utils): one Y.Doc and Awareness per room (the URL path),
 * sync step 1/2 and updates through y-protocols, awareness relayed, a ping
 * every 30 s. No authentication, no persistence, no limits. Unlike the
 * reference it does not echo an update to the socket it came from, which is
 * what Accord's hub does too, so both do the same fan-out work.
 *
 * Prints one JSON line {"listening": port} on stdout once it listens.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

interface Room {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  /** Each socket and the awareness client ids it spoke for. */
  conns: Map<WebSocket, Set<number>>;
}

const rooms = new Map<string, Room>();

function send(ws: WebSocket, message: Uint8Array) {
  if (ws.readyState === ws.OPEN) ws.send(message);
}

function getRoom(name: string): Room {
  const existing = rooms.get(name);
  if (existing) return existing;
  const doc = new Y.Doc({ gc: true });
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const created: Room = { name, doc, awareness, conns: new Map() };
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const ws of created.conns.keys()) if (ws !== origin) send(ws, message);
  });
  awareness.on(
    "update",
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const owned = created.conns.get(origin as WebSocket);
      if (owned) {
        for (const id of added) owned.add(id);
        for (const id of removed) owned.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      const message = encoding.toUint8Array(encoder);
      for (const ws of created.conns.keys()) send(ws, message);
    },
  );
  rooms.set(name, created);
  return created;
}

function onMessage(room: Room, ws: WebSocket, raw: RawData) {
  const data = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const encoder = encoding.createEncoder();
    switch (decoding.readVarUint(decoder)) {
      case MESSAGE_SYNC:
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, room.doc, ws);
        if (encoding.length(encoder) > 1) send(ws, encoding.toUint8Array(encoder));
        break;
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), ws);
        break;
      case MESSAGE_QUERY_AWARENESS:
        encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]));
        send(ws, encoding.toUint8Array(encoder));
        break;
    }
  } catch (error) {
    console.error(error);
  }
}

function onClose(room: Room, ws: WebSocket) {
  const owned = room.conns.get(ws);
  if (!owned) return;
  room.conns.delete(ws);
  awarenessProtocol.removeAwarenessStates(room.awareness, [...owned], null);
  if (room.conns.size === 0) {
    // Nothing is persisted: an empty room is dropped, as the reference server does.
    rooms.delete(room.name);
    room.awareness.destroy();
    room.doc.destroy();
  }
}

const alive = new WeakMap<WebSocket, boolean>();
const wss = new WebSocketServer({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0), perMessageDeflate: false });

wss.on("connection", (ws, req) => {
  const room = getRoom((req.url ?? "/").split("?")[0]);
  room.conns.set(ws, new Set());
  alive.set(ws, true);
  ws.on("message", (data) => onMessage(room, ws, data));
  ws.on("pong", () => alive.set(ws, true));
  ws.on("error", () => ws.terminate());
  ws.on("close", () => onClose(room, ws));

  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, room.doc);
  send(ws, encoding.toUint8Array(encoder));
  const states = [...room.awareness.getStates().keys()];
  if (states.length > 0) {
    const aw = encoding.createEncoder();
    encoding.writeVarUint(aw, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states));
    send(ws, encoding.toUint8Array(aw));
  }
});

setInterval(() => {
  for (const ws of wss.clients) {
    if (!alive.get(ws)) {
      ws.terminate();
      continue;
    }
    alive.set(ws, false);
    ws.ping();
  }
}, 30_000).unref();

wss.on("listening", () => {
  const address = wss.address();
  console.log(JSON.stringify({ listening: typeof address === "object" && address ? address.port : 0 }));
});

process.on("SIGTERM", () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
});
