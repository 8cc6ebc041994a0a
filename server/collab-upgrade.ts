import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

export const COLLAB_PATH_PREFIX = "/collab/";

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Routes WebSocket upgrades. Only /collab/<docName> is a WebSocket endpoint;
 * until the collaboration hub is attached, it answers 404 like any other path.
 */
export function handleUpgrade(req: IncomingMessage, socket: Duplex) {
  const path = (req.url ?? "").split("?")[0];
  if (!path.startsWith(COLLAB_PATH_PREFIX)) return refuse(socket, 404, "Not Found");
  refuse(socket, 404, "Not Found");
}
