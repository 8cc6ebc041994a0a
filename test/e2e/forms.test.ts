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

describe("forms that behave", () => {
  it("clear after a save, pre-fill “on behalf of” from the person, and say when you have signed out", async () => {
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      await signIn(page, "admin@accord.test");
      await page.goto("/admin/users");
      const addUser = page.getByRole("form", { name: en.admin.addUser });
      await addUser.getByLabel(en.admin.userName).fill("Đặng Thị Hoa");
      await addUser.getByLabel(en.admin.userEmail).fill("hoa.dang@langson.test");
      await addUser.getByLabel(en.admin.userAgency).selectOption({ label: "LSC — Hải quan Lạng Sơn" });
      await addUser.getByLabel(en.admin.userPassword).fill("hoa's first password");
      await addUser.getByRole("button", { name: en.admin.addUser }).click();
      await page.getByRole("status").filter({ hasText: en.admin.userAdded.replace("{{email}}", "hoa.dang@langson.test") }).waitFor();
      // The next person starts from an empty form: above all, not with Hoa's password.
      for (const field of [en.admin.userName, en.admin.userEmail, en.admin.userPassword]) {
        expect(await addUser.getByLabel(field).inputValue(), field).toBe("");
      }
      expect(await addUser.getByLabel(en.admin.userAgency).inputValue()).toBe("");

      // Granting her a role: choosing the person chooses her agency.
      await page.goto("/admin/series/two-countries-four-agencies");
      const grant = page.getByRole("form", { name: en.admin.grant });
      await grant.getByLabel(en.admin.person).selectOption({ label: "Đặng Thị Hoa (hoa.dang@langson.test)" });
      const lsc = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM agencies WHERE code = 'LSC'").get() as { id: number }).id);
      expect(await grant.getByLabel(en.admin.onBehalfOf).inputValue()).toBe(String(lsc));
      await grant.getByLabel(en.series.role).selectOption("observer");
      await grant.getByRole("button", { name: en.admin.grant }).click();
      await page.getByRole("status").filter({ hasText: en.admin.granted }).waitFor();
      await page.getByRole("row").filter({ hasText: "Đặng Thị Hoa" }).waitFor();
      expect(await grant.getByLabel(en.admin.person).inputValue()).toBe("");
      expect(await grant.getByLabel(en.admin.onBehalfOf).inputValue()).toBe("");

      await page.getByRole("button", { name: en.nav.signOut }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      await page.getByRole("status").filter({ hasText: en.login.signedOut }).waitFor();
      // "Unable to compute message" comes from the live register on commitment pages (issue 10 item 11,
      // fixed on another branch); any other console error fails this test.
      expect(problems.errors.filter((e) => !e.includes("Unable to compute message"))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the commitment filter bar", () => {
  it("lines up its selects, the “only overdue” box and the button on one line", async () => {
    const { context, page } = await openPage(browser, server.url);
    try {
      await signIn(page, "minh.tran@vnc.test");
      await page.goto("/my/commitments");
      const bar = page.getByRole("form", { name: en.commitment.filter });
      const boxes = await Promise.all(
        [
          bar.getByLabel(en.commitment.filterStatus),
          bar.getByLabel(en.commitment.filterSeries),
          bar.getByLabel(en.commitment.filterOverdue),
          bar.getByRole("button", { name: en.commitment.filter }),
        ].map((l) => l.boundingBox()),
      );
      const centres = boxes.map((b) => b!.y + b!.height / 2);
      // The checkbox, the selects and the button share a middle line (within 3 px).
      for (const centre of centres) expect(Math.abs(centre - centres[0])).toBeLessThan(3);
    } finally {
      await context.close();
    }
  });
});

