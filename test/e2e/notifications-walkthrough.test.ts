import { mkdirSync } from "node:fs";
import { enMail } from "../../app/i18n/mail-catalogs/en";
import { viMail } from "../../app/i18n/mail-catalogs/vi";
import { zhMail } from "../../app/i18n/mail-catalogs/zh";
import path from "node:path";
import type { ParsedMail } from "mailparser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDraftAction } from "../../app/collab/conference-doc";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { systemClock } from "../../app/models/clock.server";
import { todayOf } from "../../app/models/commitments.server";
import { formatDueDate } from "../../app/i18n/format";
import { launchBrowser, openPage } from "../helpers/browser";
import { conferenceDocName, connectCollab, cookieHeader, waitSynced } from "../helpers/collab";
import { HttpClient, redirectPath } from "../helpers/http";
import { daysFrom } from "../helpers/notify-fixture";
import { startServer, type TestServer } from "../helpers/server";
import { recipientOf, startSmtpReceiver, type SmtpReceiver } from "../helpers/smtp";

// Issue 14 walked as a new installation would live it, from outside: the
// first administrator from the link in the log, agencies, people invited by
// mail who set up their accounts from the mailed link, a series of their own
// (no demo data), a conference concluded with three actions, a due date
// corrected into the past, one party's share confirmed, a comment naming
// someone, the next conference announced. A real SMTP server on loopback
// receives everything; the server is restarted while mail is going out. Each
// person gets exactly the mails their role and preferences call for, in their
// language, once, and their links work (one is followed in Chromium).

const PASSWORD = "walk-through-2026";
const FAST = { ACCORD_NOTIFY_INTERVAL_MS: "200", ACCORD_NOTIFY_RETRY_MS: "300" };
const SLUG = "walk-mekong";
const SHOTS = process.env.ACCORD_SCREENSHOTS ?? null;

let smtp: SmtpReceiver;
let server: TestServer;
let browser: Browser;
const today = todayOf(systemClock);

