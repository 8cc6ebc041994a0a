import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { addUser } from "../helpers/cli";
import { DEMO_PASSWORD } from "../helpers/collab";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// A password change, or an admin's "sign out everywhere", ends every way into
// the account that does not need the password: sessions and API tokens alike.

const PASSWORD = "correct horse battery";
let server: TestServer;
let seq = 0;

beforeAll(async () => {
  server = await startServer();
});

async function newUser() {
  const email = `holder${++seq}@credentials.test`;
  await addUser(server.dbPath, { email, name: `Token Holder ${seq}`, password: PASSWORD });
  const userId = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: string }).id);
  return { email, userId };
}

async function createToken(client: HttpClient, name: string) {
  const response = await client.postForm("/account", { intent: "createToken", name });
  expect(response.status).toBe(200);
  const token = /accord_[A-Za-z0-9_-]{20,}/.exec(await response.text())?.[0];
  expect(token).toBeTruthy();
  return token!;
}

const withToken = (token: string) => fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

describe("changing the password", () => {
  it("revokes the person's API tokens and says so", async () => {
    const user = await newUser();
    const client = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    const tokens = [await createToken(client, "Report script"), await createToken(client, "Dashboard")];
    for (const token of tokens) expect((await withToken(token)).status).toBe(200);

    const response = await client.postForm("/account", {
      intent: "password",
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(response.status).toBe(200);
    const text = htmlText(await response.text());
    expect(text).toContain(en.account.passwordChanged);
    expect(text).toContain(en.credentials.tokensRevoked_other.replace("{{count}}", "2"));

    for (const token of tokens) expect((await withToken(token)).status).toBe(401);
    // This browser stays signed in, and the account page lists no live token.
    const account = await client.getHtml("/account");
    expect(account.status).toBe(200);
    expect(account.html).not.toContain("Report script");
    const events = auditEvents(server.dbPath, "signout.everywhere").filter((e) => e.subject === user.email);
    expect(JSON.parse(events.at(-1)!.detail!)).toEqual({ reason: "password.changed", tokensRevoked: 2 });
  });
});

describe("an admin's “sign out everywhere”", () => {
  it("ends every session of the person and revokes their API tokens", async () => {
    const user = await newUser();
    const browser = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    const token = await createToken(browser, "Nightly export");
    const admin = await new HttpClient(server.url).signIn("admin@accord.test", DEMO_PASSWORD);

    const users = await admin.getHtml("/admin/users");
    expect(htmlText(users.html)).toContain(en.credentials.signOutEverywhere);

    const response = await admin.postForm("/admin/users", { intent: "signOutEverywhere", userId: user.userId });
    expect(response.status).toBe(200);
    expect(htmlText(await response.text())).toContain(`${user.email} is signed out everywhere; 1 API token was revoked.`);

    expect((await browser.getJson("/api/v1/me")).status).toBe(401);
    expect((await withToken(token)).status).toBe(401);
    // The password still works: nothing but access was taken away.
    expect((await new HttpClient(server.url).login(user.email, PASSWORD)).status).toBe(303);
    const event = auditEvents(server.dbPath, "signout.everywhere").find((e) => e.subject === user.email);
    expect(JSON.parse(event!.detail!)).toEqual({ reason: "admin", tokensRevoked: 1 });
  });

  it("is for admins only", async () => {
    const user = await newUser();
    const victim = await new HttpClient(server.url).signIn(user.email, PASSWORD);
    const other = await newUser();
    const client = await new HttpClient(server.url).signIn(other.email, PASSWORD);
    const response = await client.postForm("/admin/users", { intent: "signOutEverywhere", userId: user.userId });
    expect(response.status).toBe(403);
    expect((await victim.getJson("/api/v1/me")).status).toBe(200);
  });
});
