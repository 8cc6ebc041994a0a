import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

// A head of delegation (observer) comments on an agenda item without
// changing it; the other party's secretariat sees it at once; the
// secretariat resolves it.
const WORKSPACE = "/series/vn-cn-anti-smuggling/conferences/18";
const TEXT = "Please add the March figures, @张伟";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

describe("comments on an agenda item", () => {
  it("are written by an observer, seen live by the other party, and resolved by a secretariat", async () => {
    const hung = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    try {
      await Promise.all([signIn(hung.page, "hung.pham@vnc.test"), signIn(zhang.page, "zhang.wei@gacc.test")]);
      await Promise.all([hung.page.goto(WORKSPACE), zhang.page.goto(WORKSPACE)]);
      await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.connected }).waitFor();

      // Hùng (observer, English) opens the comments of the first item and writes one.
      await hung.page.locator(".agenda-item").first().getByText(en.comments.none, { exact: true }).click();
      const box = hung.page.getByLabel(en.comments.newLabel).first();
      await box.fill(TEXT);
      await hung.page.getByRole("button", { name: en.comments.post }).first().click();
      await hung.page.locator(".agenda-item").first().getByText("Please add the March figures").waitFor();

      // Zhang (GACC secretariat, Chinese) sees it without reloading, the mention marked.
      const summary = zhang.page.locator(".agenda-item").first().locator(".comment-threads > summary");
      await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain("1");
      await summary.click();
      await zhang.page.locator(".agenda-item").first().locator("mark.mention", { hasText: "@张伟" }).waitFor();
      await zhang.page.getByRole("button", { name: zh.comments.resolve }).first().click();
      await zhang.page.locator(".agenda-item").first().getByText(zh.comments.resolvedBy.replace("{{name}}", "张伟")).waitFor();
      await zhang.page.screenshot({ path: "/tmp/accord-comments.png" });
    } finally {
      await Promise.all([hung.context.close(), zhang.context.close()]);
    }
  });
});
