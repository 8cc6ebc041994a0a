import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { systemClock } from "../../app/models/clock.server";
import { createCommitment, todayOf } from "../../app/models/commitments.server";
import { setTimeZone } from "../../app/models/notifications.server";
import { createUser } from "../../app/models/users.server";
import { writeTranslation } from "../../app/models/parallel-texts.server";
import { HttpClient, htmlText, redirectPath } from "../helpers/http";
import { buildNotifyWorld, daysFrom } from "../helpers/notify-fixture";
import { startServer, type TestServer } from "../helpers/server";
import { recipientOf, startSmtpReceiver, type SmtpReceiver } from "../helpers/smtp";

// The real server with SMTP_URL pointing at a real SMTP server on loopback,
// on a series that is not in the demo: commitments due in 3 and 14 days and
// one overdue are mailed once each, in each person's language, even when the
// server is restarted while it is sending; without SMTP_URL it says so once
// and notifications stay in the app, where each person sees only their own.

const PASSWORD = "notify-test-2026";
const FAST = { ACCORD_NOTIFY_INTERVAL_MS: "200", ACCORD_NOTIFY_RETRY_MS: "300" };

let smtp: SmtpReceiver;
let handle: DatabaseHandle;
let server: TestServer;
let world: Awaited<ReturnType<typeof buildNotifyWorld>>;

/** A fixed-offset zone where it is now about noon, so that quiet hours never hold these mails back. */
function middayZone(): string {
  const offset = (((12 - new Date().getUTCHours() + 12) % 24) + 24) % 24 - 12;
  return offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startServer({ demo: false, env: { ...FAST, SMTP_URL: smtp.url, ACCORD_MAIL_FROM: "Accord <accord@example.org>" } });
  handle = openDatabase(server.dbPath);
  // The first scan marks where the history starts; what comes after it is announced.
  for (let i = 0; i < 100; i++) {
    if (await handle.db.selectFrom("notification_state").select("value").where("name", "=", "events_cursor").executeTakeFirst()) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  world = await buildNotifyWorld(handle.db, systemClock, "S1", PASSWORD);
  const zone = middayZone();
  for (const person of [world.viDelegate, world.enSecretariat, world.zhDelegate, world.zhObserver]) await setTimeZone(handle.db, person.id, zone);
  await createUser(handle.db, systemClock, { email: "admin.s1@notify.test", name: "Admin", password: PASSWORD, isAdmin: true });
});

afterAll(async () => {
  await handle?.close();
  await smtp?.close();
});

