import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

// The leader's charts are drawn on the server. A page asked for whole carries
// each drawing once, in its HTML, and its data only names it; a navigation
// inside the app asks for the data alone, which then holds the drawings. Both
// ways the charts are there, named by their titles, and stay after hydration.

const SERIES = "/series/vn-cn-anti-smuggling";
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

async function drawingsShown(page: Page) {
  const completion = page.getByRole("img", { name: en.leader.completionTitle });
  await completion.waitFor();
  // "(done/owned)" beside each party's bar: the drawing itself, not an empty frame.
  expect(await completion.textContent()).toMatch(/\(\d+\/\d+\)/);
  await page.getByRole("img", { name: en.leader.byConferenceTitle }).waitFor();
  return page.locator(".chart-drawing svg").count();
}

describe("the leader's charts", () => {
  it("are carried once by a page asked for whole, stay once it has hydrated, and come with the data on a navigation", async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    try {
      await signIn(page, "hung.pham@vnc.test");
      await page.goto(`${SERIES}/leader`);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      const drawn = await drawingsShown(page);
      expect(drawn).toBeGreaterThanOrEqual(2);
      // The page's data names the drawings and does not hold them a second time.
      const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => n.textContent ?? "").join("\n"));
      expect(scripts).toContain("leader.completion");
      expect(scripts).not.toContain("chart-svg");

      // From the series page, through the router: the drawings arrive as data.
      await page.goto(SERIES);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      await page.getByRole("link", { name: en.leader.title }).first().click();
      await page.waitForURL((url) => url.pathname === `${SERIES}/leader`);
      expect(await drawingsShown(page)).toBe(drawn);
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("are on the page without JavaScript", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "en-GB", javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, "hung.pham@vnc.test");
      await page.goto(`${SERIES}/leader`);
      expect(await drawingsShown(page)).toBeGreaterThanOrEqual(2);
    } finally {
      await context.close();
    }
  });
});
