import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { CloseCode } from "../../app/collab/close-codes";
import { cookieHeader, DEMO_PASSWORD, rawSocket } from "../helpers/collab";
import { storedSessionId, withDb } from "../helpers/db";
import { HttpClient, SESSION_COOKIES, setCookiesOf, type SetCookie } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { fingerprint, prepareMatrix, TABLE, type Ids, type Role, type Row } from "./matrix-table";
import { writeSection } from "./report";

/*
 * What origin.test.ts, auth.test.ts and collab.test.ts do not already cover:
 * every command of the authorisation matrix posted from another site by the
 * role that may run it; origin look-alikes on sockets and forms; the cookie's
 * attributes on every response that sets or clears it; fixation through
 * password change and invitation; sessions ending (password change, expiry,
 * absolute lifetime) while a socket is open.
 */

const EVIL = "http://evil.example";
const figures: [string, string | number][] = [];

let server: TestServer;
let ids: Ids;
let clients: Map<Role, HttpClient>;

beforeAll(async () => {
  // A recheck far in the future: a socket that closes here was closed by the command itself.
  server = await startServer({ env: { COLLAB_IDLE_UNLOAD_MS: "600000", COLLAB_RECHECK_MS: "600000" } });
  ({ ids, clients } = await prepareMatrix(server));
});

afterAll(() => {
  writeSection("cross-site", { title: "Cross-site requests and sessions", figures });
});

/** The role that may run a command: who would make a forged request worth refusing. */
function allowedRole(row: Row): Role {
  for (const role of ["secretariat", "admin", "delegateOwner"] as const) if (row.expect[role] === "allow") return role;
  return "secretariat";
}

function closeWithin(ws: WebSocket, ms: number): Promise<{ code: number; after: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    ws.once("close", (code: number) => {
      clearTimeout(timer);
      resolve({ code, after: performance.now() - t });
    });
  });
}

describe("every command, posted from another site by someone allowed to run it", () => {
  const commands = TABLE.filter((row) => row.kind === "command");
  let refused = 0;

  it.each(commands.map((row) => [row.label, row] as const))("%s: 403 and nothing written", async (_label, row) => {
    const role = allowedRole(row);
    const client = clients.get(role)!;
    const ctx = { role, ids, dbPath: server.dbPath };
    const before = fingerprint(server.dbPath);
    const path = row.path(ctx);
    const response = row.multipart
      ? await client.request(path, { method: "POST", body: row.multipart(ctx), headers: { origin: EVIL } })
      : await client.postForm(path, row.fields!(ctx), { origin: EVIL });
    await response.body?.cancel();
    expect(response.status, `${row.label} as ${role}`).toBe(403);
    expect(setCookiesOf(response), "no cookie set or cleared").toEqual([]);
    expect(fingerprint(server.dbPath), `${row.label}: nothing written`).toBe(before);
    // Still signed in (a forged sign-out must not work either).
    expect((await client.getJson("/api/v1/me")).status).toBe(200);
    refused += 1;
  });

  it("refuses origin look-alikes on a form POST too", async () => {
    const lan = clients.get("secretariat")!;
    const port = server.port;
    const lookAlikes = ["null", `http://127.0.0.1:${port}.evil.example`, `https://127.0.0.1:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port + 1}`, `http://127.0.0.1:${port}@evil.example`];
    const before = fingerprint(server.dbPath);
    for (const origin of lookAlikes) {
      const response = await lan.postForm(`/commitments/${ids.commitment}`, { intent: "text", text: "forged" }, { origin });
      await response.body?.cancel();
      expect(response.status, origin).toBe(403);
    }
    expect(fingerprint(server.dbPath)).toBe(before);
    figures.push(["commands posted from another site, each refused with 403 and no write", `${refused} of ${commands.length}`]);
    figures.push(["origin look-alikes refused on a form POST", lookAlikes.length]);
  });
});

