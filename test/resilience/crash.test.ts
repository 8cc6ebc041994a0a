import { afterAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, loadStoredDoc, prepareScratch, scratchText, until, waitSynced, type CollabClient } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { scaled, writeSection } from "./report";

/*
 * kill -9 at a random moment while 20 clients write edits that carry unique
 * ids; then, before anyone reconnects (a client's re-upload could hide a loss),
 * read the document straight from the database: every id that any client had
 * received from another must be there. A control run with persistence
 * deliberately deferred (ACCORD_TEST_UNSAFE_DEFER_WRITES=1, a test-only fault)
 * must report losses, proving this test can see them.
 */

const ROUNDS = Number(process.env.RESILIENCE_CRASH_ROUNDS ?? scaled(5, 20));
const CONTROL_ROUNDS = scaled(2, 3);
const CLIENTS = 20;
const EDIT_EVERY_MS = 40;
const SERIES = "vn-cn-anti-smuggling";
const WRITERS = ["lan.nguyen@vnc.test", "zhang.wei@gacc.test"];

interface Round {
  received: number;
  written: number;
  stored: number;
  lost: number;
  restartMs: number;
  integrity: string;
  killAfterMs: number;
}

// Each y-websocket provider listens for the process's exit: 20 of them are expected here.
process.setMaxListeners(4 * CLIENTS);

// Each client appends "<id>;" to a run of free text in the document (an agenda item's notes, per round).
const ID = /[a-z]+-\d+-\d+-\d+/g;
const idsIn = (text: string) => text.match(ID) ?? [];
const storedIds = (dbPath: string, docName: string, item: string) => new Set(idsIn(scratchText(loadStoredDoc(dbPath, docName), item).toString()));

/** Runs `rounds` kill -9 cycles on one database; returns what each found. */
async function crashRounds(rounds: number, baseEnv: Record<string, string>, label: string): Promise<Round[]> {
  // Twenty clients share two accounts here: more sockets per person than the default allows.
  const env = { ...baseEnv, COLLAB_MAX_SOCKETS_PER_USER: String(CLIENTS + 2) };
  let server: TestServer = await startServer({ env });
  const dbPath = server.dbPath;
  const results: Round[] = [];
  for (let round = 0; round < rounds; round++) {
    const sessions = await Promise.all(WRITERS.map((email) => new HttpClient(server.url).signIn(email, DEMO_PASSWORD)));
    const { docName } = await conferenceDocName(sessions[0], SERIES, 18);
    const item = `crash-${label}-${round}`;
    await prepareScratch(server, docName, cookieHeader(sessions[0]), item);
    const clients: CollabClient[] = [];
    const received = new Set<string>();
    let written = 0;
    for (let c = 0; c < CLIENTS; c++) {
      const client = connectCollab(server, docName, { cookie: cookieHeader(sessions[c % sessions.length]) });
      clients.push(client);
    }
    await Promise.all(clients.map((c) => waitSynced(c, 20_000)));
    for (const [c, client] of clients.entries()) {
      const me = `${label}-${round}-${c}-`;
      scratchText(client.doc, item).observe((event: Y.YTextEvent, transaction: Y.Transaction) => {
        if (transaction.local) return;
        for (const part of event.delta) {
          if (typeof part.insert !== "string") continue;
          for (const id of idsIn(part.insert)) if (!id.startsWith(me)) received.add(id);
        }
      });
    }
    received.clear();

    let writing = true;
    const streams = clients.map(async (client, c) => {
      let n = 0;
      // Spread the clients over the interval so edits arrive continuously.
      await new Promise((r) => setTimeout(r, (c * EDIT_EVERY_MS) / CLIENTS));
      while (writing) {
        const text = scratchText(client.doc, item);
        text.insert(text.length, `${label}-${round}-${c}-${n++};`);
        written += 1;
        await new Promise((r) => setTimeout(r, EDIT_EVERY_MS));
      }
    });
    await until(() => received.size > 50, "edits to flow between clients", 20_000);
    const killAfterMs = 200 + Math.floor(Math.random() * 1800);
    await new Promise((r) => setTimeout(r, killAfterMs));
    await server.kill("SIGKILL");
    writing = false;
    await Promise.all(streams);
    // Snapshot of what clients had received at the moment of death; then nobody reconnects.
    const seen = new Set(received);
    for (const c of clients) c.destroy();

    const stored = storedIds(dbPath, docName, item);
    const lost = [...seen].filter((id) => !stored.has(id));
    const integrity = withDb(dbPath, (db) => db.pragma("integrity_check", { simple: true }) as string);

    const t = performance.now();
    server = await startServer({ dbPath, env });
    const health = await fetch(`${server.url}/healthz`);
    const restartMs = performance.now() - t;
    expect(health.status).toBe(200);
    results.push({ received: seen.size, written, stored: [...stored].filter((id) => id.startsWith(`${label}-${round}-`)).length, lost: lost.length, restartMs, integrity, killAfterMs });
  }
  await server.stop();
  return results;
}

const figures: [string, string | number][] = [];
const notes: string[] = [];
let sections = 0;

function summarise(label: string, rounds: Round[]) {
  const sum = (f: (r: Round) => number) => rounds.reduce((a, r) => a + f(r), 0);
  const restart = rounds.map((r) => r.restartMs);
  figures.push(
    [`${label}: rounds of kill -9`, rounds.length],
    [`${label}: clients writing`, CLIENTS],
    [`${label}: ids written / received by another client / in the database`, `${sum((r) => r.written)} / ${sum((r) => r.received)} / ${sum((r) => r.stored)}`],
    [`${label}: received ids lost`, sum((r) => r.lost)],
    [`${label}: integrity_check`, rounds.every((r) => r.integrity === "ok") ? `ok in all ${rounds.length}` : rounds.map((r) => r.integrity).join(", ")],
    [`${label}: restart to healthy (min / max)`, `${Math.min(...restart).toFixed(0)} / ${Math.max(...restart).toFixed(0)} ms`],
  );
  notes.push(`${label}: per round (kill after ms → received, lost, restart ms): ${rounds.map((r) => `${r.killAfterMs}→${r.received},${r.lost},${r.restartMs.toFixed(0)}`).join("; ")}`);
}

afterAll(() => {
  if (sections > 0) writeSection("crash", { title: "Crash (kill -9) while 20 clients write", figures, notes });
});

describe("kill -9 while 20 clients write", () => {
  it(`loses nothing any client received, over ${ROUNDS} rounds, and restarts in under 5 s`, async () => {
    const rounds = await crashRounds(ROUNDS, {}, "safe");
    summarise("write-before-broadcast (production)", rounds);
    sections += 1;
    for (const r of rounds) {
      expect(r.received).toBeGreaterThan(50);
      expect(r.lost).toBe(0);
      expect(r.integrity).toBe("ok");
      expect(r.restartMs).toBeLessThan(5000);
    }
  });

  it("sees the losses when persistence is deliberately deferred (control run)", async () => {
    const rounds = await crashRounds(CONTROL_ROUNDS, { ACCORD_TEST_UNSAFE_DEFER_WRITES: "1" }, "unsafe");
    summarise("control: writes deferred 1 s (ACCORD_TEST_UNSAFE_DEFER_WRITES=1)", rounds);
    sections += 1;
    const lost = rounds.reduce((a, r) => a + r.lost, 0);
    expect(lost, "the control run must lose edits, or this test could not see a loss").toBeGreaterThan(0);
    for (const r of rounds) expect(r.integrity).toBe("ok");
  });
});
