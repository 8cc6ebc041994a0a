import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { DEMO_PASSWORD } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// What one request may make the server hold: form bodies (limited while they
// arrive) and search (bounded work, bounded pages).

const FORM_KB = 64;
const DOCUMENT_MB = 2;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { ACCORD_MAX_FORM_KB: String(FORM_KB), ACCORD_MAX_DOCUMENT_MB: String(DOCUMENT_MB) } });
});

/** A raw POST, so that the test decides Content-Length, chunking and when to stop sending. */
function rawPost(
  path: string,
  options: { bytes: number; chunked?: boolean; headers?: Record<string, string>; contentType?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const headers: Record<string, string> = {
      origin: new URL(server.url).origin,
      "content-type": options.contentType ?? "application/x-www-form-urlencoded",
      ...options.headers,
    };
    if (!options.chunked) headers["content-length"] = String(options.bytes);
    let answered = false;
    // A connection of its own (never one left mid-body by another request), kept alive as a browser's is:
    // `agent: false` would send "Connection: close", and Node then closes the socket as soon as the answer is
    // written, with the rest of the upload unread, so the kernel resets it and the client sees EPIPE.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const req = http.request(url, { method: "POST", headers, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("error", () => undefined);
      res.on("end", () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        // As a browser does on an early answer: stop sending the rest.
        req.destroy();
        agent.destroy();
      });
    });
    // Once answered, the connection closing under the rest of the upload is expected.
    req.on("error", (error) => {
      if (answered) return;
      agent.destroy();
      reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < options.bytes && !req.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, options.bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("form bodies", () => {
  it("answers 413 with a readable page before reading a body declared too large, and closes the connection", async () => {
    const response = await rawPost("/login", { bytes: 8 * FORM_KB * 1024 });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(htmlText(response.body)).toContain(en.limits.bodyTooLargeTitle);
    expect(htmlText(response.body)).toContain(`${FORM_KB} KB at most`);
  });

  it("cuts off a chunked body at the limit, so the route never sees it, truncated or whole", async () => {
    const response = await rawPost("/login", { bytes: 8 * FORM_KB * 1024, chunked: true });
    expect(response.status).toBe(413);
    expect(htmlText(response.body)).toContain(en.limits.bodyTooLargeTitle);
    // Nothing of it reached the sign-in: no failure was recorded.
    expect(withDb(server.dbPath, (db) => db.prepare("SELECT count(*) AS n FROM signin_failures").get())).toEqual({ n: 0 });
    expect(server.logs.entries.filter((e) => (e.level ?? 0) >= 50)).toEqual([]);
  });

  it("answers the API and JSON clients in JSON", async () => {
    const response = await rawPost("/api/v1/me", { bytes: 4 * FORM_KB * 1024 });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ status: 413 });
  });

  it("lets an ordinary form through, and keeps the larger limit for agreement documents", async () => {
    const signedIn = await new HttpClient(server.url).signIn("admin@accord.test", DEMO_PASSWORD);
    expect(signedIn.sessionId()).toBeTruthy();
    // Just over the form limit, well under the document's: not refused for its size.
    const upload = await rawPost("/series/vn-cn-anti-smuggling/agreements/1", {
      bytes: 2 * FORM_KB * 1024,
      contentType: "multipart/form-data; boundary=x",
    });
    expect(upload.status).not.toBe(413);
    // Far over the document's limit, sent in chunks to a route that does not read it (no session here):
    // the counter cuts it off.
    const tooBig = await rawPost("/series/vn-cn-anti-smuggling/agreements/1", {
      bytes: (DOCUMENT_MB + 2) * 1024 * 1024,
      chunked: true,
      contentType: "multipart/form-data; boundary=x",
    });
    expect([302, 413]).toContain(tooBig.status);
  });
});

describe("search", () => {
  let admin: HttpClient;
  beforeAll(async () => {
    admin = await new HttpClient(server.url).signIn("admin@accord.test", DEMO_PASSWORD);
    // A bloated agenda, as a raw client could make it: many items with very long titles.
    const seriesId = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM series WHERE slug = 'vn-cn-anti-smuggling'").get() as { id: number }).id);
    withDb(server.dbPath, (db) => {
      const insert = db.prepare("INSERT INTO search_index (kind, ref_id, series_id, title, body) VALUES ('agenda', '17', ?, ?, ?)");
      const long = "zebrafish patrol ".repeat(4000);
      for (let i = 0; i < 300; i++) insert.run(seriesId, `Bloated ${i} ${long}`, long);
    });
  });

  it("answers a query with a NUL or other control characters, instead of failing", async () => {
    for (const q of ["mekong\u0000", "\u0000", "a\u0000b\u001f\"", "\u0007mekong"]) {
      const { status } = await admin.getHtml(`/search?q=${encodeURIComponent(q)}`);
      expect(status, JSON.stringify(q)).toBe(200);
    }
  });

  it("asks for two letters rather than searching for one", async () => {
    const { status, html } = await admin.getHtml("/search?q=z");
    expect(status).toBe(200);
    expect(htmlText(html)).toContain(en.searchLimits.tooShort);
    // One Chinese character is a word.
    expect(htmlText((await admin.getHtml(`/search?q=${encodeURIComponent("海")}`)).html)).not.toContain(en.searchLimits.tooShort);
  });

  it("pages the results, with titles and snippets of bounded length", async () => {
    const first = await admin.getHtml("/search?q=zebrafish");
    expect(first.status).toBe(200);
    // 300 rows of 68,000 characters each: megabytes of text, a page of a few dozen kilobytes.
    expect(first.html.length).toBeLessThan(120_000);
    const items = first.html.match(/<li/g) ?? [];
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(first.html).toContain("page=2");
    const second = await admin.getHtml("/search?q=zebrafish&page=2");
    expect(htmlText(second.html)).toContain("Page 2");
    // Paging stops at ten pages; the last one asks to narrow the search.
    const last = await admin.getHtml("/search?q=zebrafish&page=50");
    expect(last.status).toBe(200);
    expect(htmlText(last.html)).toContain("Only the first 200 results can be shown");
    expect(last.html).not.toContain("page=11");
  });
});

describe("legacy ?_data requests", () => {
  it("get a plain 400 and no error in the log", async () => {
    const before = server.logs.entries.length;
    const response = await new HttpClient(server.url).get("/login?_data=root");
    expect(response.status).toBe(400);
    const logged = server.logs.entries.slice(before);
    expect(logged.filter((e) => (e.level ?? 0) >= 50)).toEqual([]);
  });
});
