import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, rawSocket, until, waitSynced, type CollabClient } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// What one client can make the hub hold in presence, and how many sockets one
// person can open on a document. Small limits here; the defaults are in config.ts.
const MAX_PRESENCE = 6;
const MAX_SOCKETS = 3;

let server: TestServer;
let lan: HttpClient;
let zhang: HttpClient;
let hung: HttpClient;
let docName: string;
const clients: CollabClient[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_MAX_PRESENCE: String(MAX_PRESENCE), COLLAB_MAX_SOCKETS_PER_USER: String(MAX_SOCKETS) } });
  lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
  zhang = await new HttpClient(server.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
  hung = await new HttpClient(server.url).signIn("hung.pham@vnc.test", DEMO_PASSWORD);
  ({ docName } = await conferenceDocName(lan, "vn-cn-anti-smuggling", 18));
});

afterAll(() => {
  for (const c of clients) c.destroy();
  for (const ws of sockets) ws.close();
});

/** An awareness message claiming presence for many client ids at once. */
function awarenessFlood(firstId: number, count: number, stateBytes = 40): Buffer {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(update, firstId + i);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, JSON.stringify({ user: { name: "flood" }, pad: "x".repeat(stateBytes) }));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return Buffer.from(encoding.toUint8Array(message));
}

async function openRaw(client: HttpClient): Promise<WebSocket> {
  const opened = await rawSocket(server, docName, { cookie: cookieHeader(client) });
  if (!("ws" in opened)) throw new Error(`refused with ${opened.status}`);
  sockets.push(opened.ws);
  return opened.ws;
}

describe("presence a client can make the hub hold", () => {
  it("takes at most a few client ids from one connection, and drops oversized states", async () => {
    const watcher = connectCollab(server, docName, { cookie: cookieHeader(zhang) });
    clients.push(watcher);
    await waitSynced(watcher);
    const ws = await openRaw(lan);
    ws.send(awarenessFlood(1_000, 10));
    ws.send(awarenessFlood(2_000, 1, 8 * 1024));
    await until(() => [...watcher.provider.awareness.getStates().keys()].some((id) => id >= 1_000 && id < 1_010), "presence to reach the watcher");
    await new Promise((r) => setTimeout(r, 300));
    const ids = [...watcher.provider.awareness.getStates().keys()];
    expect(ids.filter((id) => id >= 1_000 && id < 1_010).length).toBe(4);
    expect(ids.includes(2_000)).toBe(false);
    ws.close();
  });

  it("holds at most the document's limit of presence states, whoever sends them", async () => {
    const watcher = connectCollab(server, docName, { cookie: cookieHeader(zhang) });
    clients.push(watcher);
    await waitSynced(watcher);
    const flooders = [await openRaw(lan), await openRaw(lan)];
    flooders[0].send(awarenessFlood(10_000, 4));
    flooders[1].send(awarenessFlood(20_000, 4));
    await until(() => watcher.provider.awareness.getStates().size >= MAX_PRESENCE, "presence to fill up");
    await new Promise((r) => setTimeout(r, 300));
    // The watcher's own state is held locally too; the hub relayed no more than its limit.
    const flood = [...watcher.provider.awareness.getStates().keys()].filter((id) => id >= 10_000 && id < 30_000);
    // Eight asked for, from two connections within their own limit of four; the document takes six in all.
    expect(flood.length).toBeLessThanOrEqual(MAX_PRESENCE);
    expect(flood.length).toBeGreaterThanOrEqual(4);
    for (const ws of flooders) ws.close();
  });
});

describe("sockets one person may open on a document", () => {
  it("refuses one more than allowed with 4409, and keeps the others", async () => {
    const mine = [];
    for (let i = 0; i < MAX_SOCKETS; i++) mine.push(await openRaw(hung));
    const extra = await openRaw(hung);
    const code = await new Promise<number>((resolve) => extra.once("close", (c) => resolve(c)));
    expect(code).toBe(4409);
    expect(mine.every((ws) => ws.readyState === ws.OPEN)).toBe(true);
    // Someone else is not affected.
    const other = connectCollab(server, docName, { cookie: cookieHeader(lan) });
    clients.push(other);
    await waitSynced(other);
    for (const ws of mine) ws.close();
  });
});
