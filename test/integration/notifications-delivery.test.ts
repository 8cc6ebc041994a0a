import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { changeStatus } from "../../app/models/commitment-status.server";
import { DomainError } from "../../app/models/errors.server";
import { composeDigests } from "../../app/models/notification-digest.server";
import { scanForNotifications } from "../../app/models/notification-scan.server";
import { countUnread, markAllRead, markRead, pageOfNotifications, setPreferences, setTimeZone } from "../../app/models/notifications.server";
import { deliverPendingMail, recoverStaleSends, SENDING_STALE_MS, type DeliveryOptions } from "../../server/notify/delivery";
import { acquireLease, releaseLease } from "../../server/notify/lease";
import { createSmtpMailer } from "../../server/notify/mailer";
import { buildNotifyWorld, daysFrom } from "../helpers/notify-fixture";
import { freshDbPath } from "../helpers/server";
import { recipientOf, startSmtpReceiver, type SmtpReceiver } from "../helpers/smtp";

// The notifier's parts in this process, with a clock the test moves, against
// a real SMTP server on loopback: which mails each event produces, in whose
// language, and that none goes twice.

let handle: DatabaseHandle;
let smtp: SmtpReceiver;
let mailer: ReturnType<typeof createSmtpMailer>;
let now = new Date("2026-03-02T03:00:00.000Z"); // 10:00 in Hanoi, 11:00 in Beijing
const clock = { now: () => now };
const TODAY = "2026-03-02";
const options: DeliveryOptions = { origin: "https://accord.example.org", retryBaseMs: 60_000, maxAttempts: 5, staleAfterMs: 7 * 86_400_000, batchSize: 100 };
let world: Awaited<ReturnType<typeof buildNotifyWorld>>;

async function round() {
  await scanForNotifications(handle.db, clock);
  await composeDigests(handle.db, clock);
  await recoverStaleSends(handle.db, clock);
  return deliverPendingMail(handle.db, clock, mailer.send, options, async () => true);
}

function newMails(from: number) {
  return smtp.mails.slice(from).map((m) => ({ to: recipientOf(m), subject: m.subject ?? "", text: m.text ?? "", html: typeof m.html === "string" ? m.html : "" }));
}

beforeAll(async () => {
  handle = openDatabase(freshDbPath());
  await migrateToLatest(handle.db);
  smtp = await startSmtpReceiver();
  mailer = createSmtpMailer(smtp.url, "Accord <accord@example.org>");
  world = await buildNotifyWorld(handle.db, clock, "N1");
});

afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await handle?.close();
});

beforeEach(() => {
  smtp.failing = false;
});

