import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, setCookiesOf } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const ADMIN = "admin@accord.test";
const DEMO_PASSWORD = "accord-demo-2026";

function agencyExists(dbPath: string, code: string): boolean {
  return withDb(dbPath, (db) => db.prepare("SELECT 1 FROM agencies WHERE code = ?").get(code) !== undefined);
}

describe("requests from another site (CSRF)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });

  it("refuses a cross-origin sign-in with 403 and sets no cookie", async () => {
    const client = new HttpClient(server.url);
    const response = await client.login(ADMIN, DEMO_PASSWORD, { origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect(setCookiesOf(response)).toEqual([]);
    expect(client.sessionId()).toBeUndefined();
  });

  it.each([
    ["/logout", {}],
    ["/settings/language", { locale: "vi" }],
    ["/account", { intent: "password", currentPassword: DEMO_PASSWORD, newPassword: "taken over!!", confirmPassword: "taken over!!" }],
  ])("refuses a cross-origin POST to %s from a signed-in browser with 403", async (path, fields) => {
    const admin = await new HttpClient(server.url).signIn(ADMIN, DEMO_PASSWORD);
    const response = await admin.postForm(path, fields, { origin: "http://evil.example" });
    expect(response.status).toBe(403);
    // Nothing happened: still signed in, in English, with the same password.
    const me = await admin.getJson<{ email: string }>("/api/v1/me");
    expect(me.body.email).toBe(ADMIN);
    expect(withDb(server.dbPath, (db) => db.prepare("SELECT locale FROM users WHERE email = ?").get(ADMIN))).toEqual({ locale: "en" });
  });

  it("refuses a cross-origin admin action with 403 and creates nothing", async () => {
    const admin = await new HttpClient(server.url).signIn(ADMIN, DEMO_PASSWORD);
    const response = await admin.postForm(
      "/admin/agencies",
      { intent: "create", code: "EVIL", name: "Evil Agency", country: "XX" },
      { origin: "http://evil.example" },
    );
    expect(response.status).toBe(403);
    expect(agencyExists(server.dbPath, "EVIL")).toBe(false);
  });

  it.each([
    ["an opaque origin", "null"],
    ["the same host on another port", "http://127.0.0.1:1"],
    ["localhost instead of 127.0.0.1", "http://localhost"],
  ])("refuses %s too", async (_what, origin) => {
    const response = await new HttpClient(server.url).login(ADMIN, DEMO_PASSWORD, { origin });
    expect(response.status).toBe(403);
  });

  it("refuses a POST with no Origin that the browser marks cross-site", async () => {
    const response = await new HttpClient(server.url).login(ADMIN, DEMO_PASSWORD, { origin: null, headers: { "sec-fetch-site": "cross-site" } });
    expect(response.status).toBe(403);
  });

  it("allows a POST with no Origin at all (curl, scripts)", async () => {
    const client = new HttpClient(server.url);
    const response = await client.login(ADMIN, DEMO_PASSWORD, { origin: null });
    expect(response.status).toBe(303);
    const created = await client.postForm("/admin/agencies", { intent: "create", code: "CURL", name: "Made by curl", country: "VN" }, { origin: null });
    expect(created.status).toBe(200);
    expect(agencyExists(server.dbPath, "CURL")).toBe(true);
  });

  it("lets cross-site GETs through: links from elsewhere still work", async () => {
    const response = await new HttpClient(server.url).get("/login", { origin: "http://evil.example" });
    expect(response.status).toBe(200);
  });

  it("records refused requests in the audit log", async () => {
    await new HttpClient(server.url).postForm("/logout", {}, { origin: "http://evil.example" });
    // Refusals from one address are tallied per minute (see the next test): this one may join an earlier row.
    const mentionsLogout = () =>
      auditEvents(server.dbPath, "origin.refused").filter((e) => (JSON.parse(e.detail!) as { paths: string[] }).paths.includes("/logout"));
    const deadline = Date.now() + 15_000;
    while (mentionsLogout().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(mentionsLogout().length).toBeGreaterThan(0);
    expect(JSON.parse(mentionsLogout().at(-1)!.detail!)).toMatchObject({ count: expect.any(Number), minute: expect.any(String) });
  });

  it("records a flood of refused posts as one row per address and minute, with their count", async () => {
    const flood = await startServer({ env: { ACCORD_TRUST_PROXY: "loopback" } });
    const address = "198.51.100.77";
    const before = auditEvents(flood.dbPath, "origin.refused").length;
    const client = new HttpClient(flood.url);
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        client.postForm(i % 2 ? "/logout" : "/login", { email: "x", password: "y" }, { origin: "http://evil.example", headers: { "x-forwarded-for": address } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(403));
    // The first is on record at once; the count follows within a few seconds.
    let rows = auditEvents(flood.dbPath, "origin.refused").filter((e) => e.ip === address);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      rows = auditEvents(flood.dbPath, "origin.refused").filter((e) => e.ip === address);
      const total = rows.reduce((sum, row) => sum + (JSON.parse(row.detail!) as { count: number }).count, 0);
      if (total === 60) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // One row, or two if the flood straddled a minute.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.reduce((sum, row) => sum + (JSON.parse(row.detail!) as { count: number }).count, 0)).toBe(60);
    expect(JSON.parse(rows[0].detail!)).toMatchObject({ origin: "http://evil.example" });
    expect(auditEvents(flood.dbPath, "origin.refused").length - before).toBe(rows.length);
  });
});

describe("behind HTTPS with ACCORD_ORIGIN", () => {
  // What the TLS-terminating proxy in front adds; Remix compares Origin with
  // the forwarded host, and fetch cannot set Host itself.
  const viaProxy = { "x-forwarded-host": "accord.example", "x-forwarded-proto": "https" };
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { ACCORD_ORIGIN: "https://accord.example" } });
  });

  it("names the cookie __Host-accord_session and marks it Secure, HttpOnly, SameSite=Lax, Path=/", async () => {
    const client = new HttpClient(server.url);
    const response = await client.login(ADMIN, DEMO_PASSWORD, { origin: "https://accord.example", headers: viaProxy });
    expect(response.status).toBe(303);
    const cookies = setCookiesOf(response);
    expect(cookies.map((c) => c.name)).toEqual(["__Host-accord_session"]);
    const [cookie] = cookies;
    expect(cookie.attributes.secure).toBe(true);
    expect(cookie.attributes.httponly).toBe(true);
    expect(String(cookie.attributes.samesite).toLowerCase()).toBe("lax");
    expect(cookie.attributes.path).toBe("/");
    // __Host- cookies must not name a domain, or browsers drop them.
    expect(cookie.attributes.domain).toBeUndefined();
    expect((await client.getJson<{ email: string }>("/api/v1/me")).body.email).toBe(ADMIN);
  });

  it("sends HSTS", async () => {
    const response = await fetch(`${server.url}/login`);
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("checks Origin against the configured origin, not against the Host header", async () => {
    const own = new HttpClient(server.url);
    expect((await own.login(ADMIN, DEMO_PASSWORD, { origin: server.url })).status).toBe(403);
    expect((await own.login(ADMIN, DEMO_PASSWORD, { origin: "http://accord.example", headers: viaProxy })).status).toBe(403);
  });
});
