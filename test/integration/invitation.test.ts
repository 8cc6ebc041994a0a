import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, htmlText, redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: HttpClient;

beforeAll(async () => {
  server = await startServer();
  admin = await new HttpClient(server.url).signIn("admin@accord.test", "accord-demo-2026");
});

/** Has the admin make an invitation and returns the link shown on the page. */
async function invite(email: string, name: string): Promise<string> {
  const response = await admin.postForm("/admin/users", { intent: "invite", email, name, agencyId: "" });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(htmlText(html)).toContain(en.admin.invitationLink.replace("{{email}}", email));
  const link = /value="(http:\/\/[^"]+\/invite\/[A-Za-z0-9_-]+)"/.exec(html)?.[1];
  expect(link, "invitation link in the page").toBeTruthy();
  return link!;
}

describe("invitations", () => {
  it("let the invited person choose a password and arrive signed in, once", async () => {
    const link = await invite("ha.dang@vnc.test", "Đặng Thu Hà");
    const path = new URL(link).pathname;
    expect(new URL(link).origin).toBe(server.url);

    const guest = new HttpClient(server.url);
    const page = await guest.getHtml(path);
    expect(page.status).toBe(200);
    expect(htmlText(page.html)).toContain(en.invite.intro.replace("{{name}}", "Đặng Thu Hà").replace("{{email}}", "ha.dang@vnc.test"));

    const accepted = await guest.postForm(path, { password: "hà's new password", confirm: "hà's new password" });
    expect(accepted.status).toBe(303);
    expect(redirectPath(accepted, server.url)).toBe("/");
    expect((await guest.getJson("/api/v1/me")).body).toMatchObject({ email: "ha.dang@vnc.test", name: "Đặng Thu Hà", isAdmin: false });

    // Spent: the link shows it is no longer valid and cannot make a second account or session.
    const again = await new HttpClient(server.url).getHtml(path);
    expect(htmlText(again.html)).toContain(en.invite.invalid);
    const replay = new HttpClient(server.url);
    const second = await replay.postForm(path, { password: "an attacker's password", confirm: "an attacker's password" });
    expect(second.status).toBe(400);
    expect(replay.sessionId()).toBeUndefined();
    expect((await new HttpClient(server.url).login("ha.dang@vnc.test", "an attacker's password")).status).toBe(401);
    expect((await new HttpClient(server.url).login("ha.dang@vnc.test", "hà's new password")).status).toBe(303);

    expect(auditEvents(server.dbPath, "invitation.created").map((e) => e.subject)).toContain("ha.dang@vnc.test");
    expect(auditEvents(server.dbPath, "invitation.accepted").map((e) => e.subject)).toContain("ha.dang@vnc.test");
  });

  it("store only a hash of the token", async () => {
    const link = await invite("hashed@vnc.test", "Hashed");
    const token = link.split("/invite/")[1];
    const row = withDb(server.dbPath, (db) => db.prepare("SELECT * FROM invitations WHERE email = 'hashed@vnc.test'").get()) as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("refuse mismatched or short passwords and stay usable", async () => {
    const path = new URL(await invite("careful@vnc.test", "Careful")).pathname;
    const guest = new HttpClient(server.url);
    expect((await guest.postForm(path, { password: "long enough one", confirm: "long enough two" })).status).toBe(400);
    expect((await guest.postForm(path, { password: "short", confirm: "short" })).status).toBe(400);
    expect(guest.sessionId()).toBeUndefined();
    expect((await guest.postForm(path, { password: "long enough one", confirm: "long enough one" })).status).toBe(303);
  });

  it("do not work with a made-up or expired token", async () => {
    const made = await new HttpClient(server.url).getHtml("/invite/madeuptoken");
    expect(htmlText(made.html)).toContain(en.invite.invalid);
    const path = new URL(await invite("late@vnc.test", "Late")).pathname;
    withDb(server.dbPath, (db) => db.prepare("UPDATE invitations SET expires_at = ? WHERE email = 'late@vnc.test'").run(new Date(Date.now() - 1000).toISOString()));
    const guest = new HttpClient(server.url);
    expect((await guest.postForm(path, { password: "long enough one", confirm: "long enough one" })).status).toBe(400);
    expect(guest.sessionId()).toBeUndefined();
  });

  it("cannot be made for an email that already has an account", async () => {
    const response = await admin.postForm("/admin/users", { intent: "invite", email: "lan.nguyen@vnc.test", name: "Lan again", agencyId: "" });
    expect(response.status).toBe(400);
    expect(htmlText(await response.text())).toContain(en.errors.emailTaken);
  });
});