/** A fixed-offset zone where it is now about noon, so that quiet hours never hold these mails back. */
function middayZone(): string {
  const offset = ((((12 - new Date().getUTCHours() + 12) % 24) + 24) % 24) - 12;
  return offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

const people = {
  hai: { email: "hai@walk.test", name: "Nguyễn Văn Hải", agency: "VNW", role: "secretariat", locale: "vi" },
  mai: { email: "mai@walk.test", name: "Trần Thị Mai", agency: "VNW", role: "delegate", locale: "vi" },
  qiang: { email: "qiang@walk.test", name: "王强", agency: "CNW", role: "secretariat", locale: "zh" },
  yang: { email: "yang@walk.test", name: "刘洋", agency: "CNW", role: "delegate", locale: "zh" },
  emma: { email: "emma@walk.test", name: "Emma Clarke", agency: "CNW", role: "observer", locale: "en" },
} as const;
type Key = keyof typeof people;
const clients = {} as Record<Key, HttpClient>;
let admin: HttpClient;

function mailsTo(email: string, from = 0): ParsedMail[] {
  return smtp.mails.slice(from).filter((m) => recipientOf(m) === email);
}

/** Notification mail only (not invitations), by recipient. */
function notificationMails(key: Key): ParsedMail[] {
  return mailsTo(people[key].email).filter((m) => !(m.messageId ?? "").startsWith("<invitation-"));
}

async function settle(ms = 1500) {
  await new Promise((r) => setTimeout(r, ms));
}

async function waitForTotal(count: number, timeoutMs = 30_000) {
  await smtp.waitFor(count, timeoutMs);
}

beforeAll(async () => {
  [smtp, browser] = await Promise.all([startSmtpReceiver(), launchBrowser()]);
  server = await startServer({ demo: false, env: { ...FAST, SMTP_URL: smtp.url, ACCORD_MAIL_FROM: "Accord <accord@walk.test>" } });
});

afterAll(async () => {
  await browser?.close();
  await smtp?.close();
});

describe("notifications, walked by a new installation", () => {
  it("the first administrator comes from the link in the log; agencies keep their people's time zone", async () => {
    const entry = server.logs.entries.find((e) => typeof e.setupUrl === "string");
    expect(entry, "the setup link in the log").toBeTruthy();
    const setupPath = new URL(entry!.setupUrl as string).pathname;
    admin = new HttpClient(server.url);
    const created = await admin.postForm(setupPath, { name: "Lê Minh Quân", email: "quan@walk.test", password: PASSWORD, confirm: PASSWORD });
    expect(created.status).toBe(303);
    const zone = middayZone();
    for (const [code, name, country] of [
      ["VNW", "Cục Điều tra chống buôn lậu (thử nghiệm)", "VN"],
      ["CNW", "缉私局（测试）", "CN"],
    ]) {
      const response = await admin.postForm("/admin/agencies", { intent: "create", code, name, country, timeZone: zone });
      expect(response.status, code).toBe(200);
    }
  });

  it("invites everyone by mail, each in their language, and each sets up their account from the mailed link", async () => {
    const users = await admin.getHtml("/admin/users");
    for (const p of Object.values(people)) {
      const id = new RegExp(`<option value="(\\d+)"[^>]*>${p.agency}(?:<!-- -->)? —`).exec(users.html)?.[1];
      expect(id, p.agency).toBeTruthy();
      // Emma works for the Chinese party but reads English: her administrator says so.
      const response = await admin.postForm("/admin/users", { intent: "invite", name: p.name, email: p.email, agencyId: id!, locale: p.email === people.emma.email ? "en" : "" });
      expect(response.status, p.email).toBe(200);
    }
    await waitForTotal(5);
    const subjects = Object.fromEntries(Object.entries(people).map(([key, p]) => [key, mailsTo(p.email).map((m) => m.subject)]));
    expect(subjects).toEqual({
      hai: ["Lê Minh Quân mời quý vị tham gia Accord"],
      mai: ["Lê Minh Quân mời quý vị tham gia Accord"],
      qiang: ["Lê Minh Quân邀请您使用 Accord"],
      yang: ["Lê Minh Quân邀请您使用 Accord"],
      emma: ["Lê Minh Quân invites you to Accord"],
    });
    for (const key of Object.keys(people) as Key[]) {
      const [mail] = mailsTo(people[key].email);
      const link = /http:\/\/localhost:\d+(\/invite\/[A-Za-z0-9_-]+)/.exec(mail.text ?? "")![1];
      const client = new HttpClient(server.url);
      const accepted = await client.postForm(link, { password: PASSWORD, confirm: PASSWORD });
      expect(accepted.status, key).toBe(303);
      clients[key] = client;
    }
  });

  it("a series of their own: parties, roles, and when its review list is announced", async () => {
    const created = await admin.postForm("/admin/series", [
      ["name", "Mekong Walk"],
      ["slug", SLUG],
      ["description", ""],
      ["parties", "VNW"],
      ["parties", "CNW"],
    ]);
    expect(created.status).toBe(303);
    const page = await admin.getHtml(`/admin/series/${SLUG}`);
    for (const key of Object.keys(people) as Key[]) {
      const p = people[key];
      const agencyId = new RegExp(`<option value="(\\d+)"[^>]*>${p.agency}(?:<!-- -->)? —`).exec(page.html)?.[1];
      const { body: me } = await clients[key].getJson<{ id: string }>("/api/v1/me");
      const granted = await admin.postForm(`/admin/series/${SLUG}`, { intent: "grant", userId: me.id, agencyId: agencyId!, role: p.role });
      expect(granted.status, key).toBe(200);
    }
    // Twenty days' notice for this series (the default is fourteen).
    expect((await clients.hai.postForm(`/series/${SLUG}/settings`, { reviewNoticeDays: "20" })).status).toBe(200);
    // Mai wants no reminders before due dates by mail; everything else at once.
    const choices = { assigned: "immediate", due: "off", overdue: "immediate", shareAwaited: "immediate", statusChanged: "immediate", reviewReady: "immediate", concluded: "immediate", mentioned: "immediate", weeklySummary: "immediate" };
    expect((await clients.mai.postForm("/notifications/settings", { intent: "settings", ...choices, timeZone: "" })).status).toBe(200);
  });

  let ids: { a1: number; a2: number; a3: number };
  const before = { count: 0 };

  it("a conference concluded with three actions tells owners, reminds of what is due, and announces the record; a restart in the middle sends nothing twice", async () => {
    before.count = smtp.mails.length;
    const hai = clients.hai;
    const conference = await hai.postForm(`/series/${SLUG}/conferences/new`, {
      number: "1",
      title: "Hội nghị lần thứ nhất",
      startsOn: today,
      endsOn: today,
      format: "online",
      venue: "",
      hostAgencyId: "",
    });
    expect(conference.status).toBe(303);
    const { docName } = await conferenceDocName(hai, SLUG, 1);
    const collab = connectCollab(server, docName, { cookie: cookieHeader(hai) });
    await waitSynced(collab);
    addDraftAction(collab.doc, { text: "Exchange lists of high-risk consignments", owners: ["VNW"], due: daysFrom(today, 3) });
    addDraftAction(collab.doc, { text: "Report the Mekong Dragon stage to the WCO", owners: ["CNW"], due: daysFrom(today, 14) });
    addDraftAction(collab.doc, { text: "Joint patrol of the border river", owners: ["VNW", "CNW"], due: daysFrom(today, 30) });
    await collab.waitStored("the hub to store the draft actions");
    collab.destroy();
    // A slow mail server, so that the restart falls while mail is going out.
    smtp.delayMs = 150;
    expect((await hai.postForm(`/series/${SLUG}/conferences/1/lifecycle`, { intent: "open" })).status).toBe(303);
    const concluded = await hai.postForm(`/series/${SLUG}/conferences/1/lifecycle`, { intent: "conclude" });
    expect(concluded.status).toBe(303);
    expect(redirectPath(concluded, server.url)).toBe(`/series/${SLUG}/conferences/1/record`);

    await waitForTotal(before.count + 2);
    await server.stop();
    const sentBeforeRestart = smtp.mails.length - before.count;
    // Assigned: Mai twice, 王强 and 刘洋 twice each (Hải concluded, so he is not told what he did himself);
    // concluded: the four others; due in 3 days: Hải (Mai chose none); in 14 days: 王强 and 刘洋.
    expect(sentBeforeRestart).toBeLessThan(13);
    server = await startServer({ dbPath: server.dbPath, demo: false, env: { ...FAST, SMTP_URL: smtp.url } });
    for (const key of Object.keys(people) as Key[]) clients[key] = await new HttpClient(server.url).signIn(people[key].email, PASSWORD);
    await waitForTotal(before.count + 13);
    smtp.delayMs = 0;
    await settle();
    expect(smtp.mails.length - before.count).toBe(13);

    const { body } = await clients.hai.getJson<{ id: number; text: string }[]>(`/api/v1/series/${SLUG}/commitments`);
    const id = (text: string) => body.find((c) => c.text === text)!.id;
    ids = { a1: id("Exchange lists of high-risk consignments"), a2: id("Report the Mekong Dragon stage to the WCO"), a3: id("Joint patrol of the border river") };
  });

  it("a due date corrected into the past, one party's share confirmed, a comment naming someone, and the next conference's review list", async () => {
    const hai = clients.hai;

    // The patrol was in fact due yesterday: everyone who owes it is told it is late.
    const corrected = await clients.hai.postForm(`/commitments/${ids.a3}`, { intent: "due", dueKind: "date", dueOn: daysFrom(today, -1) });
    expect(corrected.status).toBe(200);
    await waitForTotal(before.count + 17);

    // China's delegate confirms China's share: Vietnam's people are told theirs is awaited.
    const confirmed = await clients.yang.postForm(`/commitments/${ids.a3}`, { intent: "status", to: "done", note: "", reason: "", forAgencyId: "" });
    expect(confirmed.status).toBe(200);
    await waitForTotal(before.count + 19);

    // Mai asks 王强 by name.
    const comment = await clients.mai.postForm(`/commitments/${ids.a2}`, { intent: "comment", target: "commitment", body: "@王强 could you share the draft report to the WCO?", parentId: "" });
    expect(comment.status).toBe(200);
    await waitForTotal(before.count + 20);

    // The next conference in 18 days: within this series' 20 days, so its review list is announced to every member.
    expect(
      (
        await hai.postForm(`/series/${SLUG}/conferences/new`, {
          number: "2",
          title: "Hội nghị lần thứ hai",
          startsOn: daysFrom(today, 18),
          endsOn: daysFrom(today, 19),
          format: "online",
          venue: "",
          hostAgencyId: "",
        })
      ).status,
    ).toBe(303);
    await waitForTotal(before.count + 25);
    await settle();
    expect(smtp.mails.length - before.count).toBe(25);
  });

  it("each person received exactly what their role and choices call for, in their language, once", () => {
    const all = Object.keys(people).flatMap((key) => notificationMails(key as Key).map((m) => `${recipientOf(m)} ${m.subject}`));
    expect(new Set(all).size).toBe(all.length);
    const catalogs = { en, vi, zh };
    /** A catalog sentence with its values, as a recipient reads it. */
    const say = (locale: "en" | "vi" | "zh", key: keyof typeof en.notify.messages, values: Record<string, string | number>) =>
      Object.entries({ series: "Mekong Walk", ...values }).reduce<string>(
        (text, [name, value]) => text.replaceAll(`{{${name}}}`, name === "dueOn" || name === "startsOn" ? formatDueDate(locale, String(value), "long") : String(value)),
        catalogs[locale].notify.messages[key],
      );
    const A1 = "Exchange lists of high-risk consignments";
    const A2 = "Report the Mekong Dragon stage to the WCO";
    const A3 = "Joint patrol of the border river";
    const d = (days: number) => daysFrom(today, days);
    const vietnam = [
      say("vi", "overdue_other", { commitment: A3, dueOn: d(-1), count: 1 }),
      say("vi", "shareAwaited", { commitment: A3, agency: "CNW" }),
      say("vi", "reviewReady", { conference: 2, startsOn: d(18) }),
    ];
    const china = [
      say("zh", "assigned", { commitment: A2 }),
      say("zh", "assigned", { commitment: A3 }),
      say("zh", "dueIn_other", { commitment: A2, dueOn: d(14), count: 14 }),
      say("zh", "overdue_other", { commitment: A3, dueOn: d(-1), count: 1 }),
      say("zh", "concluded", { conference: 1 }),
      say("zh", "reviewReady", { conference: 2, startsOn: d(18) }),
    ];
    const subjects = (key: Key) => notificationMails(key).map((m) => m.subject ?? "").sort();
    // Hải concluded the conference himself: he is not told of it, nor of what it assigned; he gets the 3-day reminder.
    expect(subjects("hai")).toEqual([...vietnam, say("vi", "dueIn_other", { commitment: A1, dueOn: d(3), count: 3 })].sort());
    // Mai chose no mail before due dates.
    expect(subjects("mai")).toEqual(
      [...vietnam, say("vi", "assigned", { commitment: A1 }), say("vi", "assigned", { commitment: A3 }), say("vi", "concluded", { conference: 1 })].sort(),
    );
    // 王强 was named in Mai's comment; 刘洋 confirmed China's share, so China is not told its share is awaited.
    expect(subjects("qiang")).toEqual([...china, say("zh", "mentionedOnCommitment", { commitment: A2, actor: "Trần Thị Mai" })].sort());
    expect(subjects("yang")).toEqual([...china].sort());
    // An observer: the conference's record and the next review list, nothing about commitments.
    expect(subjects("emma")).toEqual([say("en", "concluded", { conference: 1 }), say("en", "reviewReady", { conference: 2, startsOn: d(18) })].sort());

    for (const key of ["hai", "mai"] as Key[]) expect(notificationMails(key).every((m) => (m.text ?? "").startsWith(viMail.notify.mail.greeting.replace("{{name}}", people[key].name)))).toBe(true);
    for (const key of ["qiang", "yang"] as Key[]) expect(notificationMails(key).every((m) => (m.text ?? "").startsWith(zhMail.notify.mail.greeting.replace("{{name}}", people[key].name)))).toBe(true);
    expect(notificationMails("emma").every((m) => (m.text ?? "").startsWith(enMail.notify.mail.greeting.replace("{{name}}", "Emma Clarke")))).toBe(true);
    for (const mail of smtp.mails) expect(String(mail.html)).toMatch(/<html lang="(en|vi|zh)">/);
  });

  it("Mai's 3-day reminder is in the app though not mailed; every person's links open the right page after sign-in", async () => {
    const list = await clients.mai.getHtml("/notifications");
    expect(list.html).toContain("Exchange lists of high-risk consignments” đến hạn sau 3 ngày");
    for (const key of Object.keys(people) as Key[]) {
      for (const mail of notificationMails(key)) {
        const links = [...(mail.text ?? "").matchAll(/http:\/\/localhost:\d+(\/login\?redirectTo=\S+)/g)].map((m) => m[1]);
        expect(links.length, `${key}: ${mail.subject}`).toBe(2); // the thing, and the preferences
        const redirectTo = decodeURIComponent(new URL(links[0], "http://x").searchParams.get("redirectTo")!);
        const fresh = new HttpClient(server.url);
        expect((await fresh.get(links[0])).status).toBe(200);
        const signedIn = await fresh.login(people[key].email, PASSWORD, { redirectTo });
        expect(redirectPath(signedIn, server.url)).toBe(redirectTo);
        expect((await fresh.get(redirectTo)).status, `${key} opens ${redirectTo}`).toBe(200);
        expect(decodeURIComponent(new URL(links[1], "http://x").searchParams.get("redirectTo")!)).toBe("/notifications/settings");
      }
    }
  });

  it("in Chromium: a mail's link, followed through sign-in, opens the commitment; the mails and the notifications page read well", async () => {
    const mail = notificationMails("yang").find((m) => (m.subject ?? "").includes("将于14天后"))!;
    const link = /http:\/\/localhost:\d+(\/login\?redirectTo=\S+)/.exec(mail.text ?? "")![1];
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      await page.goto(link);
      await page.getByLabel(en.login.email).fill(people.yang.email);
      await page.getByLabel(en.login.password).fill(PASSWORD);
      await page.getByRole("button", { name: en.login.submit }).click();
      await page.waitForURL((url) => url.pathname === `/commitments/${ids.a2}`);
      await page.getByRole("heading", { level: 1, name: "Report the Mekong Dragon stage to the WCO" }).waitFor();
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    const shots = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await shots.newPage();
      for (const key of ["mai", "qiang", "emma"] as Key[]) {
        await page.setContent(String(notificationMails(key)[0].html));
        await page.screenshot({ path: path.join(SHOTS, `mail-${people[key].locale}.png`), fullPage: true });
        await page.setContent(String(mailsTo(people[key].email)[0].html));
        await page.screenshot({ path: path.join(SHOTS, `invitation-${people[key].locale}.png`), fullPage: true });
      }
    } finally {
      await shots.close();
    }
    for (const key of ["mai", "qiang", "emma"] as Key[]) {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
      try {
        const page = await context.newPage();
        await page.goto("/login");
        await page.getByLabel(en.login.email).fill(people[key].email);
        await page.getByLabel(en.login.password).fill(PASSWORD);
        await page.getByRole("button", { name: en.login.submit }).click();
        await page.waitForURL((url) => url.pathname === "/");
        await page.goto("/notifications");
        await page.screenshot({ path: path.join(SHOTS, `notifications-390-${people[key].locale}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    }
  });
});
