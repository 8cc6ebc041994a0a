import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vi } from "../../app/i18n/catalogs/vi";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { member, PEOPLE, seriesWithFirstConference } from "../helpers/series-setup";
import { startServer, type TestServer } from "../helpers/server";

// Without JavaScript the workspace is the copy saved on the server, and its
// status line says so instead of "connecting" for ever; the delegation's notes
// keep their place above the agenda, as the live page has them. With
// JavaScript that sentence never shows, and the notes open where they stood.
const SLUG = "border-post-without-script";
const WORKSPACE = `/series/${SLUG}/conferences/1`;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await seriesWithFirstConference(server, {
    slug: SLUG,
    name: "Giao ban cửa khẩu không có JavaScript",
    parties: ["VNC", "GACC"],
    members: [member(PEOPLE.lan, "secretariat"), member(PEOPLE.zhang, "secretariat")],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("the workspace's status line", () => {
  it("says, without JavaScript, that working together needs it, and does not claim to connect", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "vi-VN", javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, "lan.nguyen@vnc.test");
      await page.goto(WORKSPACE);
      // What the line shows, as read on screen: the sentence, and not "connecting", which is hidden.
      const status = page.locator(".workspace-bar").getByRole("status");
      expect((await status.innerText()).trim()).toBe(vi.workspace.status.noScript);
      // The delegation's notes keep their place above the agenda, as the live page has them.
      await page.getByRole("heading", { name: vi.privateNotes.heading.replace("{{agency}}", "VNC") }).waitFor();
      expect((await page.locator(".private-note-pending").innerText()).trim()).toBe(vi.privateNotes.needsScript);
      // A series in several languages keeps the place of its summary of the texts, and says what it needs.
      await page.goto("/series/vn-cn-anti-smuggling/conferences/18");
      await page.getByRole("heading", { name: vi.parallel.summaryHeading }).waitFor();
      expect((await page.locator(".alignment-pending").innerText()).trim()).toBe(vi.parallel.needsScript);
    } finally {
      await context.close();
    }
  });

  it("never shows that sentence with JavaScript", async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    try {
      await signIn(page, "lan.nguyen@vnc.test");
      await page.goto(WORKSPACE);
      const status = page.locator(".workspace-bar").getByRole("status");
      await status.getByText(vi.workspace.status.connected).waitFor();
      expect((await status.innerText()).trim()).toBe(vi.workspace.status.connected);
      // Once the notes have opened, their button stands where the placeholder was.
      await page.getByRole("button", { name: vi.privateNotes.start.replace("{{agency}}", "VNC") }).first().waitFor();
      expect(await page.getByText(vi.privateNotes.opening).count()).toBe(0);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
