import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { en } from "../../app/i18n/catalogs/en";
import { systemClock } from "../../app/models/clock.server";
import { createAgency } from "../../app/models/agencies.server";
import { createInvitation } from "../../app/models/invitations.server";
import { createUser } from "../../app/models/users.server";
import { HttpClient, htmlText, redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { recipientOf, startSmtpReceiver, type SmtpReceiver } from "../helpers/smtp";

// Invitations by mail (decision 0030), through the real server and a real SMTP
// server on loopback: the invitee receives one mail, in their language, whose
// link sets up their account; nothing stored (the outbox, the mail page)
// holds the link's secret; re-sending sends one more; an invitation used or
// expired before its mail could go is not mailed; a restart sends nothing twice.

const PASSWORD = "invite-mail-2026";
const FAST = { ACCORD_NOTIFY_INTERVAL_MS: "200", ACCORD_NOTIFY_RETRY_MS: "300" };
let smtp: SmtpReceiver;
let server: TestServer;
let handle: DatabaseHandle;
let admin: HttpClient;
let agencies: { vn: number; cn: number; other: number };

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startServer({ demo: false, env: { ...FAST, SMTP_URL: smtp.url } });
  handle = openDatabase(server.dbPath);
  await createUser(handle.db, systemClock, { email: "admin.i1@invite.test", name: "Phạm Thị Quản", password: PASSWORD, isAdmin: true });
  agencies = {
    vn: (await createAgency(handle.db, systemClock, { code: "HQI1", name: "Hải quan I1", country: "VN" })).id,
    cn: (await createAgency(handle.db, systemClock, { code: "HGI1", name: "海关 I1", country: "CN" })).id,
    other: (await createAgency(handle.db, systemClock, { code: "LAI1", name: "Lao customs I1", country: "LA" })).id,
  };
  admin = await new HttpClient(server.url).signIn("admin.i1@invite.test", PASSWORD);
});

afterAll(async () => {
  await handle?.close();
  await smtp?.close();
});

async function invite(fields: Record<string, string>) {
  const response = await admin.postForm("/admin/users", { intent: "invite", agencyId: "", locale: "", ...fields });
  expect(response.status).toBe(200);
  const html = await response.text();
  const link = /value="(http:\/\/[^"]+\/invite\/[A-Za-z0-9_-]+)"/.exec(html)?.[1];
  expect(link, "the link is shown once to the administrator").toBeTruthy();
  return { html, link: link! };
}

function mailsTo(email: string): ParsedMail[] {
  return smtp.mails.filter((m) => recipientOf(m) === email);
}

async function waitForMails(email: string, count: number) {
  for (let i = 0; i < 200 && mailsTo(email).length < count; i++) await new Promise((r) => setTimeout(r, 50));
  expect(mailsTo(email)).toHaveLength(count);
  return mailsTo(email);
}

function linkIn(mail: ParsedMail): string {
  const link = /http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]+/.exec(mail.text ?? "")?.[0];
  expect(link, "the mail's text holds the link").toBeTruthy();
  expect(typeof mail.html === "string" && mail.html.includes(`href="${link}"`), "the mail's HTML links to it too").toBe(true);
  return link!;
}

