import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

// A person may click before the page has hydrated. React then hydrates at once,
// synchronously, and the page's first render always waits for its streamed
// data, which a synchronous render cannot do (React's error #345). The page
// holds such events from React until it has hydrated.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

describe("a click while the page hydrates", () => {
  it("neither breaks the page nor is answered by a half-hydrated one", async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    try {
      await signIn(page, "lan.nguyen@vnc.test");
      // React's scheduler takes setImmediate when the page has one: its first task (the hydration) is held back,
      // which makes the moment between hydrateRoot() and React's first render long enough to click in.
      await page.addInitScript(() => {
        const w = window as unknown as { setImmediate: (fn: () => void) => void; hydrationScheduled: boolean };
        let first = true;
        w.setImmediate = (fn) => {
          if (!first) return void setTimeout(fn, 0);
          first = false;
          w.hydrationScheduled = true;
          setTimeout(fn, 1_500);
        };
      });
      await page.goto("/my/commitments", { waitUntil: "domcontentloaded" });
      await page.waitForFunction(() => (window as unknown as { hydrationScheduled?: boolean }).hydrationScheduled === true);
      await page.locator("main h1").click();

      // The page hydrates and works: a link is followed by the router, without a new document.
      // Hydrated, not only routed: until React's first commit, clicks still go to the browser.
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      await page.locator('header a[href="/"]:not(.brand)').first().click();
      await page.waitForURL((url) => url.pathname === "/");
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
