import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";
import { member, PEOPLE, seriesWithFirstConference } from "../helpers/series-setup";
import { readZip } from "../helpers/zip";

// Two secretariats of two parties draft one agenda on a series of the test's
// own: Lan (VNC, Tiếng Việt) writes and takes a version "sent to GACC";
// Zhang (GACC, 中文) changes it; Lan then sees what GACC changed since her
// last visit, in GACC's colour, the redline with each change's author and
// party, and downloads it as Word with tracked changes, read back here.
// Minh (VNC delegate, English) reads the same in English.
const SLUG = "mong-cai-dongxing-drafting";
const WORKSPACE = `/series/${SLUG}/conferences/1`;
const LAN_TITLE = "Phối hợp kiểm soát hàng hóa qua cửa khẩu Móng Cái";
const ZHANG_ADDS = "（中方建议）";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await seriesWithFirstConference(server, {
    slug: SLUG,
    name: "Hợp tác Hải quan Móng Cái – Đông Hưng",
    parties: ["VNC", "GACC"],
    members: [
      member(PEOPLE.lan, "secretariat"),
      member(PEOPLE.zhang, "secretariat"),
      member(PEOPLE.minh, "delegate"),
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/accord-drafting-${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `/tmp/accord-drafting-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("drafting between parties", () => {
  it("shows each party what the other changed, with authors, on screen and in Word", async () => {
    const lan = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    const minh = await openPage(browser, server.url);
    try {
      await Promise.all([signIn(lan.page, "lan.nguyen@vnc.test"), signIn(zhang.page, "zhang.wei@gacc.test"), signIn(minh.page, "minh.tran@vnc.test")]);
      // Everyone's first visit: where their "changes since" starts (asked for once the workspace is on screen).
      await Promise.all([lan.page, zhang.page, minh.page].map((page) => Promise.all([page.waitForResponse(isChangesSince), page.goto(WORKSPACE)])));
      await lan.page.getByRole("status").filter({ hasText: vi.workspace.status.connected }).waitFor();
      await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.connected }).waitFor();

      // Lan writes the title of the first item and takes a version.
      const lanTitle = lan.page.getByLabel(vi.workspace.agenda.title.replace("{{number}}", "1"), { exact: true });
      await lanTitle.fill("");
      await lanTitle.pressSequentially(LAN_TITLE);
      await lan.page.getByRole("status").filter({ hasText: vi.workspace.status.connected }).waitFor();
      const zhangTitle = zhang.page.getByLabel(zh.workspace.agenda.title.replace("{{number}}", "1"), { exact: true });
      await expect.poll(() => zhangTitle.inputValue(), { timeout: 10_000 }).toBe(LAN_TITLE);
      await lan.page.goto(`${WORKSPACE}/versions`);
      await lan.page.getByLabel(vi.versions.name).fill("Gửi GACC xin ý kiến");
      await lan.page.getByRole("button", { name: vi.versions.take }).click();
      await lan.page.getByText(vi.versions.taken).waitFor();

      // Lan keeps the workspace open: nothing new from the others yet.
      await lan.page.goto(WORKSPACE);
      const liveSince = lan.page.getByRole("region", { name: /Thay đổi kể từ lần xem trước của bạn/ });
      await liveSince.getByText(vi.since.nothing.split(" (")[0]).waitFor();
      // A mark that a reload would wipe: the live update must come without one.
      await lan.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

      // Zhang deletes "Móng Cái" and adds GACC's words.
      await zhangTitle.click();
      await zhangTitle.press("End");
      for (let i = 0; i < " Móng Cái".length; i += 1) await zhangTitle.press("Backspace");
      await zhangTitle.pressSequentially(ZHANG_ADDS);
      await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.connected }).waitFor();
      await expect.poll(() => zhangTitle.inputValue()).toBe(LAN_TITLE.replace(" Móng Cái", "") + ZHANG_ADDS);

      // Lan's open page follows: GACC's change appears without a reload, in GACC's colour.
      await liveSince.getByText(vi.since.changedItems_one.replace("{{count}}", "1")).waitFor();
      expect(await liveSince.locator("li strong.party-tone-1").textContent()).toBe("GACC");
      expect(await lan.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

      // Lan comes back: GACC changed one item since her last visit, in GACC's colour.
      await lan.page.goto(WORKSPACE);
      const since = lan.page.getByRole("region", { name: /Thay đổi kể từ lần xem trước của bạn/ });
      await since.waitFor();
      await since.getByText(`${vi.since.changedItems_one.replace("{{count}}", "1")}`).waitFor();
      expect(await since.locator("li strong.party-tone-1").textContent()).toBe("GACC");
      await since.locator("details > summary").click();
      const inserted = since.locator("ins", { hasText: ZHANG_ADDS });
      expect(await inserted.getAttribute("data-author")).toBe("张伟 (GACC)");
      expect(await inserted.getAttribute("class")).toBe("party-tone-1");
      await shoot(lan.page, "since-vi");

      // The redline from her version to now names both authors and parties.
      await lan.page.goto(`${WORKSPACE}/versions`);
      await lan.page.getByRole("link", { name: vi.versions.compareLink }).click();
      await lan.page.getByRole("heading", { name: vi.versions.compareTitle, level: 1 }).waitFor();
      const del = lan.page.locator(".redline-entry del", { hasText: "Móng Cái" });
      expect(await del.getAttribute("title")).toMatch(/^张伟 \(GACC\) xóa lúc /);
      await lan.page.locator(".change-authors", { hasText: "张伟 (GACC)" }).first().waitFor();
      await shoot(lan.page, "redline-vi");

      // …and downloads it as Word: tracked changes by author and party.
      const [download] = await Promise.all([
        lan.page.waitForEvent("download"),
        lan.page.getByRole("link", { name: vi.redline.download.replace("{{language}}", "English") }).click(),
      ]);
      const file = await download.path();
      const xml = readZip(readFileSync(file)).get("word/document.xml")!.toString("utf8");
      expect(xml).toMatch(/<w:del w:id="\d+" w:author="张伟 \(GACC\)" w:date="[^"]+"><w:r><w:delText xml:space="preserve"> Móng Cái<\/w:delText><\/w:r><\/w:del>/);
      expect(xml).toMatch(new RegExp(`<w:ins w:id="\\d+" w:author="张伟 \\(GACC\\)" w:date="[^"]+"><w:r><w:t xml:space="preserve">${ZHANG_ADDS.replace(/[()（）]/g, "\\$&")}</w:t></w:r></w:ins>`));

      // Marked as seen, nothing is new for her any more.
      await lan.page.goto(WORKSPACE);
      await lan.page.getByRole("button", { name: vi.since.markSeen }).click();
      await lan.page.getByText(vi.since.nothing.split(" (")[0]).waitFor();

      // Zhang sees Lan's title as his change-since, in Chinese; Minh reads it in English.
      await zhang.page.goto(WORKSPACE);
      const zhangSince = zhang.page.getByRole("region", { name: /自您上次查看以来的修改/ });
      await zhangSince.getByText(zh.since.changedItems_one.replace("{{count}}", "1")).waitFor();
      expect(await zhangSince.locator("li strong").textContent()).toBe("VNC");
      await zhangSince.locator("details > summary").click();
      await shoot(zhang.page, "since-zh");
      await zhang.page.goto(`${WORKSPACE}/versions/compare`);
      await shoot(zhang.page, "redline-zh");

      await minh.page.goto(WORKSPACE);
      const minhSince = minh.page.getByRole("region", { name: /Changes since your last visit/ });
      // For Minh, his own party's secretariat is one of the others too.
      // The panel is filled once the page is up (it is asked for after the workspace is typable).
      await expect.poll(() => minhSince.locator("li strong").allTextContents(), { timeout: 10_000 }).toEqual(["VNC", "GACC"]);
      await minhSince.locator("details > summary").click();
      await shoot(minh.page, "since-en");
      await minh.page.goto(`${WORKSPACE}/versions/compare`);
      await shoot(minh.page, "redline-en");
      // A delegate is shown no way to restore.
      await minh.page.goto(`${WORKSPACE}/versions`);
      await minh.page.getByRole("link", { name: /Gửi GACC xin ý kiến/ }).click();
      expect(await minh.page.getByRole("button", { name: en.versions.restoreAll }).count()).toBe(0);

      // Lan restores the item from her version: GACC's words go, in her name.
      await lan.page.goto(`${WORKSPACE}/versions`);
      await lan.page.getByRole("link", { name: /Gửi GACC xin ý kiến/ }).click();
      await shoot(lan.page, "version-vi");
      await lan.page.getByRole("button", { name: vi.versions.restoreEntryLabel.replace("{{entry}}", vi.versions.agendaItem.replace("{{number}}", "1")) }).click();
      await lan.page.getByText(vi.versions.restoredEntry).waitFor();
      await expect.poll(() => zhangTitleAfterReload(zhang.page), { timeout: 10_000 }).toBe(LAN_TITLE);
    } finally {
      await Promise.all([lan.context.close(), zhang.context.close(), minh.context.close()]);
    }
  });
});

/** The workspace's request for "changes since your last visit". */
function isChangesSince(response: { url(): string }) {
  return new URL(response.url()).pathname.startsWith(`${WORKSPACE}/changes`);
}

async function zhangTitleAfterReload(page: Page) {
  if (!page.url().endsWith(WORKSPACE)) {
    await page.goto(WORKSPACE);
    await page.getByRole("status").filter({ hasText: zh.workspace.status.connected }).waitFor();
  }
  return page.getByLabel(zh.workspace.agenda.title.replace("{{number}}", "1"), { exact: true }).inputValue();
}
