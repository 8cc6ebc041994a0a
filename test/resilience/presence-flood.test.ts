import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { conferenceDocName, cookieHeader, DEMO_PASSWORD, rawSocket } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { scaled, writeSection } from "./report";

// Every member of a series opens as many sockets on one conference as it may
// and claims presence for as many client ids as it can, with the largest
// states. What a newcomer is sent stays bounded, and the hub keeps answering
// everyone else. (Today's limits: config.ts; 300 sockets from one observer
// and 28,000 presence entries were accepted before them.)

const SERIES = "vn-cn-anti-smuggling";
const PEOPLE = ["lan.nguyen@vnc.test", "zhang.wei@gacc.test", "minh.tran@vnc.test", "li.na@gacc.test", "hung.pham@vnc.test"];
const SOCKETS_EACH = scaled(12, 30);
/** Someone who opens the document after the flood (every flooder is at its socket limit). */
const NEWCOMER = "admin@accord.test";
const IDS_PER_MESSAGE = 64;
const ROUNDS = scaled(3, 10);

let server: TestServer;
let docName: string;
const cookies = new Map<string, string>();
const open: WebSocket[] = [];

beforeAll(async () => {
  server = await startServer();
  for (const email of [...PEOPLE, NEWCOMER]) cookies.set(email, cookieHeader(await new HttpClient(server.url).signIn(email, DEMO_PASSWORD)));
  ({ docName } = await conferenceDocName(await new HttpClient(server.url).signIn(PEOPLE[0], DEMO_PASSWORD), SERIES, 18));
});

afterAll(async () => {
  for (const ws of open) ws.terminate();
  await server?.stop();
});

function flood(firstId: number): Buffer {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, IDS_PER_MESSAGE);
  for (let i = 0; i < IDS_PER_MESSAGE; i++) {
    encoding.writeVarUint(update, firstId + i);
    encoding.writeVarUint(update, 1 + i);
    encoding.writeVarString(update, JSON.stringify({ user: { name: "flood" }, cursor: "x".repeat(900) }));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return Buffer.from(encoding.toUint8Array(message));
}

/** A newcomer's first awareness message from the hub: how many states and bytes it is sent. */
async function newcomerPresence(): Promise<{ bytes: number; states: number; ms: number }> {
  const started = performance.now();
  const opened = await rawSocket(server, docName, { cookie: cookies.get(NEWCOMER) });
  if (!("ws" in opened)) throw new Error(`refused with ${opened.status}`);
  const ws = opened.ws;
  // Ask for everyone's presence, as y-websocket does on connecting.
  ws.send(Buffer.from([3]));
  const result = await new Promise<{ bytes: number; states: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no presence within 5 s")), 5000);
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 1) return;
      const update = decoding.readVarUint8Array(decoder);
      clearTimeout(timer);
      resolve({ bytes: data.byteLength, states: decoding.readVarUint(decoding.createDecoder(update)) });
    });
  });
  ws.close();
  return { ...result, ms: performance.now() - started };
}

describe("a presence flood from every member", () => {
  it("keeps what a newcomer is sent bounded and the hub answering", async () => {
    let accepted = 0;
    let refused = 0;
    let nextId = 1;
    for (const email of PEOPLE) {
      for (let i = 0; i < SOCKETS_EACH; i++) {
        const opened = await rawSocket(server, docName, { cookie: cookies.get(email) });
        if (!("ws" in opened)) continue;
        const ws = opened.ws;
        const closed = await new Promise<number | null>((resolve) => {
          ws.once("close", (code) => resolve(code));
          setTimeout(() => resolve(null), 150);
        });
        if (closed === 4409) {
          refused += 1;
          continue;
        }
        accepted += 1;
        open.push(ws);
      }
    }
    let health = 0;
    let healthWorst = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const ws of open) {
        if (ws.readyState === ws.OPEN) ws.send(flood(nextId));
        nextId += IDS_PER_MESSAGE;
      }
      const t = performance.now();
      const response = await fetch(`${server.url}/healthz`);
      healthWorst = Math.max(healthWorst, performance.now() - t);
      if (response.status === 200) health += 1;
    }
    await new Promise((r) => setTimeout(r, 500));
    const newcomer = await newcomerPresence();

    writeSection("presence-flood", {
      title: "Presence flood",
      figures: [
        ["members flooding / sockets each tried", `${PEOPLE.length} / ${SOCKETS_EACH}`],
        ["sockets accepted / refused (4409)", `${accepted} / ${refused}`],
        ["presence states claimed", (nextId - 1).toLocaleString("en")],
        ["states a newcomer is sent / bytes / time to get them", `${newcomer.states} / ${newcomer.bytes.toLocaleString("en")} / ${newcomer.ms.toFixed(0)} ms`],
        ["health checks answered 200 during the flood / worst", `${health} of ${ROUNDS} / ${healthWorst.toFixed(0)} ms`],
      ],
    });

    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(PEOPLE.length * 10);
    expect(newcomer.states).toBeLessThanOrEqual(200 + 1);
    expect(newcomer.bytes).toBeLessThan(1024 * 1024);
    expect(health).toBe(ROUNDS);
  });
});
