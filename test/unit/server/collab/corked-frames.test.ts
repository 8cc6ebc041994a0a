import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { CollabConnection, holdCorkedFramesWhile, sendCorkedFrames } from "../../../../server/collab/connection";

const RATE = { messagesPerSecond: 1000, messageBurst: 1000, bytesPerSecond: 1 << 20, byteBurst: 1 << 20 };
const USER = { id: "u1", email: "u1@test", name: "U1", role: "member", agencyId: null } as never;

/** A connection over a socket that records each write it lets through (one per uncork). */
function connection() {
  const socket = new PassThrough();
  const writes: string[] = [];
  let pending: string[] = [];
  const ws = {
    OPEN: 1,
    readyState: 1,
    _socket: socket,
    send(message: Uint8Array) {
      pending.push(Buffer.from(message).toString());
      if (socket.writableCorked === 0) flush();
    },
  };
  const flush = () => {
    if (pending.length > 0) writes.push(pending.join("+"));
    pending = [];
  };
  const uncork = socket.uncork.bind(socket);
  socket.uncork = () => {
    uncork();
    if (socket.writableCorked === 0) flush();
  };
  const conn = new CollabConnection(ws as unknown as WebSocket, USER, "s1", "write", RATE);
  return { conn, writes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => holdCorkedFramesWhile(() => false));

describe("frames sent in one turn", () => {
  it("leave together at the end of the turn", async () => {
    const { conn, writes } = connection();
    conn.send(Buffer.from("a"));
    conn.send(Buffer.from("b"));
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(["a+b"]);
  });

  it("wait for a commit due in the same turn, and leave with what it sends", async () => {
    const { conn, writes } = connection();
    let due = true;
    holdCorkedFramesWhile(() => due);
    conn.send(Buffer.from("ack"));
    await nextTurn();
    // Held: the commit due in this turn sends them with its relays.
    expect(writes).toEqual([]);
    conn.send(Buffer.from("relay"));
    due = false;
    sendCorkedFrames();
    expect(writes).toEqual(["ack+relay"]);
  });
});