describe("mail through SMTP", () => {
  it("sends each person the mails their agency's commitments call for, once, across a restart in the middle of sending", async () => {
    const today = todayOf(systemClock);
    // A slow mail server, so that the restart falls while mail is going out.
    smtp.delayMs = 250;
    await world.commit("Exchange lists of high-risk consignments", [world.agencyA.id], daysFrom(today, 3));
    await world.commit("Report the Mekong Dragon stage to the WCO", [world.agencyB.id], daysFrom(today, 14));
    await world.commit("Joint patrol of the border river", [world.agencyA.id, world.agencyB.id], daysFrom(today, -1));
    await smtp.waitFor(2);
    await server.stop();
    expect(smtp.mails.length).toBeLessThan(12);
    server = await startServer({ dbPath: server.dbPath, demo: false, env: { ...FAST, SMTP_URL: smtp.url } });
    await smtp.waitFor(12);
    // Several more rounds: nothing else arrives.
    await new Promise((r) => setTimeout(r, 1500));
    const mails = smtp.mails.map((m) => ({ to: recipientOf(m), subject: m.subject ?? "", text: m.text ?? "" }));
    expect(mails).toHaveLength(12);
    expect(new Set(mails.map((m) => `${m.to} ${m.subject}`)).size).toBe(12);
    const count = (email: string) => mails.filter((m) => m.to === email).length;
    expect([count(world.viDelegate.email), count(world.enSecretariat.email), count(world.zhDelegate.email), count(world.zhObserver.email)]).toEqual([4, 4, 4, 0]);
    expect(mails.filter((m) => m.to === world.viDelegate.email).every((m) => m.text.startsWith("Kính gửi Đỗ Văn An,"))).toBe(true);
    expect(mails.filter((m) => m.to === world.zhDelegate.email).some((m) => m.subject.includes("将于14天后"))).toBe(true);
    expect(mails.filter((m) => m.to === world.enSecretariat.email).some((m) => m.subject.includes("is due in 3 days"))).toBe(true);
    expect(smtp.mails[0].from?.text).toContain("accord@example.org");
    smtp.delayMs = 0;
  });

  it("the link in a mail opens the thing after sign-in", async () => {
    const mail = smtp.mails.find((m) => recipientOf(m) === world.zhDelegate.email)!;
    const link = /http:\/\/localhost:\d+(\/login\?redirectTo=\S+)/.exec(mail.text ?? "")![1];
    const redirectTo = decodeURIComponent(new URL(link, "http://x").searchParams.get("redirectTo")!);
    expect(redirectTo).toMatch(/^\/commitments\/\d+$/);
    const client = new HttpClient(server.url);
    expect((await client.get(link)).status).toBe(200);
    const response = await client.login(world.zhDelegate.email, PASSWORD, { redirectTo });
    expect(response.status).toBe(303);
    expect(redirectPath(response, server.url)).toBe(redirectTo);
    expect((await client.get(redirectTo)).status).toBe(200);
  });

  it("gives each person the commitment's text in their language where it has one, else the base text, marked", async () => {
    const before = smtp.mails.length;
    // The Chinese text is there before the scan can see the commitment.
    await handle.db.transaction().execute(async (trx) => {
      const id = await createCommitment(trx, systemClock, null, {
        seriesId: world.seriesId,
        conferenceId: world.conferenceId,
        text: "Exchange seizure figures every month",
        baseLanguage: "en",
        ownerAgencyIds: [world.agencyA.id, world.agencyB.id],
        dueOn: null,
        dueNext: false,
      });
      await writeTranslation(trx, {
        subject: "commitment",
        subjectId: id,
        field: "text",
        language: "zh",
        text: "每月交换查获数据",
        aligned: { language: "en", text: "Exchange seizure figures every month" },
        at: new Date().toISOString(),
        by: null,
      });
    });
    await smtp.waitFor(before + 3);
    const mails = smtp.mails.slice(before).map((m) => ({ to: recipientOf(m), subject: m.subject ?? "", text: m.text ?? "" }));
    const to = (email: string) => mails.find((m) => m.to === email)!;
    expect(to(world.zhDelegate.email).subject).toContain("“每月交换查获数据”");
    expect(to(world.zhDelegate.email).text).not.toContain("Exchange seizure figures");
    expect(to(world.enSecretariat.email).subject).toContain("“Exchange seizure figures every month”");
    expect(to(world.enSecretariat.email).subject).not.toContain("[");
    expect(to(world.viDelegate.email).subject).toContain("“Exchange seizure figures every month [English; chưa có văn bản Tiếng Việt]”");
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails.length).toBe(before + 3);
  });
});

describe("a mail server that refuses", () => {
  it("is retried with backoff until it accepts; nothing is lost, nothing doubled, and administrators see both", async () => {
    smtp.failing = true;
    const before = smtp.mails.length;
    await world.commit("Train officers on e-commerce controls", [world.agencyB.id], null);
    const row = () =>
      handle.db.selectFrom("notifications").select(["mail_status", "mail_attempts", "mail_error"]).where("event_key", "like", "assigned:%").where("user_id", "=", world.zhDelegate.id).orderBy("id", "desc").executeTakeFirst();
    for (let i = 0; i < 100 && ((await row())?.mail_attempts ?? 0) < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const refused = await row();
    expect(refused?.mail_attempts).toBeGreaterThanOrEqual(2);
    expect(["pending", "sending"]).toContain(refused?.mail_status); // waiting for the next attempt, or in it
    expect(smtp.mails.length).toBe(before);

    const admin = await new HttpClient(server.url).signIn("admin.s1@notify.test", PASSWORD);
    const page = htmlText((await admin.getHtml("/admin/mail")).html);
    expect(page).toContain("Try again later");
    expect(page).toContain(world.zhDelegate.email);
    const delegate = await new HttpClient(server.url).signIn(world.zhDelegate.email, PASSWORD);
    expect((await delegate.get("/admin/mail")).status).toBe(403);

    smtp.failing = false;
    await smtp.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.slice(before).map((m) => m.subject)).toEqual(["Mekong S1：本单位已成为“Train officers on e-commerce controls”的负责方。"]);
    expect((await row())?.mail_status).toBe("sent");
    expect(htmlText((await admin.getHtml("/admin/mail")).html)).toContain("No mail was refused.");
  });
});

describe("without SMTP_URL", () => {
  it("says once that mail is off, sends nothing, and keeps notifications in the app", async () => {
    await server.stop();
    server = await startServer({ dbPath: server.dbPath, demo: false, env: FAST });
    const before = smtp.mails.length;
    await world.commit("Share the digital control manual", [world.agencyB.id], null);
    const zh = await new HttpClient(server.url).signIn(world.zhDelegate.email, PASSWORD);
    let page = "";
    for (let i = 0; i < 50 && !page.includes("Share the digital control manual"); i++) {
      await new Promise((r) => setTimeout(r, 100));
      page = htmlText((await zh.getHtml("/notifications")).html);
    }
    expect(page).toContain("本单位已成为“Share the digital control manual”的负责方。");
    expect(smtp.mails.length).toBe(before);
    expect(server.logs.entries.filter((e) => typeof e.msg === "string" && e.msg.startsWith("mail is off"))).toHaveLength(1);
  });
});

