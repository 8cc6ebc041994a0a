import { readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vi } from "../../app/i18n/catalogs/vi";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { pdfBytes } from "../helpers/pdf";
import { prepareMatrix, TABLE, type Ids, type Role, type Row } from "./matrix-table";
import { writeSection } from "./report";

/*
 * Uploads that must be refused without a trace on disk (beyond what
 * agreements.test.ts covers: disguised types, streaming over the limit, extra
 * parts and files, truncated bodies, hostile names, uploads by those who may
 * not), and errors that must read as a clear message, never a stack trace.
 */

const MAX_MB = 1;
const figures: [string, string | number][] = [];

let server: TestServer;
let ids: Ids;
let clients: Map<Role, HttpClient>;
let root: string;

beforeAll(async () => {
  server = await startServer({ env: { ACCORD_MAX_DOCUMENT_MB: String(MAX_MB), COLLAB_IDLE_UNLOAD_MS: "600000" } });
  root = path.dirname(server.dbPath);
  ({ ids, clients } = await prepareMatrix(server));
});

afterAll(() => {
  writeSection("uploads-and-errors", { title: "Uploads and error pages", figures });
});

/** Every file under the server's data folder (database files aside: SQLite changes them), with sizes. */
function tree(dir = root): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (dir === root && name.startsWith("accord.db")) continue;
    const stat = statSync(full);
    if (stat.isDirectory()) Object.assign(out, tree(full));
    else out[path.relative(root, full)] = stat.size;
  }
  return out;
}

const agreementPath = () => `/series/vn-cn-anti-smuggling/agreements/${ids.agreement}`;
const documentRow = () => withDb(server.dbPath, (db) => db.prepare("SELECT document_file, document_name, document_size FROM agreements WHERE id = ?").get(ids.agreement));

function uploadForm(parts: [string, string | { bytes: Uint8Array<ArrayBuffer>; name: string; type?: string }][]): FormData {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, new Blob([value.bytes], { type: value.type ?? "application/pdf" }), value.name);
  }
  return form;
}

// ---- stack traces ---------------------------------------------------------------

