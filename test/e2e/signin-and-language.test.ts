import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { launchBrowser, openPage } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

const SERIES_NAME = "Vietnam–China Customs Anti-Smuggling Cooperation Conference";
const SERIES_NAME_VI = "Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc";
const SCREENSHOT = "/tmp/accord-home.png";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

describe("a delegate in the browser", () => {
  it("signs in, sees their series, opens one and switches to Vietnamese", async () => {
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      await page.goto("/");
      await page.waitForURL((url) => url.pathname === "/login");

      await page.getByLabel(en.login.email, { exact: true }).fill("minh.tran@vnc.test");
      await page.getByLabel(en.login.password, { exact: true }).fill("accord-demo-2026");
      await page.getByRole("button", { name: en.login.submit }).click();

      await page.waitForURL((url) => url.pathname === "/");
      await page.getByRole("heading", { level: 1, name: en.home.title }).waitFor();
      const seriesList = page.getByRole("list", { name: en.home.title });
      const seriesLinks = seriesList.getByRole("link");
      await seriesLinks.first().waitFor();
      expect(await seriesLinks.allTextContents()).toEqual([SERIES_NAME]);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      await seriesList.getByRole("link", { name: SERIES_NAME }).click();
      await page.waitForURL((url) => url.pathname === "/series/vn-cn-anti-smuggling");
      await page.getByRole("heading", { level: 1, name: SERIES_NAME }).waitFor();
      await page.getByRole("heading", { name: en.series.parties }).waitFor();
      await page.getByRole("cell", { name: "Trần Văn Minh" }).waitFor();

      await page.getByLabel(en.language.label, { exact: true }).selectOption({ label: "Tiếng Việt" });
      await page.locator('html[lang="vi-VN"]').waitFor({ state: "attached" });
      // Still on the same series, now in Vietnamese.
      expect(new URL(page.url()).pathname).toBe("/series/vn-cn-anti-smuggling");
      await page.getByRole("heading", { name: vi.series.parties }).waitFor();
      await page.getByRole("heading", { name: vi.series.members }).waitFor();
      // The series' own name in Vietnamese, which its secretariats gave it.
      await page.getByRole("heading", { level: 1, name: SERIES_NAME_VI }).waitFor();
      expect(await page.getByLabel(vi.language.label, { exact: true }).inputValue()).toBe("vi");

      await page.getByRole("link", { name: vi.nav.series, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/");
      await page.getByRole("heading", { level: 1, name: vi.home.title }).waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).not.toBe(en.home.title);

      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("is told when the password is wrong, in the page", async () => {
    const { context, page, problems } = await openPage(browser, server.url, { allowErrors: [/status of 401/] });
    try {
      await page.goto("/login");
      await page.getByLabel(en.login.email, { exact: true }).fill("minh.tran@vnc.test");
      await page.getByLabel(en.login.password, { exact: true }).fill("not my password");
      await page.getByRole("button", { name: en.login.submit }).click();
      await page.getByRole("alert").filter({ hasText: en.login.invalid }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/login");
      // The browser logs the 401 itself; anything else would be a fault in the page.
      expect(problems.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
