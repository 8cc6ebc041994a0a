import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { withDb } from "../helpers/db";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

function notifyMinh(text: string) {
  withDb(server.dbPath, (db) => {
    const { id } = db.prepare("SELECT id FROM users WHERE email = ?").get("minh.tran@vnc.test") as { id: string };
    const commitment = db.prepare("SELECT min(id) AS id FROM commitments").get() as { id: number };
    db.prepare(
      "INSERT INTO notifications (user_id, event_key, kind, series_id, path, params, created_at, mail_status, mail_next_at) VALUES (?, ?, 'assigned', NULL, ?, ?, ?, 'none', ?)",
    ).run(id, `e2e:${text}`, `/commitments/${commitment.id}`, JSON.stringify({ series: "E2E", commitment: text }), new Date().toISOString(), new Date().toISOString());
  });
}

function notifyLiNa(text: string) {
  withDb(server.dbPath, (db) => {
    const { id } = db.prepare("SELECT id FROM users WHERE email = ?").get("li.na@gacc.test") as { id: string };
    db.prepare(
      "INSERT INTO notifications (user_id, event_key, kind, series_id, path, params, created_at, mail_status, mail_next_at) VALUES (?, ?, 'assigned', NULL, '/my', ?, ?, 'none', ?)",
    ).run(id, `e2e:${text}`, JSON.stringify({ series: "E2E", commitment: text }), new Date().toISOString(), new Date().toISOString());
  });
}

describe("notifications in the browser", () => {
  it("the header follows the unread count; the list links to the thing; mark read works by keyboard", async () => {
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      await signIn(page, "minh.tran@vnc.test");
      await page.goto("/notifications");
      await page.getByRole("heading", { level: 1, name: en.notify.title }).waitFor();
      const markAll = page.getByRole("button", { name: en.notify.markAllRead });
      if (await markAll.count()) {
        await markAll.click();
        await page.waitForLoadState("load");
      }
      const nav = page.getByRole("navigation", { name: en.app.mainNav });
      await nav.getByRole("link", { name: en.notify.menu, exact: true }).waitFor();

      notifyMinh("Patrol the river together");
      // Coming back to the tab asks at once (otherwise every half minute).
      await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
      await nav.getByRole("link", { name: "Notifications, 1 unread" }).waitFor();

      await nav.getByRole("link", { name: "Notifications, 1 unread" }).click();
      const list = page.getByRole("list", { name: en.notify.title });
      const item = list.getByRole("link", { name: "E2E: your agency now owns “Patrol the river together”." });
      await item.waitFor();
      // Through /notifications/<id>: opening it marks it read on the way to the thing.
      expect(await item.getAttribute("href")).toMatch(/^\/notifications\/\d+$/);

      const markRead = list.getByRole("button", { name: en.notify.markRead }).first();
      await markRead.focus();
      await page.keyboard.press("Enter");
      await nav.getByRole("link", { name: en.notify.menu, exact: true }).waitFor();
      expect(await list.getByRole("button", { name: en.notify.markRead }).count()).toBe(0);

      await item.click();
      await page.waitForURL((url) => /^\/commitments\/\d+$/.test(url.pathname));
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the count in one tab follows what is read in another, at once, without reloading", async () => {
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      await signIn(page, "li.na@gacc.test");
      await page.goto("/notifications");
      const markAll = page.getByRole("button", { name: en.notify.markAllRead });
      if (await markAll.count()) {
        await markAll.click();
        // Done once the list has nothing left to mark, not before (the form is sent in the background).
        await markAll.waitFor({ state: "detached" });
      }
      notifyLiNa("Share the risk profile");
      notifyLiNa("Train the dog handlers");
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: en.app.mainNav });
      // At least these two (the demo's own reminders may arrive too).
      await nav.getByRole("link", { name: /^Notifications, ([2-9]|\d{2,}) unread$/ }).waitFor();
      const other = await context.newPage();
      await other.goto(`${server.url}/notifications`);
      const markAllThere = other.getByRole("button", { name: en.notify.markAllRead });
      await markAllThere.click();
      await markAllThere.waitFor({ state: "detached" });
      // Pushed: well within the half minute a poll would take, and the first tab was never reloaded.
      const started = Date.now();
      await nav.getByRole("link", { name: en.notify.menu, exact: true }).waitFor({ timeout: 5000 });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("settings: each kind is a labelled group of choices, and saving keeps them", async () => {
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      await signIn(page, "li.na@gacc.test");
      await page.goto("/notifications/settings");
      const group = page.getByRole("group", { name: en.notify.kinds.overdue });
      await group.getByRole("radio", { name: en.notify.deliveries.digest }).check();
      await page.getByLabel(en.notify.settings.timeZone).selectOption("Asia/Shanghai");
      await page.getByRole("button", { name: en.notify.settings.save }).click();
      await page.getByRole("status").filter({ hasText: en.notify.settings.saved }).waitFor();
      await page.reload();
      expect(await page.getByRole("group", { name: en.notify.kinds.overdue }).getByRole("radio", { name: en.notify.deliveries.digest }).isChecked()).toBe(true);
      expect(await page.getByLabel(en.notify.settings.timeZone).inputValue()).toBe("Asia/Shanghai");
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