describe("socket upgrades from another site", () => {
  it("refuses origin look-alikes without ACCORD_ORIGIN", async () => {
    const cookie = cookieHeader(clients.get("secretariat")!);
    const port = server.port;
    const lookAlikes = [EVIL, "null", `http://127.0.0.1:${port}.evil.example`, `http://127.0.0.1:${port}@evil.example`, `http://localhost:${port}`, `http://127.0.0.1:${port + 1}`, "not a url"];
    for (const origin of lookAlikes) {
      expect((await rawSocket(server, `conference/${ids.conf18}`, { cookie, origin })).status, origin).toBe(403);
    }
    figures.push(["socket origin look-alikes refused (no ACCORD_ORIGIN)", lookAlikes.length]);
  });

  it("with ACCORD_ORIGIN, accepts only that origin, not the request's own host", async () => {
    const configured = await startServer({ env: { ACCORD_ORIGIN: "https://accord.example" } });
    const viaProxy = { "x-forwarded-host": "accord.example", "x-forwarded-proto": "https" };
    const lan = new HttpClient(configured.url);
    const login = await lan.login("lan.nguyen@vnc.test", DEMO_PASSWORD, { origin: "https://accord.example", headers: viaProxy });
    expect(login.status).toBe(303);
    const conf = withDb(configured.dbPath, (db) => (db.prepare("SELECT id FROM conferences WHERE number = 18").get() as { id: number }).id);
    const cookie = cookieHeader(lan);
    const ok = await rawSocket(configured, `conference/${conf}`, { cookie, origin: "https://accord.example" });
    expect(ok.status).toBe(101);
    if ("ws" in ok) ok.ws.close();
    for (const origin of [configured.url, "http://accord.example", "https://accord.example.evil.example", EVIL]) {
      expect((await rawSocket(configured, `conference/${conf}`, { cookie, origin })).status, origin).toBe(403);
    }
    await configured.stop();
  });
});

function sessionCookie(response: Response): SetCookie | undefined {
  return setCookiesOf(response).find((c) => SESSION_COOKIES.includes(c.name));
}

function expectSafeCookie(cookie: SetCookie | undefined, what: string) {
  expect(cookie, what).toBeDefined();
  expect(cookie!.attributes.httponly, `${what}: HttpOnly`).toBe(true);
  expect(String(cookie!.attributes.samesite).toLowerCase(), `${what}: SameSite`).toBe("lax");
  expect(cookie!.attributes.path, `${what}: Path`).toBe("/");
  expect(cookie!.attributes.domain, `${what}: no Domain`).toBeUndefined();
}

/** A new person, member of the series as observer, created by the admin. */
async function newPerson(email: string, password = "first long password") {
  const admin = clients.get("admin")!;
  const created = await admin.postForm("/admin/users", { intent: "create", name: email, email, password });
  expect(created.status).toBe(200);
  const userId = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: string }).id);
  const granted = await admin.postForm("/admin/series/vn-cn-anti-smuggling", { intent: "grant", userId, agencyId: String(ids.agencies.VNC), role: "observer" });
  expect(granted.status).toBe(200);
  return { userId, password };
}

const sessionAlive = (dbPath: string, id: string) => withDb(dbPath, (db) => db.prepare("SELECT 1 FROM sessions WHERE id = ?").get(storedSessionId(id)) !== undefined);

describe("the session cookie, on every response that sets or clears it", () => {
  it("is HttpOnly, SameSite=Lax, Path=/ and host-only at sign-in, password change, invitation and sign-out", async () => {
    const { password } = await newPerson("cookie.person@x.test");
    const person = new HttpClient(server.url);
    const login = await person.login("cookie.person@x.test", password);
    expectSafeCookie(sessionCookie(login), "sign-in");

    const changed = await person.postForm("/account", { intent: "password", currentPassword: password, newPassword: "second long password", confirmPassword: "second long password" });
    expect(changed.status).toBe(200);
    expectSafeCookie(sessionCookie(changed), "password change");

    const invite = await clients.get("admin")!.postForm("/admin/users", { intent: "invite", name: "Cookie Invitee", email: "cookie.invitee@x.test" });
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(await invite.text())?.[1];
    expect(token).toBeTruthy();
    const invitee = new HttpClient(server.url);
    const accepted = await invitee.postForm(`/invite/${token}`, { password: "invitee long password", confirm: "invitee long password" });
    expect(accepted.status).toBe(303);
    expectSafeCookie(sessionCookie(accepted), "invitation");

    const out = await person.postForm("/logout", {});
    const cleared = sessionCookie(out);
    expectSafeCookie(cleared, "sign-out");
    expect(cleared!.value).toBe("");
    figures.push(["responses setting the session cookie checked for HttpOnly, SameSite=Lax, Path=/, no Domain", 4]);
  });
});