describe("reminders and assignments, moving through time", () => {
  let c3: number;
  let c14: number;
  let late: number;

  it("a new installation announces nothing of its past", async () => {
    const past = await world.commit("Agreed before notifications existed", [world.agencyA.id], null);
    expect(past).toBeGreaterThan(0);
    const { added } = await scanForNotifications(handle.db, clock);
    expect(added).toBe(0);
  });

  it("assigning commitments due in 3 and 14 days and one overdue mails exactly the owners' people, each in their language, once", async () => {
    const before = smtp.mails.length;
    c3 = await world.commit("Exchange lists of high-risk consignments", [world.agencyA.id], daysFrom(TODAY, 3));
    c14 = await world.commit("Report the Mekong Dragon stage to the WCO", [world.agencyB.id], daysFrom(TODAY, 14));
    late = await world.commit("Joint patrol of the border river", [world.agencyA.id, world.agencyB.id], daysFrom(TODAY, -1));
    const stats = await round();
    const mails = newMails(before);
    // assigned: 1+1 (A) + 1 (B) + 3 (joint); due: 2 (A, 3 days) + 1 (B, 14 days); overdue: 3.
    expect(stats.sent).toBe(12);
    expect(mails).toHaveLength(12);
    const to = (user: { email: string }) => mails.filter((m) => m.to === user.email);
    expect(to(world.viDelegate)).toHaveLength(4);
    expect(to(world.enSecretariat)).toHaveLength(4);
    expect(to(world.zhDelegate)).toHaveLength(4);
    expect(to(world.zhObserver)).toHaveLength(0);

    expect(to(world.viDelegate).map((m) => m.subject)).toContain("Mekong N1: “Exchange lists of high-risk consignments” đến hạn sau 3 ngày, vào 5 tháng 3, 2026.");
    expect(to(world.enSecretariat).map((m) => m.subject)).toContain("Mekong N1: “Exchange lists of high-risk consignments” is due in 3 days, on 5 March 2026.");
    expect(to(world.zhDelegate).map((m) => m.subject)).toContain("Mekong N1：“Report the Mekong Dragon stage to the WCO”将于14天后（2026年3月16日）到期。");
    expect(to(world.zhDelegate).map((m) => m.subject)).toContain("Mekong N1：“Joint patrol of the border river”已于2026年3月1日到期，逾期1天。");
    expect(to(world.enSecretariat).map((m) => m.subject)).toContain("Mekong N1: your agency now owns “Joint patrol of the border river”.");

    const reminder = to(world.viDelegate).find((m) => m.subject.includes("đến hạn sau 3 ngày"))!;
    expect(reminder.text).toContain(`https://accord.example.org/login?redirectTo=%2Fcommitments%2F${c3}`);
    expect(reminder.text).toContain("https://accord.example.org/login?redirectTo=%2Fnotifications%2Fsettings");
    expect(reminder.text).toContain("Kính gửi Đỗ Văn An,");
    expect(reminder.html).toContain(`href="https://accord.example.org/login?redirectTo=%2Fcommitments%2F${c3}"`);
    expect(reminder.html).toContain('lang="vi"');
  });

  it("scanning and sending again sends nothing more", async () => {
    const before = smtp.mails.length;
    const { added } = await scanForNotifications(handle.db, clock);
    expect(added).toBe(0);
    expect((await round()).sent).toBe(0);
    expect(smtp.mails.length).toBe(before);
  });

  it("the next day brings nothing new; the 3-day reminder and the weekly overdue reminder come when due", async () => {
    now = new Date("2026-03-03T03:00:00.000Z");
    let before = smtp.mails.length;
    await round();
    expect(smtp.mails.length).toBe(before);

    now = new Date("2026-03-13T03:00:00.000Z"); // 11 days on
    before = smtp.mails.length;
    await round();
    const mails = newMails(before);
    // c14 now due in 3 days (B: 1); c3 8 days late (A: 2, its second week); the joint one 12 days late (3, second week);
    // and for the observer, the summary of the week notifications began in (2 to 8 March).
    expect(mails).toHaveLength(7);
    expect(mails.filter((m) => m.to === world.zhObserver.email).map((m) => m.subject)).toEqual([
      "Mekong N1，2026年3月2日至2026年3月8日当周：新商定4项，完成0项；目前逾期2项，顺延且尚未完成0项。",
    ]);
    expect(mails.find((m) => m.to === world.zhObserver.email)!.text).toContain(`redirectTo=%2Fseries%2F${world.slug}%2Fleader`);
    expect(mails.filter((m) => m.to === world.zhDelegate.email).map((m) => m.subject)).toEqual(
      expect.arrayContaining(["Mekong N1：“Report the Mekong Dragon stage to the WCO”将于3天后（2026年3月16日）到期。"]),
    );
    expect(mails.filter((m) => m.subject.includes("is 8 days late"))).toHaveLength(1);

    now = new Date("2026-03-15T03:00:00.000Z"); // the same overdue weeks; c14 due tomorrow (the same 3-day reminder)
    before = smtp.mails.length;
    await round();
    expect(smtp.mails.length).toBe(before);
    expect(c14).toBeGreaterThan(0);
  });

  it("the other owner confirming its share tells the owners still awaited, not the one that confirmed", async () => {
    const before = smtp.mails.length;
    await changeStatus(handle.db, clock, { user: { id: world.zhDelegate.id, email: world.zhDelegate.email, name: world.zhDelegate.name, isAdmin: false, locale: "zh", agencyId: world.agencyB.id }, membership: { seriesId: world.seriesId, userId: world.zhDelegate.id, agencyId: world.agencyB.id, role: "delegate" } }, { commitmentId: late, to: "done", note: "", reason: null, forAgencyId: null });
    await round();
    const mails = newMails(before);
    expect(mails.map((m) => m.to).sort()).toEqual([world.enSecretariat.email, world.viDelegate.email].sort());
    expect(mails.find((m) => m.to === world.viDelegate.email)!.subject).toBe(
      `Mekong N1: BBN1 đã xác nhận hoàn thành phần việc của mình trong “Joint patrol of the border river”; đang chờ phần việc của cơ quan bạn.`,
    );
  });

  it("blocking a commitment tells its other people, not the one who blocked it", async () => {
    const before = smtp.mails.length;
    const vi = world.viDelegate;
    await changeStatus(handle.db, clock, { user: { id: vi.id, email: vi.email, name: vi.name, isAdmin: false, locale: "vi", agencyId: world.agencyA.id }, membership: { seriesId: world.seriesId, userId: vi.id, agencyId: world.agencyA.id, role: "delegate" } }, { commitmentId: c3, to: "blocked", note: "", reason: "Waiting for the list format", forAgencyId: null });
    await round();
    const mails = newMails(before);
    expect(mails.map((m) => m.to)).toEqual([world.enSecretariat.email]);
    expect(mails[0].subject).toBe("Mekong N1: Đỗ Văn An marked “Exchange lists of high-risk consignments” as blocked.");
  });
});

