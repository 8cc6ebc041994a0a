import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";

export const DEMO_PASSWORD = "accord-demo-2026";

/** Debian's Chromium: the tests never download a browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface PageProblems {
  /** Uncaught exceptions and console errors, e.g. a failed hydration or a CSP refusal. */
  errors: string[];
}

/**
 * Every page opened in the current test, with what it may log: the e2e setup
 * (e2e-console.ts) fails the test on any other console error, whether or not
 * the test itself looked.
 */
export const openedPages: { problems: PageProblems; allow: RegExp[] }[] = [];

/**
 * The one message that is Remix's, not Accord's: a click that starts a
 * navigation while the page's data is still arriving (the reload after a form,
 * or after someone else's change) cuts that load short, and Remix's single
 * fetch logs the AbortError of the body it was decoding. It is not recorded,
 * and only with a stack that shows a navigation cut the load short.
 */
const LOAD_CUT_SHORT_BY_NAVIGATION = /^AbortError: signal is aborted without reason\n[\s\S]*\bnavigate\b/;

/**
 * A fresh browser profile on the server, in English, recording what goes wrong
 * in the page so that a test can insist there was nothing.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { allowErrors?: RegExp[] } = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ baseURL, locale: "en-GB", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  openedPages.push({ problems, allow: options.allowErrors ?? [] });
  page.on("pageerror", (error) => problems.errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !LOAD_CUT_SHORT_BY_NAVIGATION.test(message.text())) problems.errors.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

/** Signs in through the form (by field names, so it works in any language) and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
}

/**
 * The two secretariats of the demo's Vietnam–China series, Lan (reading in
 * Vietnamese) and Zhang (in Chinese), signed in on their own pages and both
 * connected to the workspace at `path`.
 */
export async function secretariatsInWorkspace(lan: { page: Page }, zhang: { page: Page }, path: string) {
  await Promise.all([signIn(lan.page, "lan.nguyen@vnc.test"), signIn(zhang.page, "zhang.wei@gacc.test")]);
  await Promise.all([lan.page.goto(path), zhang.page.goto(path)]);
  await lan.page.getByRole("status").filter({ hasText: vi.workspace.status.connected }).waitFor();
  await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.connected }).waitFor();
}
