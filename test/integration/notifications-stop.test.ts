import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enMail } from "../../app/i18n/mail-catalogs/en";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { en } from "../../app/i18n/catalogs/en";
import { systemClock } from "../../app/models/clock.server";
import { issueStopToken, stopMail } from "../../app/models/mail-stop.server";
import { getPreferences, setPreferences, setTimeZone } from "../../app/models/notifications.server";
import { HttpClient, htmlText } from "../helpers/http";
import { buildNotifyWorld } from "../helpers/notify-fixture";
import { startServer, type TestServer } from "../helpers/server";
import { recipientOf, startSmtpReceiver, type SmtpReceiver } from "../helpers/smtp";

// The one-click way out of a kind of mail (decision 0035): the link at the foot
// of each notification mail, and the same address in its List-Unsubscribe
// header, turn that kind of mail off for its recipient without signing in;
// the rest still comes; a made-up or old link does nothing.

let smtp: SmtpReceiver;
let server: TestServer;
let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof buildNotifyWorld>>;

function middayZone(): string {
  const offset = ((((12 - new Date().getUTCHours() + 12) % 24) + 24) % 24) - 12;
  return offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startServer({ demo: false, env: { ACCORD_NOTIFY_INTERVAL_MS: "200", SMTP_URL: smtp.url } });
  handle = openDatabase(server.dbPath);
  for (let i = 0; i < 100; i++) {
    if (await handle.db.selectFrom("notification_state").select("value").where("name", "=", "events_cursor").executeTakeFirst()) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  world = await buildNotifyWorld(handle.db, systemClock, "T1", "stop-link-2026");
  for (const person of [world.viDelegate, world.enSecretariat, world.zhDelegate, world.zhObserver]) await setTimeZone(handle.db, person.id, middayZone());
});

afterAll(async () => {
  await handle?.close();
  await smtp?.close();
});

async function mailsTo(email: string, count: number) {
  for (let i = 0; i < 200 && smtp.mails.filter((m) => recipientOf(m) === email).length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return smtp.mails.filter((m) => recipientOf(m) === email);
}

describe("one click out of a kind of mail", () => {
  let stopPath = "";

  it("each notification mail carries its own stop link, in its text, its HTML and its List-Unsubscribe header", async () => {
    await world.commit("Exchange lists of high-risk consignments", [world.agencyA.id], null);
    const [mail] = await mailsTo(world.enSecretariat.email, 1);
    const link = /http:\/\/localhost:\d+(\/notifications\/stop\/[A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
    expect(link).toBeTruthy();
    stopPath = link!;
    expect(mail.text).toContain(`${enMail.notify.mail.stop.replace("{{kind}}", en.notify.admin.kinds.assigned)}: http://localhost`);
    expect(String(mail.html)).toContain(`${stopPath}"`);
    // A long header is folded onto a second line: unfold it to read it.
    const header = (name: string) => (mail.headerLines.find((h) => h.key === name)?.line ?? "").replace(/\r?\n\s+/g, " ");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")).toMatch(new RegExp(`^List-Unsubscribe: <http://localhost:\\d+${stopPath}>$`));
    // Only a hash is stored.
    const stored = JSON.stringify(await handle.db.selectFrom("mail_stop_tokens").selectAll().execute());
    expect(stored).not.toContain(stopPath.split("/").at(-1));
  });

  it("opening the link without signing in only asks; the button stops that kind, and only that kind", async () => {
    const guest = new HttpClient(server.url);
    const page = await guest.getHtml(stopPath);
    expect(page.status).toBe(200);
    expect(htmlText(page.html)).toContain(en.notify.stop.ask.replace("{{email}}", world.enSecretariat.email).replace("{{kind}}", en.notify.admin.kinds.assigned));
    expect((await getPreferences(handle.db, world.enSecretariat.id)).assigned).toBe("immediate");

    const stopped = await guest.postForm(stopPath, {});
    expect(stopped.status).toBe(200);
    expect(htmlText(await stopped.text())).toContain(en.notify.stop.done.replace("{{email}}", world.enSecretariat.email).replace("{{kind}}", en.notify.admin.kinds.assigned));
    const prefs = await getPreferences(handle.db, world.enSecretariat.id);
    expect(prefs.assigned).toBe("off");
    expect(prefs.overdue).toBe("immediate");
    expect(guest.sessionId()).toBeUndefined();

    // The next assignment reaches the Vietnamese delegate, not the secretariat who stopped it; it is still listed in the app.
    const before = smtp.mails.length;
    await world.commit("Report the Mekong Dragon stage to the WCO", [world.agencyA.id], null);
    await mailsTo(world.viDelegate.email, 2);
    await new Promise((r) => setTimeout(r, 800));
    // Mails of this assignment only: a mail of an earlier step may still be arriving meanwhile.
    const ofThisAssignment = smtp.mails.slice(before).filter((mail) => (mail.text ?? "").includes("Report the Mekong Dragon stage to the WCO"));
    expect(ofThisAssignment.map(recipientOf)).toEqual([world.viDelegate.email]);
    const listed = await handle.db.selectFrom("notifications").select("mail_status").where("user_id", "=", world.enSecretariat.id).where("params", "like", "%Mekong Dragon%").executeTakeFirstOrThrow();
    expect(listed.mail_status).toBe("none");
  });

  it("a mail program's one-click POST (RFC 8058), with no Origin and no session, does the same", async () => {
    const [mail] = await mailsTo(world.viDelegate.email, 1);
    const link = /http:\/\/localhost:\d+(\/notifications\/stop\/[A-Za-z0-9_-]+)/.exec(mail.text ?? "")![1];
    const response = await fetch(new URL(link, server.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    expect((await getPreferences(handle.db, world.viDelegate.id)).assigned).toBe("off");
  });

  it("a made-up link, or one past its time, does nothing", async () => {
    const guest = new HttpClient(server.url);
    const made = await guest.getHtml("/notifications/stop/made-up-token");
    expect(made.status).toBe(404);
    expect(htmlText(made.html)).toContain(en.notify.stop.invalid);
    expect((await guest.postForm("/notifications/stop/made-up-token", {})).status).toBe(404);

    const old = await issueStopToken(handle.db, systemClock, world.zhDelegate.id, "due");
    await handle.db.updateTable("mail_stop_tokens").set({ created_at: new Date(Date.now() - 91 * 86_400_000).toISOString() }).where("user_id", "=", world.zhDelegate.id).execute();
    expect((await guest.postForm(`/notifications/stop/${old}`, {})).status).toBe(404);
    expect((await getPreferences(handle.db, world.zhDelegate.id)).due).toBe("immediate");
  });

  it("the digest's link stops the digest: every kind gathered in it, and nothing else", async () => {
    await setPreferences(handle.db, world.zhObserver.id, { assigned: "digest", concluded: "digest", overdue: "immediate" });
    const token = await issueStopToken(handle.db, systemClock, world.zhObserver.id, "digest");
    expect(await stopMail(handle.db, systemClock, token)).toMatchObject({ kind: "digest" });
    const prefs = await getPreferences(handle.db, world.zhObserver.id);
    expect([prefs.assigned, prefs.concluded, prefs.overdue, prefs.due]).toEqual(["off", "off", "immediate", "immediate"]);
  });
});