describe("delivery that survives failures and crashes", () => {
  it("a failing mail server is retried with backoff and nothing is lost or sent twice", async () => {
    smtp.failing = true;
    const id = await world.commit("Train officers on e-commerce controls", [world.agencyB.id], null);
    const before = smtp.mails.length;
    const first = await round();
    expect(first.failed).toBe(1);
    expect(smtp.mails.length).toBe(before);
    const row = await handle.db.selectFrom("notifications").selectAll().where("event_key", "=", `assigned:${id}:${world.agencyB.id}`).executeTakeFirstOrThrow();
    expect(row.mail_status).toBe("pending");
    expect(row.mail_attempts).toBe(1);
    expect(row.mail_error).toMatch(/451|Try again/);

    smtp.failing = false;
    // Not before the backoff has passed.
    expect((await round()).sent).toBe(0);
    now = new Date(now.getTime() + 61_000);
    expect((await round()).sent).toBe(1);
    expect(newMails(before).map((m) => m.to)).toEqual([world.zhDelegate.email]);
    const after = await handle.db.selectFrom("notifications").select(["mail_status", "mail_attempts"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ mail_status: "sent", mail_attempts: 2 });
    now = new Date(now.getTime() + 3_600_000);
    expect((await round()).sent).toBe(0);
  });

  it("mail a stopped process had claimed is sent once, when its claim is stale; a fresh claim is left to its sender", async () => {
    const id = await world.commit("Share the digital control manual", [world.agencyB.id], null);
    await scanForNotifications(handle.db, clock);
    const key = `assigned:${id}:${world.agencyB.id}`;
    // As if a process claimed it and died before sending.
    await handle.db.updateTable("notifications").set({ mail_status: "sending", mail_attempt_id: "dead-process", mail_claimed_at: now.toISOString(), mail_attempts: 1 }).where("event_key", "=", key).execute();
    const before = smtp.mails.length;
    expect((await round()).sent).toBe(0);
    now = new Date(now.getTime() + SENDING_STALE_MS + 1000);
    expect((await round()).sent).toBe(1);
    expect((await round()).sent).toBe(0);
    expect(newMails(before)).toHaveLength(1);
    // A late "sent" from the dead attempt changes nothing: the row belongs to the attempt that sent it.
    const row = await handle.db.selectFrom("notifications").select(["mail_status", "mail_attempt_id"]).where("event_key", "=", key).executeTakeFirstOrThrow();
    expect(row.mail_status).toBe("sent");
    expect(row.mail_attempt_id).not.toBe("dead-process");
  });

  it("two senders working at once send each mail once", async () => {
    await world.commit("Hold a joint seminar on AI against fraud", [world.agencyA.id, world.agencyB.id], null);
    await scanForNotifications(handle.db, clock);
    const before = smtp.mails.length;
    const [a, b] = await Promise.all([
      deliverPendingMail(handle.db, clock, mailer.send, options, async () => true),
      deliverPendingMail(handle.db, clock, mailer.send, options, async () => true),
    ]);
    expect(a.sent + b.sent).toBe(3);
    const mails = newMails(before);
    expect(new Set(mails.map((m) => m.to)).size).toBe(3);
    expect(mails).toHaveLength(3);
  });
});

