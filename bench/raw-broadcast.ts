/**
 * The floor: raw `ws` broadcast. Every binary message a socket sends is sent,
 * byte for byte, to every other socket on the same URL path. No Yjs at all.
 *
 * Prints one JSON line {"listening": port} on stdout once it listens.
 */
import { WebSocketServer, type RawData, type WebSocket } from "ws";

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0), perMessageDeflate: false });

wss.on("connection", (ws, req) => {
  const name = (req.url ?? "/").split("?")[0];
  let room = rooms.get(name);
  if (!room) {
    room = new Set();
    rooms.set(name, room);
  }
  const peers = room;
  peers.add(ws);
  ws.on("message", (data: RawData) => {
    for (const other of peers) if (other !== ws && other.readyState === other.OPEN) other.send(data as Buffer);
  });
  ws.on("error", () => ws.terminate());
  ws.on("close", () => {
    peers.delete(ws);
    if (peers.size === 0) rooms.delete(name);
  });
});

wss.on("listening", () => {
  const address = wss.address();
  console.log(JSON.stringify({ listening: typeof address === "object" && address ? address.port : 0 }));
});

process.on("SIGTERM", () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
});
