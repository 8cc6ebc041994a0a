import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { addUser } from "../helpers/cli";
import { auditEvents, storedSessionId, withDb } from "../helpers/db";
import { HttpClient, htmlText, redirectPath, setCookiesOf } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery";
let server: TestServer;
let seq = 0;

/** A user of our own per test, made with the CLI as an operator would, so tests do not share sessions. */
async function newUser(name = "Test Person") {
  const email = `person${++seq}@auth.test`;
  await addUser(server.dbPath, { email, name, password: PASSWORD });
  return { email, name };
}

function sessionsOf(email: string): Array<{ id: string; expires_at: string; created_at: string }> {
  return withDb(server.dbPath, (db) =>
    db
      .prepare("SELECT s.id, s.expires_at, s.created_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?")
      .all(email) as Array<{ id: string; expires_at: string; created_at: string }>,
  );
}

beforeAll(async () => {
  // Short, non-default lifetimes, to see that the configuration is what counts.
  server = await startServer({ demo: false, env: { SESSION_IDLE_MINUTES: "30", SESSION_ABSOLUTE_HOURS: "2" } });
});

describe("anonymous visitors", () => {
  it.each([
    ["/series/x", "/series/x"],
    ["/admin", "/admin"],
    ["/admin/users?tab=1", "/admin/users?tab=1"],
    ["/account", "/account"],
  ])("are sent from %s to /login with redirectTo", async (path, back) => {
    const response = await new HttpClient(server.url).get(path);
    expect(response.status).toBe(302);
    const target = new URL(redirectPath(response, server.url), server.url);
    expect(target.pathname).toBe("/login");
    expect(target.searchParams.get("redirectTo")).toBe(back);
  });

  it("are sent from / to /login (where / is where sign-in leads anyway)", async () => {
    const response = await new HttpClient(server.url).get("/");
    expect(response.status).toBe(302);
    const target = new URL(redirectPath(response, server.url), server.url);
    expect(target.pathname).toBe("/login");
    expect(target.searchParams.get("redirectTo") ?? "/").toBe("/");
  });

  it("see the sign-in form", async () => {
    const { status, html } = await new HttpClient(server.url).getHtml("/login?redirectTo=%2Fadmin");
    expect(status).toBe(200);
    expect(htmlText(html)).toContain(en.login.title);
    expect(html).toMatch(/name="redirectTo" value="\/admin"/);
  });
});