describe("preferences and quiet hours", () => {
  it("a kind turned off is not mailed but is listed in the app; a digest choice goes in the day's digest, once", async () => {
    now = new Date("2026-03-18T03:00:00.000Z"); // 10:00 in Hanoi
    await round(); // whatever the new date brings (weekly reminders) goes first
    await setPreferences(handle.db, world.zhDelegate.id, { assigned: "off" });
    await setPreferences(handle.db, world.viDelegate.id, { assigned: "digest" });
    const id = await world.commit("Publish the joint risk profile", [world.agencyA.id, world.agencyB.id], null);
    await scanForNotifications(handle.db, clock);
    const status = async (userId: string, commitmentId = id) =>
      (await handle.db.selectFrom("notifications").select("mail_status").where("event_key", "like", `assigned:${commitmentId}:%`).where("user_id", "=", userId).executeTakeFirstOrThrow()).mail_status;
    expect(await status(world.zhDelegate.id)).toBe("none");
    expect(await status(world.viDelegate.id)).toBe("digest");
    const { items } = await pageOfNotifications(handle.db, world.zhDelegate.id, 1);
    expect(items[0].path).toBe(`/commitments/${id}`);

    const before = smtp.mails.length;
    await round();
    const mails = newMails(before);
    expect(mails.map((m) => m.to).sort()).toEqual([world.enSecretariat.email, world.viDelegate.email].sort());
    const digest = mails.find((m) => m.to === world.viDelegate.email)!;
    expect(digest.subject).toBe("Accord: 1 thông báo trong bản tổng hợp hằng ngày");
    expect(digest.text).toContain("- Mekong N1: cơ quan của bạn được giao chủ trì “Publish the joint risk profile”.");
    expect(digest.text).toContain(`https://accord.example.org/login?redirectTo=%2Fcommitments%2F${id}`);
    expect(await status(world.viDelegate.id)).toBe("digested");
    // The digest is a mail, not another line in the list.
    expect((await pageOfNotifications(handle.db, world.viDelegate.id, 1)).items.every((n) => n.kind !== ("digest" as never))).toBe(true);

    // More for the digest the same day waits for tomorrow's, in the morning there.
    const second = await world.commit("Translate the joint risk profile", [world.agencyA.id], null);
    const later = smtp.mails.length;
    await round();
    expect(newMails(later).filter((m) => m.to === world.viDelegate.email)).toHaveLength(0);
    now = new Date("2026-03-18T23:30:00.000Z"); // 06:30 in Hanoi: still night
    await round();
    expect(newMails(later).filter((m) => m.to === world.viDelegate.email && m.subject.startsWith("Accord:"))).toHaveLength(0);
    now = new Date("2026-03-19T00:10:00.000Z"); // 07:10
    await round();
    await round();
    const next = newMails(later).filter((m) => m.to === world.viDelegate.email && m.subject.startsWith("Accord:"));
    expect(next).toHaveLength(1);
    expect(next[0].text).toContain("Translate the joint risk profile");
    expect(next[0].text).not.toContain("Publish the joint risk profile");
    expect(await status(world.viDelegate.id, second)).toBe("digested");
    await setPreferences(handle.db, world.zhDelegate.id, { assigned: "immediate" });
    await setPreferences(handle.db, world.viDelegate.id, { assigned: "immediate" });
  });

  it("immediate mail waits for the morning in the recipient's time zone", async () => {
    await setTimeZone(handle.db, world.enSecretariat.id, "Europe/London");
    now = new Date("2026-03-20T15:00:00.000Z"); // 22:00 in Hanoi, 15:00 in London
    const id = await world.commit("Draft the next MoU annex", [world.agencyA.id], null);
    const before = smtp.mails.length;
    const annex = () => newMails(before).filter((m) => m.subject.includes("Draft the next MoU annex"));
    await round();
    expect(annex().map((m) => m.to)).toEqual([world.enSecretariat.email]);
    const deferred = await handle.db.selectFrom("notifications").select(["mail_status", "mail_next_at"]).where("event_key", "=", `assigned:${id}:${world.agencyA.id}`).where("user_id", "=", world.viDelegate.id).executeTakeFirstOrThrow();
    expect(deferred).toEqual({ mail_status: "pending", mail_next_at: "2026-03-21T00:00:00.000Z" });
    now = new Date("2026-03-20T23:59:00.000Z");
    await round();
    expect(annex()).toHaveLength(1);
    now = new Date("2026-03-21T00:01:00.000Z");
    await round();
    expect(annex().map((m) => m.to)).toEqual([world.enSecretariat.email, world.viDelegate.email]);
    await setTimeZone(handle.db, world.enSecretariat.id, null);
  });

  it("a choice changed while mail waited for the morning holds when the morning comes", async () => {
    now = new Date("2026-03-21T15:00:00.000Z"); // 22:00 in Hanoi
    await round();
    const id = await world.commit("Agree the seminar programme", [world.agencyA.id], null);
    await round();
    await setPreferences(handle.db, world.viDelegate.id, { assigned: "off" });
    const before = smtp.mails.length;
    now = new Date("2026-03-22T00:05:00.000Z");
    await round();
    const seminar = newMails(before).filter((m) => m.subject.includes("Agree the seminar programme"));
    expect(seminar.map((m) => m.to)).toEqual([world.enSecretariat.email]);
    const row = await handle.db.selectFrom("notifications").select("mail_status").where("event_key", "=", `assigned:${id}:${world.agencyA.id}`).where("user_id", "=", world.viDelegate.id).executeTakeFirstOrThrow();
    expect(row.mail_status).toBe("none");
    await setPreferences(handle.db, world.viDelegate.id, { assigned: "immediate" });
  });
});