const STACK = [/\n\s+at\s/, /\bat [\w$.<>]+ \(/, /\/work\/|\/home\/|node_modules|build\/index\.js|build\/server/, /\.(tsx?|mjs|cjs|js):\d+:\d+/, /\b(TypeError|ReferenceError|SyntaxError|ZodError|SqliteError|RangeError)\b/];

function expectNoStack(body: string, what: string) {
  for (const pattern of STACK) expect(body, `${what}: matches ${pattern}`).not.toMatch(pattern);
}

/** An HTML error must say what happened in words: the error card, a form message or a field's error. */
function isClearHtml(status: number, body: string): boolean {
  if (status < 400) return true;
  return body.includes('role="alert"') || body.includes("field-error") || /^Forbidden: /.test(body);
}

function expectClearHtml(status: number, body: string, what: string) {
  expect(isClearHtml(status, body), `${what}: ${status} without a visible message:\n${body.slice(0, 300)}`).toBe(true);
}

describe("uploads that must leave no trace", () => {
  it("refuses disguised, oversized, multi-file and oversized-field uploads", async () => {
    const lan = clients.get("secretariat")!;
    const before = tree();
    const recorded = documentRow();
    const pdf = pdfBytes("ok");
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set(pdf);
    const cases: [string, FormData, string][] = [
      ["a ZIP named .pdf", uploadForm([["intent", "upload"], ["document", { bytes: new Uint8Array([0x50, 0x4b, 3, 4, ...pdf.slice(4)]), name: "mou.pdf" }]]), vi.errors.documentNotPdf],
      ["an executable named .pdf", uploadForm([["intent", "upload"], ["document", { bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, ...pdf]), name: "mou.pdf", type: "application/x-msdownload" }]]), vi.errors.documentNotPdf],
      ["5 MB when 1 MB is allowed", uploadForm([["intent", "upload"], ["document", { bytes: big, name: "big.pdf" }]]), vi.errors.documentTooLarge.replace("{{max}}", String(MAX_MB))],
      ["two files in the document field", uploadForm([["intent", "upload"], ["document", { bytes: pdf, name: "a.pdf" }], ["document", { bytes: pdf, name: "b.pdf" }]]), ""],
      ["a file in another field", uploadForm([["intent", "upload"], ["other", { bytes: pdf, name: "a.pdf" }], ["document", { bytes: pdf, name: "b.pdf" }]]), ""],
      ["a 100 KB text field", uploadForm([["intent", "upload"], ["note", "x".repeat(100 * 1024)], ["document", { bytes: pdf, name: "a.pdf" }]]), ""],
      ["40 parts", uploadForm([["intent", "upload"], ...Array.from({ length: 40 }, (_, i): [string, string] => [`f${i}`, "x"]), ["document", { bytes: pdf, name: "a.pdf" }]]), ""],
    ];
    let reset = 0;
    for (const [what, form, message] of cases) {
      let response: Response;
      try {
        response = await lan.request(agreementPath(), { method: "POST", body: form, headers: { origin: lan.origin } });
      } catch (error) {
        // The server stops reading at the first byte over the limit; the client may see the reset first.
        expect(String((error as { cause?: unknown }).cause), what).toMatch(/ECONNRESET|EPIPE|other side closed/);
        expect(tree(), what).toEqual(before);
        reset += 1;
        continue;
      }
      const body = await response.text();
      expect(response.status, what).toBe(400);
      if (message) expect(body, what).toContain(message);
      // Refused before the whole body was read: the connection must not be kept for the next request.
      if (message !== vi.errors.documentNotPdf) expect(response.headers.get("connection"), what).toBe("close");
      expectNoStack(body, what);
      expect(tree(), what).toEqual(before);
    }
    expect(reset, "only the oversized upload may be cut off").toBeLessThanOrEqual(1);
    expect(documentRow()).toEqual(recorded);
    figures.push(["refused uploads (disguised, oversized, extra files and parts), nothing on disk", cases.length]);
  });

  it("stores a PDF with a hostile name only under a generated name inside the uploads folder", async () => {
    const lan = clients.get("secretariat")!;
    const names = ["../../../../tmp/accord-evil.pdf", "/etc/passwd", "..%2F..%2Fevil.pdf", "C:\\Windows\\..\\evil.pdf", "a\u0000b.pdf", `${"n".repeat(5000)}.pdf`, "....//....//evil.pdf"];
    for (const name of names) {
      const response = await lan.request(agreementPath(), { method: "POST", body: uploadForm([["intent", "upload"], ["document", { bytes: pdfBytes(name.slice(0, 20)), name }]]), headers: { origin: lan.origin } });
      await response.body?.cancel();
      expect(response.status, name).toBe(200);
      const files = Object.keys(tree());
      expect(files, name).toHaveLength(1);
      expect(files[0], name).toMatch(/^uploads\/[0-9a-f]{32}\.pdf$/);
    }
    expect(readdirSync("/tmp").filter((n) => n.startsWith("accord-evil"))).toEqual([]);
    const removed = await lan.postForm(agreementPath(), { intent: "removeDocument" });
    expect(removed.status).toBe(200);
    expect(tree()).toEqual({});
    figures.push(["hostile file names stored only under generated names", names.length]);
  });

  it("refuses an upload from anyone who may not make one, and a truncated body, with nothing on disk", async () => {
    const before = tree();
    const pdf = pdfBytes("not allowed");
    for (const role of ["observer", "delegateOwner", "delegateOther", "otherSeries", "admin", "anonymous"] as const) {
      const client = clients.get(role)!;
      const response = await client.request(agreementPath(), { method: "POST", body: uploadForm([["intent", "upload"], ["document", { bytes: pdf, name: "x.pdf" }]]), headers: { origin: client.origin } });
      await response.body?.cancel();
      expect([302, 403, 404], role).toContain(response.status);
      expect(tree(), role).toEqual(before);
    }

    // A body that stops half way through its file part, then the connection closes.
    const boundary = "----accord-truncated";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="half.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const cookie = [...clients.get("secretariat")!.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(server.port, "127.0.0.1", () => {
        socket.write(
          `POST ${agreementPath()} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\nCookie: ${cookie}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${head.length + 200_000}\r\n\r\n${head}%PDF-1.4\n${"x".repeat(50_000)}`,
        );
        setTimeout(() => socket.end(), 300);
      });
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString()));
      socket.on("close", () => resolve(data));
      socket.on("error", () => resolve(data));
    });
    expectNoStack(answer, "truncated upload");
    await new Promise((r) => setTimeout(r, 500));
    expect(tree()).toEqual(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    figures.push(["uploads refused to those who may not upload, and a truncated body: nothing on disk", 7]);
  });
});

