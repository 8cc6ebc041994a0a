import { addAgendaItem } from "../../app/collab/conference-doc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { cookieHeader, rawSocket, storedUpdateCount } from "../helpers/collab";
import type { HttpClient } from "../helpers/http";
import { redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { fingerprint, prepareMatrix, ROLES, routeFiles, signedIn, TABLE, type Ctx, type Ids, type Outcome, type Role, type Row } from "./matrix-table";
import { writeSection } from "./report";

// Every route file, command, API endpoint and socket document × every role,
// from the one table in matrix-table.ts, cell by cell.

let server: TestServer;
let ids: Ids;
let clients: Map<Role, HttpClient>;
const results: { row: string; role: Role; expected: Outcome; status: number; ok: boolean }[] = [];

beforeAll(async () => {
  // Documents stay loaded for the whole run, so no compaction lands in the middle of a refused cell.
  server = await startServer({ env: { COLLAB_IDLE_UNLOAD_MS: "600000" } });
  ({ ids, clients } = await prepareMatrix(server));
});

afterAll(() => {
  const cells = TABLE.length * ROLES.length;
  const denied = results.filter((r) => typeof r.expected === "number" || r.expected === "login").length;
  writeSection("authorisation-matrix", {
    title: "Authorisation matrix",
    figures: [
      ["route files in app/routes, all named in the table", routeFiles().length],
      ["rows (pages, commands, API endpoints, socket documents)", TABLE.length],
      ["  of which pages / commands / API / sockets", ["page", "command", "api", "socket"].map((k) => TABLE.filter((r) => r.kind === k).length).join(" / ")],
      ["roles", ROLES.length],
      ["cells in the table", cells],
      ["cells exercised", results.length],
      ["cells as expected", results.filter((r) => r.ok).length],
      ["refused cells (a refused command is also checked to write nothing)", denied],
    ],
    notes: results.filter((r) => !r.ok).map((r) => `UNEXPECTED: ${r.row} as ${r.role}: expected ${r.expected}`),
  });
});

// ---- one cell ----------------------------------------------------------------

async function httpCell(row: Row, role: Role, expected: Outcome): Promise<number> {
  const client = row.freshSession || role === "anonymous" ? await signedIn(server, role) : clients.get(role)!;
  const ctx: Ctx = { role, ids, dbPath: server.dbPath };
  const p = row.path(ctx);
  const denied = typeof expected === "number" || expected === "login";
  const before = row.method === "POST" && denied ? fingerprint(server.dbPath) : null;
  let response: Response;
  if (row.multipart) {
    response = await client.request(p, { method: "POST", body: row.multipart(ctx), headers: { origin: client.origin } });
  } else if (row.method === "POST") {
    response = await client.postForm(p, row.fields!(ctx));
  } else {
    response = await client.get(p, row.kind === "api" ? { accept: "application/json" } : {});
  }
  const body = await response.text();
  const where = `${row.label} as ${role} (${row.method ?? "GET"} ${p})`;
  switch (expected) {
    case "allow":
      expect(row.ok ?? [200], `${where}: ${body.slice(0, 300)}`).toContain(response.status);
      break;
    case "login":
      expect(response.status, where).toBe(302);
      expect(redirectPath(response, server.url), where).toMatch(/^\/login(\?|$)/);
      break;
    case "home":
      expect(response.status, where).toBe(302);
      expect(redirectPath(response, server.url), where).toBe("/");
      break;
    default:
      expect(response.status, `${where}: ${body.slice(0, 200)}`).toBe(expected);
      if (row.kind === "api") expect(response.headers.get("content-type") ?? "", where).toContain("application/json");
  }
  if (before !== null) expect(fingerprint(server.dbPath), `${where}: a refused command changed the database`).toBe(before);
  return response.status;
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sends an edit, then a sync request; the reply proves the edit was handled (messages are handled in order). */
async function probeWrite(ws: WebSocket, label: string, docName: string): Promise<void> {
  // Well-formed for the document's schema, so it goes through wherever writing is allowed:
  // an agenda item, or in a delegation's private notes, a note.
  const doc = new Y.Doc();
  if (docName.includes("/private/")) doc.getMap("notes").set(`item-${label.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 60)}`, new Y.XmlFragment());
  else addAgendaItem(doc, { title: label.slice(0, 200) });
  const update = Y.encodeStateAsUpdate(doc);
  const replied = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no sync reply within 5 s")), 5000);
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
      clearTimeout(timer);
      resolve();
    });
  });
  ws.send(syncMessage((e) => syncProtocol.writeUpdate(e, update)));
  ws.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, new Y.Doc())));
  await replied;
}

async function socketCell(row: Row, role: Role, expected: Outcome): Promise<number> {
  const docName = row.path({ role, ids, dbPath: server.dbPath });
  const cookie = role === "anonymous" ? undefined : cookieHeader(clients.get(role)!);
  const opened = await rawSocket(server, docName, { cookie });
  const where = `${row.label} as ${role} (${docName})`;
  if (expected !== "write" && expected !== "read") {
    expect(opened.status, where).toBe(expected);
    return opened.status;
  }
  expect(opened.status, where).toBe(101);
  if (!("ws" in opened)) return opened.status;
  const before = storedUpdateCount(server.dbPath, docName);
  await probeWrite(opened.ws, `${role}:${row.label}`, docName);
  opened.ws.close();
  const stored = storedUpdateCount(server.dbPath, docName) - before;
  expect(stored, `${where}: edits stored`).toBe(expected === "write" ? 1 : 0);
  return 101;
}

// ---- the run ---------------------------------------------------------------

describe("authorisation matrix", () => {
  it("names every route file in app/routes, and no file that is not there", () => {
    const mentioned = new Set(TABLE.flatMap((r) => r.files));
    const files = routeFiles();
    expect(files.filter((f) => !mentioned.has(f)), "route files missing from the matrix: add a row for each").toEqual([]);
    expect([...mentioned].filter((f) => !files.includes(f)), "rows naming files that no longer exist").toEqual([]);
    for (const row of TABLE) expect(Object.keys(row.expect).sort(), row.label).toEqual([...ROLES].sort());
  });

  // Row by row, in order: later rows build on what earlier allowed cells did (add, then remove).
  it.each(TABLE.map((row) => [row.kind, row.label, row] as const))("%s · %s", async (_kind, _label, row) => {
    for (const role of ROLES) {
      const expected = row.expect[role];
      const entry = { row: row.label, role, expected, status: 0, ok: false };
      results.push(entry);
      entry.status = row.kind === "socket" ? await socketCell(row, role, expected) : await httpCell(row, role, expected);
      entry.ok = true;
    }
  });

  it("exercised 100% of the cells", () => {
    expect(results.length).toBe(TABLE.length * ROLES.length);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});