describe("conferences", () => {
  it("announces the review list N days before the next conference, and a conclusion with the record's link, once each", async () => {
    now = new Date("2026-04-01T03:00:00.000Z");
    const { createConference } = await import("../../app/models/conferences.server");
    const conference = await createConference(handle.db, clock, world.seriesId, world.enSecretariat.id, {
      number: 2,
      title: "Second",
      startsOn: "2026-04-20",
      endsOn: "2026-04-21",
      venue: "",
      format: "online",
      hostAgencyId: null,
    });
    expect(conference.carried).toBeGreaterThan(0);
    // Moving the clock also brings weekly overdue reminders: look only at the conference's mails.
    const about = (from: number, page: string) => newMails(from).filter((m) => m.text.includes(`%2Fconferences%2F2%2F${page}`));
    let before = smtp.mails.length;
    await round();
    expect(about(before, "review")).toHaveLength(0); // 19 days before: not yet
    now = new Date("2026-04-06T03:00:00.000Z");
    await round();
    let mails = about(before, "review");
    expect(mails).toHaveLength(4); // every member, observers too
    const observer = mails.find((m) => m.to === world.zhObserver.email)!;
    expect(observer.subject).toBe("Mekong N1：第2次会议（2026年4月20日）的审议清单已准备就绪。");
    expect(observer.text).toContain(`redirectTo=%2Fseries%2F${world.slug}%2Fconferences%2F2%2Freview`);
    await round();
    expect(about(before, "review")).toHaveLength(4);

    // Adopted: the record exists (written here as conclusion writes it).
    await handle.db.updateTable("conferences").set({ status: "concluded" }).where("id", "=", conference.id).execute();
    await handle.db
      .insertInto("adopted_records")
      .values({ conference_id: conference.id, adopted_at: now.toISOString(), adopted_by: world.enSecretariat.id, sha256: "0".repeat(64), snapshot: new Uint8Array(), content_json: "{}" })
      .execute();
    before = smtp.mails.length;
    await round();
    await round();
    mails = about(before, "record");
    expect(mails.map((m) => m.to).sort()).toEqual([world.viDelegate.email, world.zhDelegate.email, world.zhObserver.email].sort());
    const vi = mails.find((m) => m.to === world.viDelegate.email)!;
    expect(vi.subject).toBe("Mekong N1: hội nghị lần thứ 2 đã bế mạc và biên bản đã được thông qua.");
    expect(vi.text).toContain(`redirectTo=%2Fseries%2F${world.slug}%2Fconferences%2F2%2Frecord`);
  });
});

