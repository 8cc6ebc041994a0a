import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { DEMO_PASSWORD, launchBrowser, openPage } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

/*
 * Every form takes its constraints, its browser checks and its server checks
 * from one zod schema (decision 0041). Without JavaScript the server's answer
 * is the whole story: its message in the reader's language and what was typed.
 * With JavaScript the constraints sit on the inputs and a broken one is named
 * before anything is sent.
 */

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

/** A Vietnamese reader whose browser runs no script at all. */
async function withoutScript(run: (page: Page, context: BrowserContext) => Promise<void>) {
  const context = await browser.newContext({ baseURL: server.url, locale: "vi-VN", javaScriptEnabled: false });
  try {
    await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function signInWithoutScript(page: Page, email: string) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
}

describe("without JavaScript, every form is answered by the server in the reader's language", () => {
  it("sign-in: a wrong password is refused, the address stays typed, the password does not", async () => {
    await withoutScript(async (page) => {
      await page.goto("/login");
      await page.getByLabel(vi.login.email).fill("minh.tran@vnc.test");
      await page.getByLabel(vi.login.password).fill("not the password");
      await page.getByRole("button", { name: vi.login.submit }).click();
      await page.getByRole("alert").filter({ hasText: vi.login.invalid }).waitFor();
      expect(await page.getByLabel(vi.login.email).inputValue()).toBe("minh.tran@vnc.test");
      expect(await page.getByLabel(vi.login.password).inputValue()).toBe("");
    });
  });
});

describe("with JavaScript, the schema's constraints are on the inputs and checked before sending", () => {
  it("sign-in: both fields are required and an empty one is named without a request", async () => {
    const { context, page } = await openPage(browser, server.url);
    try {
      await page.goto("/login");
      const email = page.getByLabel(en.login.email);
      expect(await email.getAttribute("required")).not.toBeNull();
      expect(await email.getAttribute("maxlength")).toBe("254");
      await page.waitForFunction(() => document.querySelector("form#login")?.hasAttribute("novalidate"));
      let posted = false;
      page.on("request", (r) => {
        if (r.method() === "POST") posted = true;
      });
      await page.getByRole("button", { name: en.login.submit }).click();
      await page.getByText(en.errors.required).first().waitFor();
      expect(await email.getAttribute("aria-invalid")).toBe("true");
      expect(posted).toBe(false);
    } finally {
      await context.close();
    }
  });
});