describe("signing in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and /api/v1/me names the person", async () => {
    const user = await newUser("Ada Lovelace");
    const client = new HttpClient(server.url);
    const response = await client.login(user.email, PASSWORD);
    expect(response.status).toBe(303);
    expect(redirectPath(response, server.url)).toBe("/");
    const cookie = setCookiesOf(response).find((c) => c.name === "accord_session");
    expect(cookie, "accord_session cookie").toBeTruthy();
    expect(cookie!.value).toMatch(/^[a-z0-9]{20,}$/);
    expect(cookie!.attributes.httponly).toBe(true);
    expect(String(cookie!.attributes.samesite).toLowerCase()).toBe("lax");
    expect(cookie!.attributes.path).toBe("/");
    // Plain http here: a Secure cookie would never come back.
    expect(cookie!.attributes.secure).toBeUndefined();
    // The idle lifetime configured for this server (30 minutes).
    expect(cookie!.attributes["max-age"]).toBe("1800");

    const me = await client.getJson("/api/v1/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: expect.any(String), email: user.email, name: "Ada Lovelace", isAdmin: false });

    const home = await client.getHtml("/");
    expect(home.status).toBe(200);
    expect(htmlText(home.html)).toContain(en.home.title);
  });

  it("accepts the email in any case and with spaces around it", async () => {
    const user = await newUser();
    const response = await new HttpClient(server.url).login(`  ${user.email.toUpperCase()} `, PASSWORD);
    expect(response.status).toBe(303);
  });

  it("goes back to redirectTo on this site, never to another one", async () => {
    const user = await newUser();
    const back = await new HttpClient(server.url).login(user.email, PASSWORD, { redirectTo: "/account?x=1" });
    expect(redirectPath(back, server.url)).toBe("/account?x=1");
    for (const evil of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const response = await new HttpClient(server.url).login(user.email, PASSWORD, { redirectTo: evil });
      expect(response.headers.get("location"), evil).toBe("/");
    }
  });

  it("refuses a wrong password and an unknown email alike: 401, the same message, no cookie", async () => {
    const user = await newUser();
    const wrong = await new HttpClient(server.url).login(user.email, "not the password");
    const unknown = await new HttpClient(server.url).login("nobody@auth.test", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(setCookiesOf(wrong).filter((c) => c.name === "accord_session" && c.value)).toEqual([]);
    expect(setCookiesOf(unknown).filter((c) => c.name === "accord_session" && c.value)).toEqual([]);
    const message = (html: string) => /role="alert"[^>]*>([^<]+)</.exec(html)?.[1];
    const [wrongHtml, unknownHtml] = [await wrong.text(), await unknown.text()];
    expect(message(wrongHtml)).toBe(en.login.invalid);
    expect(message(unknownHtml)).toBe(en.login.invalid);
  });

  it("writes successes and failures to the audit log, with the address", async () => {
    const user = await newUser();
    await new HttpClient(server.url).login(user.email, "wrong password!");
    await new HttpClient(server.url).login(user.email, PASSWORD);
    const failed = auditEvents(server.dbPath, "signin.failed").filter((e) => e.subject === user.email);
    const succeeded = auditEvents(server.dbPath, "signin.succeeded").filter((e) => e.subject === user.email);
    expect(failed).toHaveLength(1);
    expect(failed[0].ip).toBe("127.0.0.1");
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0].actor_id).toBeTruthy();
  });

  it("issues a new session id at every sign-in and ends the one the browser brought", async () => {
    const user = await newUser();
    const client = new HttpClient(server.url);
    await client.signIn(user.email, PASSWORD);
    const first = client.sessionId()!;
    await client.signIn(user.email, PASSWORD);
    const second = client.sessionId()!;
    expect(second).not.toBe(first);
    const replay = new HttpClient(server.url);
    replay.jar.set("accord_session", first);
    expect((await replay.getJson("/api/v1/me")).status).toBe(401);
    expect(sessionsOf(user.email).map((s) => s.id)).toEqual([storedSessionId(second)]);
  });

  it("stores only a hash of the session id, so a copy of the database signs no one in", async () => {
    const user = await newUser();
    const client = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    const sessionId = client.sessionId()!;
    const [stored] = sessionsOf(user.email);
    expect(stored.id).toBe(storedSessionId(sessionId));
    const everything = withDb(server.dbPath, (db) => db.prepare("SELECT * FROM sessions").all());
    expect(JSON.stringify(everything)).not.toContain(sessionId);
    // What a thief reads from the database is no cookie.
    const thief = new HttpClient(server.url);
    thief.jar.set("accord_session", stored.id);
    expect((await thief.getJson("/api/v1/me")).status).toBe(401);
    expect((await client.getJson("/api/v1/me")).status).toBe(200);
  });

  it("never adopts a session id chosen by someone else (fixation)", async () => {
    const user = await newUser();
    const client = new HttpClient(server.url);
    const planted = "attackerchosensessionid0000000000000000";
    client.jar.set("accord_session", planted);
    await client.signIn(user.email, PASSWORD);
    expect(client.sessionId()).not.toBe(planted);
    expect(sessionsOf(user.email).map((s) => s.id)).not.toContain(storedSessionId(planted));
  });
});

describe("signing out", () => {
  it("ends the session on the server, not only in the browser", async () => {
    const user = await newUser();
    const client = new HttpClient(server.url);
    await client.signIn(user.email, PASSWORD);
    const sessionId = client.sessionId()!;
    const response = await client.postForm("/logout", {});
    expect(response.status).toBe(303);
    expect(redirectPath(response, server.url)).toBe("/login?signedOut=1");
    expect(client.sessionId()).toBeUndefined();
    // The sign-in page it leads to says so.
    expect(htmlText((await client.getHtml("/login?signedOut=1")).html)).toContain(en.login.signedOut);
    expect(htmlText((await client.getHtml("/login")).html)).not.toContain(en.login.signedOut);

    const replay = new HttpClient(server.url);
    replay.jar.set("accord_session", sessionId);
    expect((await replay.getJson("/api/v1/me")).status).toBe(401);
    expect(sessionsOf(user.email)).toEqual([]);
    expect(auditEvents(server.dbPath, "signout").some((e) => e.subject === user.email)).toBe(true);
  });
});

