import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";
import { member, PEOPLE, seriesWithFirstConference } from "../helpers/series-setup";

// The rich text editor is a chunk of its own that the workspace fetches after
// its page: until it arrives, each rich text shows its words, read-only and
// kept current, and the rest of the workspace works.
const SLUG = "editor-arrives-late";
const WORKSPACE = `/series/${SLUG}/conferences/1`;
const EDITOR_CHUNK = /\/build\/_shared\/rich-text-editor-[A-Z0-9]+\.js$/;
const ZHANG_NOTE = "双方同意每月交换一次数据。";
const LAN_NOTE = "Phía Việt Nam đồng ý.";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await seriesWithFirstConference(server, {
    slug: SLUG,
    name: "Biên bản soạn trên đường truyền chậm",
    parties: ["VNC", "GACC"],
    members: [
      member(PEOPLE.lan, "secretariat"),
      member(PEOPLE.zhang, "secretariat"),
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("the rich text editor arriving after the workspace", () => {
  it("leaves the texts readable and current meanwhile, then edits them", async () => {
    const lan = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    try {
      await Promise.all([signIn(lan.page, "lan.nguyen@vnc.test"), signIn(zhang.page, "zhang.wei@gacc.test")]);

      // Lan's connection holds the editor's chunk back until the test lets it through.
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let asked = false;
      await lan.page.route(EDITOR_CHUNK, async (route) => {
        asked = true;
        await released;
        await route.continue();
      });

      // Zhang writes the first item's notes.
      await zhang.page.goto(WORKSPACE);
      const zhangNotes = zhang.page.getByRole("textbox", { name: zh.workspace.agenda.notes, exact: true }).first();
      await zhangNotes.click();
      await zhangNotes.pressSequentially(ZHANG_NOTE);

      // Lan's workspace is live (her titles are editable) and shows Zhang's words, though her editor has not arrived.
      await lan.page.goto(WORKSPACE);
      const agenda = lan.page.locator(".agenda-list");
      await agenda.locator(".rich-text-preview").first().waitFor();
      await expect.poll(() => agenda.locator(".rich-text-preview").first().textContent(), { timeout: 10_000 }).toContain(ZHANG_NOTE);
      expect(asked).toBe(true);
      expect(await agenda.locator('[contenteditable="true"]').count()).toBe(0);
      expect(await lan.page.getByRole("textbox", { name: vi.workspace.agenda.notes, exact: true }).count()).toBe(0);

      // Words Zhang adds meanwhile show at once.
      await zhangNotes.press("End");
      await zhangNotes.pressSequentially("另行通知。");
      await expect.poll(() => agenda.locator(".rich-text-preview").first().textContent(), { timeout: 10_000 }).toContain("另行通知。");

      // The editor arrives: Lan edits the same notes, and Zhang sees it.
      release();
      const lanNotes = lan.page.getByRole("textbox", { name: vi.workspace.agenda.notes, exact: true }).first();
      await lanNotes.click();
      await lanNotes.press("End");
      await lanNotes.pressSequentially(` ${LAN_NOTE}`);
      await expect.poll(() => zhangNotes.textContent(), { timeout: 10_000 }).toContain(LAN_NOTE);
      expect(await agenda.locator(".rich-text-preview").count()).toBe(0);
    } finally {
      await Promise.all([lan.context.close(), zhang.context.close()]);
    }
  });
});
