import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import WebSocket from "ws";
import { addUser } from "../helpers/cli";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, waitSynced } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

/** Tries a WebSocket upgrade and reports the HTTP status it was refused with (or "open"). */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once("open", () => {
      socket.terminate();
      resolve("open");
    });
    socket.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", (error) => {
      // After an unexpected response ws also reports an error; the status is what counts.
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** A GET with the given Accept-Encoding, its body as sent (fetch would decode it). */
function rawGet(url: string, acceptEncoding: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("a running server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ demo: false });
  });

  it("answers /healthz with 200 and {status: ok}, even on an empty database", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("serves the sign-in page to anyone", async () => {
    const { status, html } = await new HttpClient(server.url).getHtml("/login");
    expect(status).toBe(200);
    expect(html).toMatch(/<input[^>]*name="email"/);
    expect(html).toMatch(/<input[^>]*name="password"[^>]*type="password"|<input[^>]*type="password"[^>]*name="password"/);
  });

  it("sends security headers, with a fresh script nonce per response", async () => {
    const first = await fetch(`${server.url}/login`);
    const second = await fetch(`${server.url}/login`);
    const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(first)).toBeTruthy();
    expect(nonce(first)).not.toBe(nonce(second));
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-powered-by")).toBeNull();
    // Plain http on localhost: no HSTS, or the browser would refuse http afterwards.
    expect(first.headers.get("strict-transport-security")).toBeNull();
  });

  it("serves fingerprinted build assets with a long, immutable cache lifetime", async () => {
    const html = await (await fetch(`${server.url}/login`)).text();
    const asset = /(?:href|src)="(\/build\/[^"]+\.(?:css|js))"/.exec(html)?.[1];
    expect(asset, "a /build/ asset linked from the page").toBeTruthy();
    const response = await fetch(`${server.url}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/max-age=31536000/);
    expect(response.headers.get("cache-control")).toMatch(/immutable/);
  });

  it("sends each build script compressed as the browser asks, the same bytes in every coding", async () => {
    const html = await (await fetch(`${server.url}/login`)).text();
    const scripts = [...html.matchAll(/(?:href|src)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]);
    // The largest script the page names: small ones may be sent as they are.
    const sized = await Promise.all(scripts.map(async (s) => ({ s, size: Number((await rawGet(`${server.url}${s}`, "identity")).headers["content-length"]) })));
    const asset = sized.sort((a, b) => b.size - a.size)[0].s;
    const plain = await rawGet(`${server.url}${asset}`, "identity");
    const br = await rawGet(`${server.url}${asset}`, "gzip, deflate, br");
    const gz = await rawGet(`${server.url}${asset}`, "gzip");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    for (const response of [plain, br, gz]) {
      expect(response.headers["content-type"]).toMatch(/^application\/javascript/);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["cache-control"]).toMatch(/immutable/);
      // A script needs no page policy: those bytes are paid on every file a page loads.
      expect(response.headers["content-security-policy"]).toBeUndefined();
    }
  });

  it("refuses WebSocket upgrades it cannot serve and keeps serving HTTP", async () => {
    const ws = server.url.replace("http://", "ws://");
    await addUser(server.dbPath, { email: "socket@server.test", name: "Socket", password: "socket password" });
    const client = await new HttpClient(server.url).signIn("socket@server.test", "socket password");
    const cookie = `accord_session=${client.sessionId()!}`;
    // No document is called "anything": 404 with or without the collaboration hub.
    expect(await upgradeStatus(`${ws}/collab/anything`, { origin: server.url, cookie })).toBe(404);
    expect(await upgradeStatus(`${ws}/somewhere-else`, { origin: server.url, cookie })).toBe(404);
    // Without a session nothing opens (404 before the hub exists, 401 once it does).
    expect([401, 404]).toContain(await upgradeStatus(`${ws}/collab/anything`, { origin: server.url }));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("start-up and shutdown", () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("exits with code 0 on SIGTERM, after saying so in its log", async () => {
    server = await startServer({ demo: false });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const exit = await server.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.logs.find((e) => e.msg === "shutting down" && e.signal === "SIGTERM")).toBeTruthy();
    expect(server.logs.find((e) => e.msg === "stopped")).toBeTruthy();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it("asks open collaboration sockets to go on SIGTERM, and exits within seconds though their clients would stay", async () => {
    server = await startServer();
    const lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const { docName } = await conferenceDocName(lan, "vn-cn-anti-smuggling", 18);
    const client = connectCollab(server, docName, { cookie: cookieHeader(lan) });
    try {
      await waitSynced(client);
      const started = Date.now();
      expect(await server.stop()).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(5_000);
      // "Going away": y-websocket reconnects, to another instance behind a load balancer.
      expect(client.closeCodes).toContain(1001);
    } finally {
      client.destroy();
    }
  });

  it("exits with code 0 on SIGINT too", async () => {
    server = await startServer({ demo: false });
    expect(await server.kill("SIGINT")).toEqual({ code: 0, signal: null });
  });

  it("starts again on the same database file without losing data", async () => {
    const first = await startServer();
    const admin = await new HttpClient(first.url).signIn("admin@accord.test", "accord-demo-2026");
    expect((await admin.getJson("/api/v1/series")).status).toBe(200);
    await first.stop();
    server = await startServer({ dbPath: first.dbPath });
    expect(server.logs.find((e) => e.msg === "demo data loaded into the empty database")).toBeUndefined();
    const again = await new HttpClient(server.url).signIn("admin@accord.test", "accord-demo-2026");
    expect((await again.getJson<unknown[]>("/api/v1/series")).body).toHaveLength(2);
  });

  it("serves /internal/diagnostics only when turned on, and only to direct callers on the same machine", async () => {
    const off = await startServer({ demo: false });
    // Off, the address is just an unknown page (anonymous visitors are sent to sign in).
    const offAnswer = await fetch(`${off.url}/internal/diagnostics`, { redirect: "manual" });
    expect(offAnswer.headers.get("content-type") ?? "").not.toContain("application/json");
    expect(await offAnswer.text()).not.toContain("eventLoopDelayMs");
    await off.stop();

    server = await startServer({ demo: false, env: { ACCORD_DIAGNOSTICS: "1" } });
    const direct = await fetch(`${server.url}/internal/diagnostics`);
    expect(direct.status).toBe(200);
    const body = (await direct.json()) as { eventLoopDelayMs: { max: number }; memory: { heapUsed: number }; hub: { connections: number } };
    expect(body.eventLoopDelayMs.max).toBeGreaterThanOrEqual(0);
    expect(body.memory.heapUsed).toBeGreaterThan(0);
    expect(body.hub.connections).toBe(0);
    // Through a proxy on this machine the request also comes from loopback, but it is someone else's.
    expect((await fetch(`${server.url}/internal/diagnostics`, { headers: { "x-forwarded-for": "203.0.113.7" } })).status).toBe(404);
    await server.stop();
  });

  it("refuses to start on bad configuration, with a message naming the setting", async () => {
    const failure = await startServer({ env: { SESSION_IDLE_MINUTES: "soon" } }).then(
      () => null,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/exited before listening \(code 1/);
    expect(failure?.message).toContain("Accord cannot start: invalid configuration");
    expect(failure?.message).toContain("SESSION_IDLE_MINUTES");
  });
});

describe("demo data", () => {
  it("is loaded into an empty database by default and left out with ACCORD_DEMO=0", async () => {
    const [withDemo, without] = await Promise.all([startServer(), startServer({ demo: false })]);
    expect((await new HttpClient(withDemo.url).login("admin@accord.test", "accord-demo-2026")).status).toBe(303);
    expect((await new HttpClient(without.url).login("admin@accord.test", "accord-demo-2026")).status).toBe(401);
  });
});