describe("changing the password", () => {
  async function changePassword(client: HttpClient, current: string, next: string, confirm = next) {
    return client.postForm("/account", { intent: "password", currentPassword: current, newPassword: next, confirmPassword: confirm });
  }

  it("signs the person out everywhere else and keeps this browser signed in", async () => {
    const user = await newUser();
    const here = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    const elsewhere = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    const before = here.sessionId();

    const response = await changePassword(here, PASSWORD, "a brand new passphrase");
    expect(response.status).toBe(200);
    expect(htmlText(await response.text())).toContain(en.account.passwordChanged);
    expect(here.sessionId()).not.toBe(before);

    expect((await here.getJson("/api/v1/me")).status).toBe(200);
    expect((await elsewhere.getJson("/api/v1/me")).status).toBe(401);
    expect(sessionsOf(user.email)).toHaveLength(1);

    expect((await new HttpClient(server.url).login(user.email, PASSWORD)).status).toBe(401);
    expect((await new HttpClient(server.url).login(user.email, "a brand new passphrase")).status).toBe(303);
    expect(auditEvents(server.dbPath, "password.changed").some((e) => e.subject === user.email)).toBe(true);
  });

  it("needs the current password, and leaves every session alone when it is wrong", async () => {
    const user = await newUser();
    const here = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    const elsewhere = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    const response = await changePassword(here, "a wrong current one", "a brand new passphrase");
    expect(response.status).toBe(400);
    expect(htmlText(await response.text())).toContain(en.errors.currentPasswordWrong);
    expect((await elsewhere.getJson("/api/v1/me")).status).toBe(200);
    expect((await new HttpClient(server.url).login(user.email, PASSWORD)).status).toBe(303);
  });

  it("refuses a short or mistyped new password", async () => {
    const user = await newUser();
    const here = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    expect((await changePassword(here, PASSWORD, "short")).status).toBe(400);
    expect((await changePassword(here, PASSWORD, "a brand new passphrase", "a brand new passfrase")).status).toBe(400);
    expect((await new HttpClient(server.url).login(user.email, PASSWORD)).status).toBe(303);
  });
});

describe("session lifetimes", () => {
  function moveSession(sessionId: string, column: "expires_at" | "created_at", minutesFromNow: number) {
    const at = new Date(Date.now() + minutesFromNow * 60_000).toISOString();
    withDb(server.dbPath, (db) => db.prepare(`UPDATE sessions SET ${column} = ? WHERE id = ?`).run(at, storedSessionId(sessionId)));
  }

  it("ends a session that has been idle past its expiry", async () => {
    const user = await newUser();
    const client = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    moveSession(client.sessionId()!, "expires_at", -1);
    const page = await client.get("/account");
    expect(page.status).toBe(302);
    expect(new URL(redirectPath(page, server.url), server.url).pathname).toBe("/login");
    expect(client.sessionId(), "the dead cookie is cleared").toBeUndefined();
    expect(sessionsOf(user.email)).toEqual([]);
  });

  it("keeps an active session alive by moving its idle expiry forward", async () => {
    const user = await newUser();
    const client = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    // Less than half the idle window left: the next request must extend it.
    moveSession(client.sessionId()!, "expires_at", 5);
    expect((await client.getJson("/api/v1/me")).status).toBe(200);
    const [session] = sessionsOf(user.email);
    expect(Date.parse(session.expires_at)).toBeGreaterThan(Date.now() + 20 * 60_000);
  });

  it("ends a session older than the absolute lifetime, however active", async () => {
    const user = await newUser();
    const client = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    moveSession(client.sessionId()!, "created_at", -121);
    expect((await client.getJson("/api/v1/me")).status).toBe(401);
    expect(sessionsOf(user.email)).toEqual([]);
  });

  it("keeps a session younger than the absolute lifetime", async () => {
    const user = await newUser();
    const client = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    moveSession(client.sessionId()!, "created_at", -119);
    expect((await client.getJson("/api/v1/me")).status).toBe(200);
  });

  it("ignores a session id that never existed", async () => {
    const client = new HttpClient(server.url);
    client.jar.set("accord_session", "doesnotexist00000000000000000000000000000");
    expect((await client.getJson("/api/v1/me")).status).toBe(401);
  });
});