describe("review notice days per series", () => {
  it("a series that chooses 30 days hears of its review list 30 days before; changing the number later tells no one again", async () => {
    const { createConference } = await import("../../app/models/conferences.server");
    const { setReviewNoticeDays } = await import("../../app/models/series.server");
    await setReviewNoticeDays(handle.db, world.seriesId, 30);
    now = new Date("2026-04-15T03:00:00.000Z");
    await createConference(handle.db, clock, world.seriesId, world.enSecretariat.id, {
      number: 3,
      title: "Third",
      startsOn: "2026-05-20",
      endsOn: "2026-05-21",
      venue: "",
      format: "online",
      hostAgencyId: null,
    });
    const about = (from: number) => newMails(from).filter((m) => m.text.includes("%2Fconferences%2F3%2Freview"));
    const before = smtp.mails.length;
    await round();
    expect(about(before)).toHaveLength(0); // 35 days before
    now = new Date("2026-04-21T03:00:00.000Z"); // 29 days before
    await round();
    expect(about(before)).toHaveLength(4);
    await setReviewNoticeDays(handle.db, world.seriesId, 10);
    now = new Date("2026-05-12T03:00:00.000Z"); // 8 days before: within the new number too
    await round();
    await setReviewNoticeDays(handle.db, world.seriesId, 45);
    await round();
    expect(about(before)).toHaveLength(4);
  });
});

describe("whose notifications", () => {
  it("a person reads and marks only their own", async () => {
    const mine = await pageOfNotifications(handle.db, world.zhDelegate.id, 1);
    const theirs = await pageOfNotifications(handle.db, world.viDelegate.id, 1);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.map((n) => n.id)).not.toContain(theirs.items[0].id);
    expect(mine.items.map((n) => n.id)).toEqual([...mine.items.map((n) => n.id)].sort((a, b) => b - a));

    const unreadBefore = await countUnread(handle.db, world.viDelegate.id);
    await expect(markRead(handle.db, clock, world.zhDelegate.id, theirs.items[0].id)).rejects.toBeInstanceOf(DomainError);
    expect(await countUnread(handle.db, world.viDelegate.id)).toBe(unreadBefore);

    await markRead(handle.db, clock, world.viDelegate.id, theirs.items[0].id);
    expect(await countUnread(handle.db, world.viDelegate.id)).toBe(unreadBefore - 1);
    await markAllRead(handle.db, clock, world.zhDelegate.id);
    expect(await countUnread(handle.db, world.zhDelegate.id)).toBe(0);
    expect(await countUnread(handle.db, world.viDelegate.id)).toBe(unreadBefore - 1);
  });
});

describe("the sender's lease", () => {
  it("is held by one process at a time, passes on when it runs out, and at once when given up", async () => {
    const t0 = new Date("2027-01-01T00:00:00.000Z");
    const later = (ms: number) => new Date(t0.getTime() + ms);
    expect(await acquireLease(handle.db, "test-lease", "A", t0, 10_000)).toBe(true);
    expect(await acquireLease(handle.db, "test-lease", "B", later(1_000), 10_000)).toBe(false);
    expect(await acquireLease(handle.db, "test-lease", "A", later(5_000), 10_000)).toBe(true); // renewed until 15 s
    expect(await acquireLease(handle.db, "test-lease", "B", later(12_000), 10_000)).toBe(false);
    expect(await acquireLease(handle.db, "test-lease", "B", later(15_001), 10_000)).toBe(true);
    expect(await acquireLease(handle.db, "test-lease", "A", later(16_000), 10_000)).toBe(false); // A lost it
    await releaseLease(handle.db, "test-lease", "A"); // not A's to give up: nothing happens
    expect(await acquireLease(handle.db, "test-lease", "A", later(17_000), 10_000)).toBe(false);
    await releaseLease(handle.db, "test-lease", "B");
    expect(await acquireLease(handle.db, "test-lease", "A", later(17_001), 10_000)).toBe(true);
  });
});

