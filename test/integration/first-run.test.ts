import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { DEMO_PASSWORD } from "../helpers/collab";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, htmlText, redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// No known password in production: the demo (with its published password)
// loads only on a developer's machine; elsewhere the first administrator comes
// from a one-time link printed in the server log.

const PUBLIC = "https://accord.example";
// What the TLS-terminating proxy in front adds, as in origin.test.ts.
const viaProxy = { "x-forwarded-host": "accord.example", "x-forwarded-proto": "https" };

function setupLink(server: TestServer): string {
  const entry = server.logs.find((e) => typeof e.setupUrl === "string");
  expect(entry, "a setup link in the log").toBeTruthy();
  expect(entry!.level).toBe(40);
  return entry!.setupUrl as string;
}

function post(server: TestServer, path: string, fields: Record<string, string>, client = new HttpClient(server.url)) {
  return client.postForm(path, fields, { origin: PUBLIC, headers: viaProxy });
}

describe("a fresh install on a public origin", () => {
  it("loads no demo, and prints a one-time link that creates the first administrator", async () => {
    const server = await startServer({ env: { ACCORD_DEMO: "auto", ACCORD_ORIGIN: PUBLIC } });
    expect((await post(server, "/login", { email: "admin@accord.test", password: DEMO_PASSWORD })).status).toBe(401);
    expect(withDb(server.dbPath, (db) => (db.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n)).toBe(0);

    const link = new URL(setupLink(server));
    expect(link.origin).toBe(PUBLIC);
    const path = link.pathname;
    // The token is stored only as a hash.
    const token = path.split("/").at(-1)!;
    const stored = withDb(server.dbPath, (db) => JSON.stringify(db.prepare("SELECT * FROM setup_tokens").all()));
    expect(stored).not.toContain(token);

    const page = await new HttpClient(server.url).get(path, viaProxy);
    expect(page.status).toBe(200);
    const pageText = htmlText(await page.text());
    expect(pageText).toContain(en.setup.title);
    expect(pageText).toContain(en.setup.password);

    // The form is validated with the usual password rules.
    const short = await post(server, path, { name: "Ops", email: "ops@accord.example", password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    expect(htmlText(await short.text())).toContain(en.errors.passwordTooShort);
    const badEmail = await post(server, path, { name: "Ops", email: "not an email", password: "a long enough passphrase", confirm: "a long enough passphrase" });
    expect(badEmail.status).toBe(400);

    const admin = new HttpClient(server.url);
    const created = await post(server, path, { name: "Ops Lead", email: "ops@accord.example", password: "a long enough passphrase", confirm: "a long enough passphrase" }, admin);
    expect(created.status).toBe(303);
    expect(redirectPath(created, server.url)).toBe("/admin");
    const me = await admin.request("/api/v1/me", { headers: { accept: "application/json", ...viaProxy } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: "ops@accord.example", isAdmin: true });
    expect(auditEvents(server.dbPath, "setup.admin.created")).toHaveLength(1);

    // Single use.
    const again = await post(server, path, { name: "Intruder", email: "intruder@evil.example", password: "a long enough passphrase", confirm: "a long enough passphrase" });
    expect(again.status).toBe(404);
    expect(htmlText(await again.text())).toContain(en.setup.invalid);
    expect((await new HttpClient(server.url).get(path, viaProxy)).status).toBe(404);
    expect(withDb(server.dbPath, (db) => (db.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n)).toBe(1);

    // Once an administrator exists, a restart prints no new link.
    await server.stop();
    const restarted = await startServer({ dbPath: server.dbPath, env: { ACCORD_DEMO: "auto", ACCORD_ORIGIN: PUBLIC } });
    expect(restarted.logs.find((e) => typeof e.setupUrl === "string")).toBeUndefined();
  });

  it("refuses a made-up or expired link", async () => {
    const server = await startServer({ env: { ACCORD_DEMO: "auto", ACCORD_ORIGIN: PUBLIC } });
    const path = new URL(setupLink(server)).pathname;
    expect((await new HttpClient(server.url).get("/setup/not-the-token", viaProxy)).status).toBe(404);
    withDb(server.dbPath, (db) => db.prepare("UPDATE setup_tokens SET expires_at = ?").run(new Date(Date.now() - 1000).toISOString()));
    const late = await post(server, path, { name: "Ops", email: "ops@accord.example", password: "a long enough passphrase", confirm: "a long enough passphrase" });
    expect(late.status).toBe(404);
    expect(withDb(server.dbPath, (db) => (db.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n)).toBe(0);
  });

  it("loads the demo on a public origin only when forced", async () => {
    const server = await startServer({ env: { ACCORD_DEMO: "force", ACCORD_ORIGIN: PUBLIC } });
    expect((await post(server, "/login", { email: "admin@accord.test", password: DEMO_PASSWORD })).status).toBe(303);
    expect(server.logs.find((e) => typeof e.setupUrl === "string")).toBeUndefined();
  });
});

describe("a developer's machine", () => {
  it("still shows the demo with no ACCORD_ORIGIN, as npm start does", async () => {
    const server = await startServer({ env: { ACCORD_DEMO: "auto" } });
    expect((await new HttpClient(server.url).login("admin@accord.test", DEMO_PASSWORD)).status).toBe(303);
  });

  it("does not count a plain-http intranet host as a developer's machine", async () => {
    const server = await startServer({ env: { ACCORD_DEMO: "auto", ACCORD_ORIGIN: "http://accord.intranet.example" } });
    expect(withDb(server.dbPath, (db) => (db.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n)).toBe(0);
    expect(setupLink(server)).toMatch(/^http:\/\/accord\.intranet\.example\/setup\//);
  });
});