describe("the notifications page", () => {
  it("lists a person's own notifications newest first, with the unread count in the header", async () => {
    const zh = await new HttpClient(server.url).signIn(world.zhDelegate.email, PASSWORD);
    const { status, html } = await zh.getHtml("/notifications");
    expect(status).toBe(200);
    // Six from the tests before the one of texts in every language, which adds one.
    expect(html).toMatch(/aria-label="通知，7条未读"/);
    const text = htmlText(html);
    expect(text.indexOf("Share the digital control manual")).toBeLessThan(text.indexOf("Report the Mekong Dragon stage"));
    expect(text).not.toContain("Exchange lists of high-risk consignments"); // agency A's, not hers
    // Each links through /notifications/<id>, which marks it read and goes on to the thing.
    const newest = await handle.db.selectFrom("notifications").select(["id", "path"]).where("user_id", "=", world.zhDelegate.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(html).toContain(`href="/notifications/${newest.id}"`);
    expect(newest.path).toMatch(/^\/commitments\/\d+$/);
    const opened = await zh.get(`/notifications/${newest.id}`);
    expect(opened.status).toBe(303);
    expect(redirectPath(opened, server.url)).toBe(newest.path);
    expect((await handle.db.selectFrom("notifications").select("read_at").where("id", "=", newest.id).executeTakeFirstOrThrow()).read_at).not.toBeNull();
    expect((await zh.getHtml("/notifications")).html).toMatch(/aria-label="通知，6条未读"/);
  });

  it("opens someone else's notification, or one that does not exist, as nothing at all", async () => {
    const others = await handle.db.selectFrom("notifications").select("id").where("user_id", "=", world.viDelegate.id).where("read_at", "is", null).orderBy("id").executeTakeFirstOrThrow();
    const zh = await new HttpClient(server.url).signIn(world.zhDelegate.email, PASSWORD);
    for (const id of [String(others.id), "999999999", "nope"]) expect((await zh.get(`/notifications/${id}`)).status, id).toBe(404);
    expect((await handle.db.selectFrom("notifications").select("read_at").where("id", "=", others.id).executeTakeFirstOrThrow()).read_at).toBeNull();
  });

  it("marks one's own notification read with a plain form, and refuses someone else's", async () => {
    const own = await handle.db.selectFrom("notifications").select("id").where("user_id", "=", world.zhDelegate.id).where("read_at", "is", null).orderBy("id").executeTakeFirstOrThrow();
    const others = await handle.db.selectFrom("notifications").select("id").where("user_id", "=", world.viDelegate.id).where("read_at", "is", null).orderBy("id").executeTakeFirstOrThrow();
    const zh = await new HttpClient(server.url).signIn(world.zhDelegate.email, PASSWORD);

    const refused = await zh.postForm("/notifications", { intent: "read", id: String(others.id) });
    expect(refused.status).toBe(404);
    const stillUnread = await handle.db.selectFrom("notifications").select("read_at").where("id", "=", others.id).executeTakeFirstOrThrow();
    expect(stillUnread.read_at).toBeNull();

    const done = await zh.postForm("/notifications", { intent: "read", id: String(own.id) });
    expect(done.status).toBe(303);
    expect(redirectPath(done, server.url)).toBe("/notifications");
    expect((await handle.db.selectFrom("notifications").select("read_at").where("id", "=", own.id).executeTakeFirstOrThrow()).read_at).not.toBeNull();

    const all = await zh.postForm("/notifications", { intent: "readAll" });
    expect(all.status).toBe(303);
    const { html } = await zh.getHtml("/notifications");
    expect(html).toMatch(/aria-label="通知"/);
    const vi = await handle.db.selectFrom("notifications").select("id").where("user_id", "=", world.viDelegate.id).where("read_at", "is", null).execute();
    expect(vi.length).toBeGreaterThan(0);
  });

  it("gives the header the person's own unread count to follow, and nothing to anyone else", async () => {
    const vi = await new HttpClient(server.url).signIn(world.viDelegate.email, PASSWORD);
    const unread = await handle.db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", world.viDelegate.id).where("read_at", "is", null).where("kind", "!=", "digest").executeTakeFirstOrThrow();
    const { status, body } = await vi.getJson<{ unread: number }>("/notifications/count");
    expect(status).toBe(200);
    expect(body).toEqual({ unread: Number(unread.n) });
    expect(Number(unread.n)).toBeGreaterThan(0);
    const anonymous = await new HttpClient(server.url).getJson("/notifications/count");
    expect(anonymous.status).toBe(401);
  });

  it("is only for people who are signed in", async () => {
    const response = await new HttpClient(server.url).get("/notifications");
    expect(response.status).toBe(302);
    expect(redirectPath(response, server.url)).toBe("/login?redirectTo=%2Fnotifications");
  });
});

describe("notification settings", () => {
  it("saves per-kind choices and a time zone, and refuses a zone that does not exist", async () => {
    const vi = await new HttpClient(server.url).signIn(world.viDelegate.email, PASSWORD);
    const page = await vi.getHtml("/notifications/settings");
    expect(page.status).toBe(200);
    expect(htmlText(page.html)).toContain("Nhắc hạn trước 14 ngày và trước 3 ngày");
    const fields = { assigned: "digest", due: "immediate", overdue: "off", shareAwaited: "immediate", statusChanged: "immediate", reviewReady: "immediate", concluded: "off", mentioned: "immediate", weeklySummary: "digest" };
    const saved = await vi.postForm("/notifications/settings", { ...fields, timeZone: "Asia/Ho_Chi_Minh" });
    expect(saved.status).toBe(200);
    const prefs = await handle.db.selectFrom("notification_preferences").select(["kind", "delivery"]).where("user_id", "=", world.viDelegate.id).orderBy("kind").execute();
    expect(Object.fromEntries(prefs.map((p) => [p.kind, p.delivery]))).toEqual(fields);
    const bad = await vi.postForm("/notifications/settings", { ...fields, timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    const user = await handle.db.selectFrom("users").select("time_zone").where("id", "=", world.viDelegate.id).executeTakeFirstOrThrow();
    expect(user.time_zone).toBe("Asia/Ho_Chi_Minh");
  });
});

describe("an agency's time zone", () => {
  it("is set by an administrator and is the default of its people; an unknown zone is refused", async () => {
    const admin = await new HttpClient(server.url).signIn("admin.s1@notify.test", PASSWORD);
    const fields = { intent: "update", id: String(world.agencyA.id), code: world.agencyA.code, name: "Hải quan thử nghiệm S1", country: "VN" };
    const bad = await admin.postForm(`/admin/agencies?edit=${world.agencyA.id}`, { ...fields, timeZone: "Asia/Atlantis" });
    expect(bad.status).toBe(400);
    expect(htmlText(await bad.text())).toContain("This is not a known time zone");
    const ok = await admin.postForm("/admin/agencies", { ...fields, timeZone: "Asia/Bangkok" });
    expect(ok.status).toBe(200);
    const row = await handle.db.selectFrom("agencies").select("time_zone").where("id", "=", world.agencyA.id).executeTakeFirstOrThrow();
    expect(row.time_zone).toBe("Asia/Bangkok");

    // Someone of that agency who has not chosen a zone sees it offered as theirs.
    const en = await new HttpClient(server.url).signIn(world.enSecretariat.email, PASSWORD);
    await setTimeZone(handle.db, world.enSecretariat.id, null);
    expect(htmlText((await en.getHtml("/notifications/settings")).html)).toContain("My agency’s time zone (Asia/Bangkok)");
  });
});

describe("a personal calendar feed", () => {
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

  it("serves the agency's due dates and the series' conferences at a secret address that can be replaced and stopped", async () => {
    const vi = await new HttpClient(server.url).signIn(world.viDelegate.email, PASSWORD);
    const created = await vi.postForm("/notifications/settings", { intent: "createFeed" });
    expect(created.status).toBe(200);
    const url = /value="(http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]+\.ics)"/.exec(await created.text())?.[1];
    expect(url).toBeTruthy();

    // A calendar app sends no cookie.
    const feed = await fetch(url!);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const ics = unfold(await feed.text());
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("Exchange lists of high-risk consignments"); // agency A's
    expect(ics).not.toContain("Report the Mekong Dragon stage"); // agency B's
    expect(ics).toMatch(/SUMMARY:First/); // the series' conference

    const replaced = await vi.postForm("/notifications/settings", { intent: "createFeed" });
    const next = /value="(http:[^"]+\.ics)"/.exec(await replaced.text())?.[1];
    expect(next).toBeTruthy();
    expect(next).not.toBe(url);
    expect((await fetch(url!)).status).toBe(404);
    expect((await fetch(next!)).status).toBe(200);

    expect((await vi.postForm("/notifications/settings", { intent: "removeFeed" })).status).toBe(200);
    expect((await fetch(next!)).status).toBe(404);
    expect((await fetch(`${server.url}/calendar/${"x".repeat(43)}.ics`)).status).toBe(404);
  });
});