describe("session fixation beyond sign-in", () => {
  it("a password change gives this browser a new session id and kills the old one", async () => {
    const { password } = await newPerson("fixation.person@x.test");
    const person = await new HttpClient(server.url).signIn("fixation.person@x.test", password);
    const old = person.sessionId()!;
    const changed = await person.postForm("/account", { intent: "password", currentPassword: password, newPassword: "another long password", confirmPassword: "another long password" });
    expect(changed.status).toBe(200);
    expect(person.sessionId()).not.toBe(old);
    expect(sessionAlive(server.dbPath, old)).toBe(false);
    // The old id, replayed by whoever planted or stole it, is nobody.
    const replay = await new HttpClient(server.url).get("/api/v1/me", { cookie: `accord_session=${old}`, accept: "application/json" });
    expect(replay.status).toBe(401);
  });

  it("accepting an invitation in a browser that carries someone's session replaces it", async () => {
    const invite = await clients.get("admin")!.postForm("/admin/users", { intent: "invite", name: "Fixation Invitee", email: "fixation.invitee@x.test" });
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(await invite.text())?.[1];
    // A browser already signed in as the observer (a shared computer, or a planted cookie).
    const browser = await new HttpClient(server.url).signIn("hung.pham@vnc.test", DEMO_PASSWORD);
    const planted = browser.sessionId()!;
    const accepted = await browser.postForm(`/invite/${token}`, { password: "invitee long password", confirm: "invitee long password" });
    expect(accepted.status).toBe(303);
    expect(browser.sessionId()).not.toBe(planted);
    expect(sessionAlive(server.dbPath, planted)).toBe(false);
    expect((await browser.getJson<{ email: string }>("/api/v1/me")).body.email).toBe("fixation.invitee@x.test");
  });
});

describe("a session that ends while its socket is open", () => {
  it("closes the socket at once when the password is changed in another browser", async () => {
    const { password } = await newPerson("socket.person@x.test");
    const tab = await new HttpClient(server.url).signIn("socket.person@x.test", password);
    const other = await new HttpClient(server.url).signIn("socket.person@x.test", password);
    const opened = await rawSocket(server, `conference/${ids.conf18}`, { cookie: cookieHeader(tab) });
    expect(opened.status).toBe(101);
    if (!("ws" in opened)) return;
    const closing = closeWithin(opened.ws, 2000);
    const changed = await other.postForm("/account", { intent: "password", currentPassword: password, newPassword: "changed long password", confirmPassword: "changed long password" });
    expect(changed.status).toBe(200);
    const { code, after } = await closing;
    expect(code).toBe(CloseCode.unauthenticated);
    figures.push(["socket closed after a password change elsewhere (recheck disabled)", `${after.toFixed(0)} ms`]);
    expect((await rawSocket(server, `conference/${ids.conf18}`, { cookie: cookieHeader(tab) })).status).toBe(401);
  });

  it.each([
    ["idle expiry", "UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?"],
    ["absolute lifetime", "UPDATE sessions SET created_at = '2000-01-01T00:00:00.000Z' WHERE id = ?"],
  ])("closes the socket within the recheck interval when the session passes its %s", async (what, sql) => {
    const rechecking = await startServer({ env: { COLLAB_RECHECK_MS: "500" } });
    const lan = await new HttpClient(rechecking.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const conf = withDb(rechecking.dbPath, (db) => (db.prepare("SELECT id FROM conferences WHERE number = 18").get() as { id: number }).id);
    const opened = await rawSocket(rechecking, `conference/${conf}`, { cookie: cookieHeader(lan) });
    expect(opened.status).toBe(101);
    if (!("ws" in opened)) return;
    const closing = closeWithin(opened.ws, 3000);
    withDb(rechecking.dbPath, (db) => db.prepare(sql).run(storedSessionId(lan.sessionId()!)));
    const { code, after } = await closing;
    expect(code).toBe(CloseCode.unauthenticated);
    figures.push([`socket closed after its session passed its ${what} (recheck 500 ms)`, `${after.toFixed(0)} ms`]);
    expect((await rawSocket(rechecking, `conference/${conf}`, { cookie: cookieHeader(lan) })).status).toBe(401);
    await rechecking.stop();
  });
});