describe("errors a person can see", () => {
  it("answers unknown routes, bad ids, malformed and huge URLs with a clear message and no stack trace", async () => {
    const admin = clients.get("admin")!;
    const longQuery = "q=" + "ä".repeat(3000);
    const paths = [
      "/no-such-page",
      "/commitments/abc",
      "/commitments/-1",
      "/commitments/0",
      "/commitments/1e3",
      "/commitments/99999999999999999999999",
      "/commitments/1.5",
      "/series/%E0%A4%A",
      "/series/%00",
      "/series/vn-cn-anti-smuggling/conferences/abc",
      "/series/vn-cn-anti-smuggling/conferences/0/record",
      "/series/vn-cn-anti-smuggling/conferences/18/record",
      "/series/vn-cn-anti-smuggling/agreements/abc",
      "/series/vn-cn-anti-smuggling/agreements/99999/document",
      "/series/vn-cn-anti-smuggling/agreements/1abc/document",
      "/series/no-such-series/leader",
      `/search?${longQuery}`,
      `/my/commitments?status=${"x".repeat(4000)}&series=${"y".repeat(4000)}&overdue=2`,
      `/series/vn-cn-anti-smuggling/commitments?status=%ZZ&${"a=1&".repeat(500)}`,
      "/api/v1/conferences/abc",
      "/api/v1/conferences/99999999999999999999",
      "/api/v1/series/%E0%A4%A",
      "/build/../server/index.js",
      "/build/%2e%2e/%2e%2e/package.json",
    ];
    let statuses = 0;
    for (const p of paths) {
      const response = await admin.get(p, p.startsWith("/api/") ? { accept: "application/json" } : {});
      const body = await response.text();
      expect(response.status, p).toBeLessThan(500);
      if (p.includes("..") || p.includes("%2e")) expect(response.status, `${p} must not serve a file outside public/`).not.toBe(200);
      expectNoStack(body, p);
      if ((response.headers.get("content-type") ?? "").includes("text/html")) expectClearHtml(response.status, body, p);
      if (p.startsWith("/api/") && response.status >= 400) expect(JSON.parse(body), p).toMatchObject({ status: response.status });
      statuses += 1;
    }
    // A query string over Node's header limit is refused by Node itself: 431 with no body to leak.
    const huge = await fetch(`${server.url}/search?q=${"x".repeat(100_000)}`, { headers: { cookie: [...admin.jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    const hugeBody = await huge.text();
    expect(huge.status).toBe(431);
    expectNoStack(hugeBody, "100 KB query string");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    figures.push(["odd URLs answered below 500, with a clear message and no stack trace", statuses + 1]);
  });

  it("answers invalid values on every form with a message, never a stack trace or a 500", async () => {
    const JUNK = ["", "x".repeat(20_000), "-1", "NaN", "1e309", "<script>alert(1)</script>", "'; DROP TABLE users; --", "\u0000\uFFFF\uD800", "9999999999999999999999"];
    let posts = 0;
    const serverErrors: string[] = [];
    const unclear: string[] = [];
    const commands = TABLE.filter((row): row is Row & { fields: NonNullable<Row["fields"]> } => row.kind === "command" && row.fields !== undefined);
    for (const row of commands) {
      const role: Role = (["secretariat", "admin", "delegateOwner"] as const).find((r) => row.expect[r] === "allow") ?? "secretariat";
      // Sign-in and sign-out with junk would only refuse or end this session: use a throwaway browser.
      const client = row.freshSession ? new HttpClient(server.url) : clients.get(role)!;
      const ctx = { role, ids, dbPath: server.dbPath };
      const valid = row.fields(ctx);
      const entries: [string, string][] = Array.isArray(valid) ? valid : Object.entries(valid);
      const intent = entries.find(([k]) => k === "intent");
      const variants: [string, string][][] = [intent ? [intent] : []];
      for (const [field] of entries) {
        if (field === "intent") continue;
        for (const junk of JUNK) variants.push(entries.map(([k, v]): [string, string] => [k, k === field ? junk : v]));
      }
      // Every field at once, repeated, and an intent that does not exist.
      variants.push([...entries, ...entries]);
      if (intent) variants.push([["intent", "no-such-intent"]]);
      for (const fields of variants) {
        const response = await client.postForm(row.path(ctx), fields);
        const body = await response.text();
        const what = `${row.label} with ${JSON.stringify(fields).slice(0, 120)}`;
        if (response.status >= 500) serverErrors.push(`${what} → ${response.status}`);
        expectNoStack(body, what);
        if (!isClearHtml(response.status, body)) unclear.push(`${what} → ${response.status}`);
        posts += 1;
      }
    }
    figures.push(["form posts with invalid values (every field of every command × 9 kinds of junk)", posts]);
    figures.push(["of which answered 5xx", serverErrors.length]);
    // Not asserted: many of these post a form's hidden ids from a URL the form is not on (an
    // agency's edit form lives at ?edit=<id>, and shows its errors only there). Reported instead.
    const byCommand = new Map<string, number>();
    for (const u of unclear) byCommand.set(u.split(" with ")[0], (byCommand.get(u.split(" with ")[0]) ?? 0) + 1);
    figures.push(["of which answered 4xx with no visible message on the page posted to (not asserted)", unclear.length]);
    figures.push(["  by command", [...byCommand].map(([k, n]) => `${k} ${n}`).join(", ") || "none"]);
    expect(serverErrors).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
