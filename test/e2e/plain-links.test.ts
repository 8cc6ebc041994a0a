import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

// Long lists draw their links as bare anchors (app/components/plain-link.tsx),
// followed by one click handler in the root: in the page, as <Link> would,
// unless the reader asks for a new tab; and as plain links without JavaScript.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

const REGISTER = "/series/vn-cn-anti-smuggling/commitments";

describe("links in the register", () => {
  it("are followed without a new document, and a ctrl-click is left to the browser", async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    try {
      await signIn(page, "hung.pham@vnc.test");
      await page.goto(REGISTER);
      await page.getByRole("heading", { level: 1, name: en.commitment.register }).waitFor();
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

      const card = page.getByRole("article").first();
      const title = card.getByRole("heading", { level: 3 }).getByRole("link");
      const text = (await title.textContent()) ?? "";
      const tabs = context.pages().length;
      await title.click({ modifiers: ["ControlOrMeta"] });
      await expect.poll(() => context.pages().length).toBe(tabs + 1);
      expect(new URL(page.url()).pathname).toBe(REGISTER);

      await title.click();
      await page.waitForURL((url) => /^\/commitments\/\d+$/.test(url.pathname));
      await page.getByRole("heading", { level: 1, name: text.trim() }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

      // A conference of its lineage, the same way.
      await page.goBack();
      await page.getByRole("heading", { level: 1, name: en.commitment.register }).waitFor();
      await page.getByRole("article").first().getByRole("link", { name: en.commitment.agreedAt.replace("{{number}}", "14") }).click();
      await page.waitForURL((url) => url.pathname === "/series/vn-cn-anti-smuggling/conferences/14");
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("are plain links without JavaScript", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "en-GB", javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, "hung.pham@vnc.test");
      await page.goto(REGISTER);
      const title = page.getByRole("article").first().getByRole("heading", { level: 3 }).getByRole("link");
      const text = (await title.textContent()) ?? "";
      await title.click();
      await page.waitForURL((url) => /^\/commitments\/\d+$/.test(url.pathname));
      await page.getByRole("heading", { level: 1, name: text.trim() }).waitFor();
    } finally {
      await context.close();
    }
  });
});