describe("an invitation by mail", () => {
  it("reaches the invitee once, in the language of their agency's country, with a link that sets up their account in it", async () => {
    const { html } = await invite({ email: "thu.ha@invite.test", name: "Đặng Thu Hà", agencyId: String(agencies.vn) });
    expect(htmlText(html)).toContain(en.admin.invitationMailed.replace("{{email}}", "thu.ha@invite.test").replace("{{language}}", "Tiếng Việt"));
    const [mail] = await waitForMails("thu.ha@invite.test", 1);
    expect(mail.subject).toBe("Phạm Thị Quản mời quý vị tham gia Accord");
    expect(mail.text).toContain("Kính gửi Đặng Thu Hà,");
    expect(mail.text).toContain("Đường liên kết chỉ sử dụng được một lần");
    expect(typeof mail.html === "string" && mail.html.includes('lang="vi"')).toBe(true);
    const link = linkIn(mail);

    const guest = new HttpClient(server.url);
    const page = await guest.getHtml(new URL(link).pathname);
    expect(htmlText(page.html)).toContain("Đặng Thu Hà");
    const accepted = await guest.postForm(new URL(link).pathname, { password: "thu hà's password", confirm: "thu hà's password" });
    expect(accepted.status).toBe(303);
    expect(redirectPath(accepted, server.url)).toBe("/");
    const me = await guest.getJson<{ email: string; locale?: string }>("/api/v1/me");
    expect(me.body.email).toBe("thu.ha@invite.test");
    const account = await handle.db.selectFrom("users").select("locale").where("email", "=", "thu.ha@invite.test").executeTakeFirstOrThrow();
    expect(account.locale).toBe("vi");
    // Spent: the mailed link no longer opens anything.
    expect(htmlText((await new HttpClient(server.url).getHtml(new URL(link).pathname)).html)).toContain(en.invite.invalid);
  });

  it("is written in the language the administrator chooses, else the country's, else the administrator's own", async () => {
    await invite({ email: "wang.li@invite.test", name: "王丽", agencyId: String(agencies.cn) });
    await invite({ email: "souk@invite.test", name: "Souk Phommachanh", agencyId: String(agencies.other), locale: "en" });
    await invite({ email: "nobody@invite.test", name: "No Agency" });
    expect((await waitForMails("wang.li@invite.test", 1))[0].subject).toBe("Phạm Thị Quản邀请您使用 Accord");
    expect((await waitForMails("souk@invite.test", 1))[0].subject).toBe("Phạm Thị Quản invites you to Accord");
    // The administrator's page language (English here) for someone of no known country.
    expect((await waitForMails("nobody@invite.test", 1))[0].text).toContain("Hello No Agency,");
  });

  it("keeps no secret in the outbox nor on the mail page: the mailed link and the one shown both work, each once for the invitation", async () => {
    const { link: shown } = await invite({ email: "secret@invite.test", name: "Kept Secret" });
    const [mail] = await waitForMails("secret@invite.test", 1);
    const mailed = linkIn(mail);
    const mailedToken = mailed.split("/invite/")[1];
    const shownToken = shown.split("/invite/")[1];
    expect(mailedToken).not.toBe(shownToken);

    const stored = JSON.stringify([
      await handle.db.selectFrom("invitation_mails").selectAll().execute(),
      await handle.db.selectFrom("invitation_tokens").selectAll().execute(),
      await handle.db.selectFrom("invitations").selectAll().execute(),
      await handle.db.selectFrom("audit_events").selectAll().execute(),
    ]);
    expect(stored).not.toContain(mailedToken);
    expect(stored).not.toContain(shownToken);
    const mailPage = (await admin.getHtml("/admin/mail")).html;
    expect(mailPage).not.toContain(mailedToken);
    expect(htmlText(mailPage)).toContain("secret@invite.test");
    expect(htmlText(mailPage)).toContain(en.notify.admin.kinds.invitation);

    for (const link of [mailed, shown]) expect(htmlText((await new HttpClient(server.url).getHtml(new URL(link).pathname)).html)).toContain("Kept Secret");
    const guest = new HttpClient(server.url);
    expect((await guest.postForm(new URL(shown).pathname, { password: "kept secret pw", confirm: "kept secret pw" })).status).toBe(303);
    for (const link of [mailed, shown]) expect(htmlText((await new HttpClient(server.url).getHtml(new URL(link).pathname)).html)).toContain(en.invite.invalid);
  });

  it("can be sent again while open, good for another two weeks; the new mail's link works as well", async () => {
    await invite({ email: "again@invite.test", name: "Sent Again", agencyId: String(agencies.cn) });
    const [first] = await waitForMails("again@invite.test", 1);
    const row = await handle.db.selectFrom("invitations").select(["id", "expires_at"]).where("email", "=", "again@invite.test").executeTakeFirstOrThrow();
    await handle.db.updateTable("invitations").set({ expires_at: new Date(Date.now() + 86_400_000).toISOString() }).where("id", "=", row.id).execute();

    const listed = htmlText((await admin.getHtml("/admin/users")).html);
    expect(listed).toContain("again@invite.test");
    const resent = await admin.postForm("/admin/users", { intent: "resendInvitation", invitationId: String(row.id) });
    expect(resent.status).toBe(200);
    expect(htmlText(await resent.text())).toContain(en.admin.invitationResent.replace("{{email}}", "again@invite.test"));
    const [, second] = await waitForMails("again@invite.test", 2);
    expect(second.subject).toBe(first.subject);
    expect(linkIn(second)).not.toBe(linkIn(first));
    const renewed = await handle.db.selectFrom("invitations").select("expires_at").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(Date.parse(renewed.expires_at)).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    for (const mail of [first, second]) expect((await new HttpClient(server.url).getHtml(new URL(linkIn(mail)).pathname)).html).toContain("Sent Again");
    await new Promise((r) => setTimeout(r, 800));
    expect(mailsTo("again@invite.test")).toHaveLength(2);
  });

  it("is not sent again once used or expired, nor by someone who is not an administrator", async () => {
    const used = await handle.db.selectFrom("invitations").select("id").where("email", "=", "secret@invite.test").executeTakeFirstOrThrow();
    const refused = await admin.postForm("/admin/users", { intent: "resendInvitation", invitationId: String(used.id) });
    expect(refused.status).toBe(400);
    expect(htmlText(await refused.text())).toContain(en.errors.invitationInvalid);

    const open = await handle.db.selectFrom("invitations").select("id").where("email", "=", "nobody@invite.test").executeTakeFirstOrThrow();
    const member = await createUser(handle.db, systemClock, { email: "member.i1@invite.test", name: "Member", password: PASSWORD });
    expect(member.id).toBeTruthy();
    const notAdmin = await new HttpClient(server.url).signIn("member.i1@invite.test", PASSWORD);
    expect((await notAdmin.postForm("/admin/users", { intent: "resendInvitation", invitationId: String(open.id) })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 600));
    expect(mailsTo("nobody@invite.test")).toHaveLength(1);
    expect(mailsTo("secret@invite.test")).toHaveLength(1);
  });

  it("waiting while the server was stopped, goes once after the restart; one that expired meanwhile does not go", async () => {
    await server.stop();
    const adminRow = await handle.db.selectFrom("users").select("id").where("email", "=", "admin.i1@invite.test").executeTakeFirstOrThrow();
    const input = { isAdmin: false, agencyId: agencies.cn, createdBy: adminRow.id, locale: "zh" as const, mail: true };
    await createInvitation(handle.db, systemClock, { ...input, email: "restart@invite.test", name: "重启" });
    await createInvitation(handle.db, systemClock, { ...input, email: "expired@invite.test", name: "过期" });
    await handle.db.updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("email", "=", "expired@invite.test").execute();
    const before = smtp.mails.length;
    server = await startServer({ dbPath: server.dbPath, demo: false, env: { ...FAST, SMTP_URL: smtp.url } });
    await waitForMails("restart@invite.test", 1);
    await server.stop();
    server = await startServer({ dbPath: server.dbPath, demo: false, env: { ...FAST, SMTP_URL: smtp.url } });
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.slice(before).map(recipientOf)).toEqual(["restart@invite.test"]);
    const expired = await handle.db
      .selectFrom("invitation_mails as m")
      .innerJoin("invitations as i", "i.id", "m.invitation_id")
      .select("m.mail_status")
      .where("i.email", "=", "expired@invite.test")
      .executeTakeFirstOrThrow();
    expect(expired.mail_status).toBe("obsolete");
  });
});

describe("an invitation on a server that sends mail once a minute", () => {
  it("goes at once: the administrator is waiting for the person to arrive", async () => {
    const slow = await startServer({ demo: false, env: { SMTP_URL: smtp.url } });
    try {
      const db = openDatabase(slow.dbPath);
      await createUser(db.db, systemClock, { email: "admin.i2@invite.test", name: "Admin", password: PASSWORD, isAdmin: true });
      await db.close();
      const client = await new HttpClient(slow.url).signIn("admin.i2@invite.test", PASSWORD);
      // Past the round the server runs when it starts: the next one is a minute away.
      await new Promise((r) => setTimeout(r, 1000));
      const started = Date.now();
      expect((await client.postForm("/admin/users", { intent: "invite", email: "soon@invite.test", name: "Soon", agencyId: "", locale: "" })).status).toBe(200);
      await waitForMails("soon@invite.test", 1);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await slow.stop();
    }
  });
});
