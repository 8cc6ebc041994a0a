import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { launchBrowser, openPage } from "../helpers/browser";
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

describe("an admin in the browser", () => {
  it("adds an agency through the admin page", async () => {
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      await page.goto("/login");
      await page.getByLabel(en.login.email, { exact: true }).fill("admin@accord.test");
      await page.getByLabel(en.login.password, { exact: true }).fill("accord-demo-2026");
      await page.getByRole("button", { name: en.login.submit }).click();
      await page.waitForURL((url) => url.pathname === "/");

      await page.getByRole("link", { name: en.nav.admin, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/admin");
      await page.getByRole("navigation", { name: en.admin.title }).getByRole("link", { name: en.admin.agencies }).click();
      await page.waitForURL((url) => url.pathname === "/admin/agencies");

      await page.getByLabel(en.admin.agencyCode, { exact: true }).fill("DBC");
      await page.getByLabel(en.admin.agencyName, { exact: true }).fill("Hải quan Điện Biên");
      await page.getByLabel(en.admin.agencyCountry, { exact: true }).fill("VN");
      await page.getByRole("button", { name: en.admin.addAgency }).click();

      await page.getByRole("status").filter({ hasText: en.admin.agencyAdded.replace("{{code}}", "DBC") }).waitFor();
      const row = page.getByRole("row").filter({ hasText: "Hải quan Điện Biên" });
      await row.waitFor();
      expect(await row.getByRole("cell").allTextContents()).toEqual(expect.arrayContaining(["DBC", "Hải quan Điện Biên", "VN"]));
      expect(withDb(server.dbPath, (db) => db.prepare("SELECT name, country FROM agencies WHERE code = 'DBC'").get())).toEqual({
        name: "Hải quan Điện Biên",
        country: "VN",
      });
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
