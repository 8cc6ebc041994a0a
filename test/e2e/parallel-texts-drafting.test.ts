import type { Browser, Page } from "playwright-core";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn, secretariatsInWorkspace } from "../helpers/browser";
import { DEMO_PASSWORD } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { createConference, createSeries } from "../helpers/series-setup";

// A three-party series of the test's own, working in Vietnamese, Chinese and
// English, with Vietnamese and Chinese authentic. Lan (Tiếng Việt) and Zhang
// (中文) are its secretariats and write the same items at once, each in their
// own language; Minh (English) follows as an observer, and 李娜 (GACC,
// observer, reads in Chinese) reads the leader's view once the record is
// adopted. The Word export is read back through the same session a script
// would use.
const SLUG = "ba-ben-tri-party";
const WORKSPACE = `/series/${SLUG}/conferences/1`;
const SHOTS = process.env.ACCORD_SCREENSHOTS ?? "/tmp";
const OUTCOME_VI = "Hai bên thống nhất trao đổi thông tin hàng tháng";
const OUTCOME_ZH = "双方同意每月交换信息";
const NOTES_ZH = "中方介绍了湄公龙行动的最新情况。";
const ACTION_VI = "Trao đổi danh sách hàng hóa rủi ro cao hằng tháng";
const ACTION_ZH = "每月交换高风险货物清单";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createSeries(server, {
    slug: SLUG,
    name: "Ba bên – 三方 – Three parties",
    parties: ["VNC", "GACC", "NNC"],
    languages: ["vi", "zh", "en"],
    members: [
      { email: "lan.nguyen@vnc.test", agency: "VNC", role: "secretariat" },
      { email: "zhang.wei@gacc.test", agency: "GACC", role: "secretariat" },
      { email: "minh.tran@vnc.test", agency: "VNC", role: "observer" },
      { email: "li.na@gacc.test", agency: "GACC", role: "observer" },
    ],
  });
  // English is a working language, not an authentic one.
  withDb(server.dbPath, (db) => db.prepare("UPDATE series SET authentic_languages = ? WHERE slug = ?").run('["vi","zh"]', SLUG));
  const lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
  await createConference(lan, SLUG, { number: 1, title: "Hội nghị ba bên lần thứ nhất", startsOn: "2099-03-01", endsOn: "2099-03-02" });
  expect((await lan.postForm(`${WORKSPACE}/lifecycle`, { intent: "open" })).status).toBe(303);
});

afterAll(async () => {
  await browser?.close();
});

/** The rich text of an agenda item's field in one language, named as its label says. */
function richText(page: Page, catalog: typeof en, field: "notesLabel" | "outcomeLabel", language: "vi" | "zh" | "en", index: number) {
  return page.getByRole("textbox", { name: catalog.parallel[field].replace("{{language}}", catalog.parallel.languages[language]), exact: true }).nth(index);
}

function column(page: Page, catalog: typeof en, language: "vi" | "zh" | "en", index: number) {
  return page.getByRole("region", { name: catalog.parallel.column.replace("{{language}}", catalog.parallel.languages[language]), exact: true }).nth(index);
}

describe("parallel texts", () => {
  it("two secretariats write two languages of the same items at once, a change of the source is shown stale, confirmed, and the record adopted in both", async () => {
    const lan = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    try {
      await secretariatsInWorkspace(lan, zhang, WORKSPACE);

      // The usual agenda starts titled in all three languages, each title labelled with its language.
      const zhTitle = zhang.page.getByLabel(zh.parallel.titleLabel.replace("{{number}}", "1").replace("{{language}}", zh.parallel.languages.zh), { exact: true });
      expect(await zhTitle.inputValue()).toBe(zh.agendaDefaults.opening);
      expect(await zhTitle.getAttribute("lang")).toBe("zh");
      await lan.page.getByText(vi.parallel.allInLine).waitFor();

      // At once: Lan writes the Vietnamese outcome of item 3, Zhang the Chinese notes of the same item.
      const lanOutcome = richText(lan.page, vi, "outcomeLabel", "vi", 2);
      const zhangNotes = richText(zhang.page, zh, "notesLabel", "zh", 2);
      expect(await lanOutcome.getAttribute("lang")).toBe("vi");
      await lanOutcome.click();
      await zhangNotes.click();
      await Promise.all([lanOutcome.pressSequentially(OUTCOME_VI), zhangNotes.pressSequentially(NOTES_ZH)]);
      await expect.poll(() => richText(zhang.page, zh, "outcomeLabel", "vi", 2).textContent(), { timeout: 10_000 }).toContain(OUTCOME_VI);
      await expect.poll(() => richText(lan.page, vi, "notesLabel", "zh", 2).textContent(), { timeout: 10_000 }).toContain(NOTES_ZH);
      // Each sees the other's named caret in the other language's column.
      await zhang.page.locator(".collaboration-carets__label", { hasText: "Nguyễn Thị Lan" }).first().waitFor({ timeout: 10_000 });
      await lan.page.locator(".collaboration-carets__label", { hasText: "张伟" }).first().waitFor({ timeout: 10_000 });
      // The workspace counts what is left: the Chinese notes have no Vietnamese yet, the outcome no Chinese.
      await lan.page.getByText(vi.parallel.missing_other.replace("{{count}}", "1").replace("{{language}}", vi.parallel.languages.zh)).waitFor();

      // Zhang translates the outcome; it is in line with the Vietnamese.
      const zhangOutcome = richText(zhang.page, zh, "outcomeLabel", "zh", 2);
      await zhangOutcome.click();
      await zhangOutcome.pressSequentially(OUTCOME_ZH);
      await column(zhang.page, zh, "zh", 2).getByText(zh.parallel.states.current).first().waitFor();

      // Lan translates the notes into Vietnamese, then changes her outcome.
      const lanNotes = richText(lan.page, vi, "notesLabel", "vi", 2);
      await lanNotes.click();
      await lanNotes.pressSequentially("Phía Trung Quốc thông báo tình hình mới nhất của chiến dịch Rồng Mê Kông.");
      await lanOutcome.click();
      await lanOutcome.press("End");
      await lanOutcome.pressSequentially(" về ma túy");

      // Zhang sees the Chinese outcome marked stale, with the words added to the Vietnamese since.
      const zhColumn = column(zhang.page, zh, "zh", 2);
      const stale = zhColumn.locator(".text-state.is-stale");
      await stale.waitFor({ timeout: 10_000 });
      expect(await stale.textContent()).toContain(zh.parallel.states.stale);
      expect(await stale.locator("ins").allTextContents()).toEqual([" về ma túy"]);
      await zhang.page.getByText(zh.parallel.stale_other.replace("{{count}}", "1").replace("{{language}}", zh.parallel.languages.zh)).waitFor();
      for (const [page, name] of [[zhang.page, "zh"], [lan.page, "vi"]] as const) {
        await page.screenshot({ path: `${SHOTS}/accord-parallel-${name}-desktop.png`, fullPage: true });
      }

      // An action: Lan drafts it in Vietnamese, Zhang writes its Chinese, in line with it.
      await lan.page.getByRole("button", { name: `+ ${vi.workspace.actions.add}` }).click();
      const actionLabel = (catalog: typeof en, language: "vi" | "zh") =>
        catalog.parallel.actionLabel.replace("{{number}}", "1").replace("{{language}}", catalog.parallel.languages[language]);
      await lan.page.getByLabel(actionLabel(vi, "vi"), { exact: true }).pressSequentially(ACTION_VI);
      await lan.page.getByRole("checkbox", { name: "GACC" }).check();
      await lan.page.getByLabel(vi.workspace.actions.dueDate, { exact: true }).fill("2099-06-30");
      const zhangAction = zhang.page.getByLabel(actionLabel(zh, "zh"), { exact: true });
      await zhangAction.waitFor({ timeout: 10_000 });
      await zhangAction.click();
      await zhangAction.pressSequentially(ACTION_ZH);
      await expect.poll(() => lan.page.getByLabel(actionLabel(vi, "zh"), { exact: true }).inputValue(), { timeout: 10_000 }).toBe(ACTION_ZH);

      // Lan tries to conclude: the stale Chinese (authentic) blocks it; the missing English only warns.
      await lan.page.getByRole("button", { name: `${vi.lifecycle.conclude}…` }).click();
      const dialog = lan.page.getByRole("dialog", { name: vi.conclusion.title });
      await dialog.getByRole("heading", { name: vi.conclusion.mustFix }).waitFor();
      const title3 = vi.agendaDefaults.thematic;
      const blocked = vi.conclusion.problems.textStaleItem
        .replace("{{number}}", "3")
        .replace("{{title}}", title3)
        .replace("{{language}}", vi.parallel.languages.zh)
        .replace("{{fields}}", vi.parallel.fields.outcome);
      await dialog.locator(".conclusion-problems.is-blocking").getByText(blocked).waitFor();
      await dialog.locator(".conclusion-problems:not(.is-blocking)").getByText(vi.parallel.languages.en, { exact: false }).first().waitFor();
      expect(await dialog.getByRole("button", { name: vi.conclusion.adopt }).isDisabled()).toBe(true);
      await lan.page.screenshot({ path: `${SHOTS}/accord-parallel-conclude-blocked.png` });

      // Zhang reads the change and confirms the Chinese still says the same: the dialog follows at once.
      await zhColumn
        .getByRole("button", {
          name: zh.parallel.stillCorrectLabel.replace("{{field}}", zh.parallel.fields.outcome).replace("{{language}}", zh.parallel.languages.zh).replace("{{source}}", zh.parallel.languages.vi),
        })
        .click();
      await zhColumn.locator(".text-state.is-stale").waitFor({ state: "detached" });
      await expect.poll(() => dialog.getByRole("button", { name: vi.conclusion.adopt }).isEnabled(), { timeout: 10_000 }).toBe(true);
      await dialog.getByRole("button", { name: vi.conclusion.adopt }).click();
      await lan.page.waitForURL((url) => url.pathname === `${WORKSPACE}/record`);
      // The address changes a moment before the record replaces the workspace on screen.
      await lan.page.getByRole("group", { name: vi.record.exportsHeading }).waitFor();

      // The record side by side, and one language at a time.
      await lan.page.getByText(`${OUTCOME_VI} về ma túy`).waitFor();
      await lan.page.getByText(OUTCOME_ZH).waitFor();
      await lan.page.screenshot({ path: `${SHOTS}/accord-parallel-record-vi-desktop.png`, fullPage: true });
      await lan.page.getByRole("navigation", { name: vi.parallel.readIn }).getByRole("link", { name: vi.parallel.languages.zh }).click();
      await lan.page.waitForURL((url) => url.search === "?lang=zh");
      await expect.poll(() => lan.page.getByText(`${OUTCOME_VI} về ma túy`).count()).toBe(0);
      expect(await lan.page.getByText(OUTCOME_ZH).count()).toBe(1);

      // The Word export side by side, fetched with Lan's session as a script would: both texts of each entry in one row.
      const client = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
      const docx = await client.get(`${WORKSPACE}/record.docx?layout=side-by-side`);
      expect(docx.status).toBe(200);
      const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await docx.arrayBuffer()) });
      const rows = html.split("<tr>").slice(1);
      const outcomeRow = rows.find((row) => row.includes(`${OUTCOME_VI} về ma túy`));
      expect(outcomeRow, "a row with the Vietnamese outcome").toBeDefined();
      expect(outcomeRow).toContain(OUTCOME_ZH);
      expect(outcomeRow!.indexOf(OUTCOME_ZH)).toBeGreaterThan(outcomeRow!.indexOf("</td>"));
      const actionRow = rows.find((row) => row.includes(ACTION_VI));
      expect(actionRow).toContain(ACTION_ZH);
    } finally {
      await lan.context.close();
      await zhang.context.close();
    }

    // Time passes and the action falls due: 李娜 reads the leader's view in Chinese, the action in its Chinese text.
    withDb(server.dbPath, (db) => db.prepare("UPDATE commitments SET due_on = '2026-01-15' WHERE text = ?").run(ACTION_VI));
    const li = await openPage(browser, server.url);
    try {
      await signIn(li.page, "li.na@gacc.test");
      await li.page.evaluate(async () => {
        await fetch("/settings/language", { method: "POST", body: new URLSearchParams({ locale: "zh", redirectTo: "/" }) });
      });
      await li.page.goto(`/series/${SLUG}/leader`);
      await li.page.getByRole("heading", { name: zh.leader.overdueTitle }).waitFor();
      const overdue = li.page.locator("table.leader-table").first();
      await overdue.getByRole("link", { name: ACTION_ZH }).waitFor();
      expect(await li.page.getByText(ACTION_VI).count()).toBe(0);
      expect(await overdue.getByRole("row").filter({ hasText: ACTION_ZH }).locator(".badge-language").count()).toBe(0);
      await li.page.screenshot({ path: `${SHOTS}/accord-parallel-drafted-leader-zh-desktop.png`, fullPage: true });
    } finally {
      await li.context.close();
    }
  });

  it("reads well on a phone in every interface language: one language at a time behind a switch", async () => {
    for (const [email, catalog, name] of [
      ["minh.tran@vnc.test", en, "en"],
      ["lan.nguyen@vnc.test", vi, "vi"],
      ["zhang.wei@gacc.test", zh, "zh"],
    ] as const) {
      const { context, page } = await openPage(browser, server.url);
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await signIn(page, email);
        await page.goto(`${WORKSPACE}/record`);
        await page.screenshot({ path: `${SHOTS}/accord-parallel-record-${name}-390.png`, fullPage: true });
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.screenshot({ path: `${SHOTS}/accord-parallel-record-${name}-desktop.png`, fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(WORKSPACE);
        const tabs = page.getByRole("tablist", { name: catalog.parallel.switchLabel });
        await tabs.waitFor();
        // One column shows; the arrow keys move to the next language.
        const selected = () => tabs.getByRole("tab", { selected: true }).textContent();
        const first = await selected();
        await tabs.getByRole("tab", { selected: true }).focus();
        await page.keyboard.press("ArrowRight");
        await expect.poll(selected).not.toBe(first);
        // The tabs' colours fade in; the picture is taken once they have.
        await page.waitForTimeout(400);
        const shown = await page.locator(".parallel-column:visible").count();
        const all = await page.locator(".parallel-column").count();
        expect(shown * 3).toBe(all);
        await page.screenshot({ path: `${SHOTS}/accord-parallel-workspace-${name}-390.png`, fullPage: true });
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.screenshot({ path: `${SHOTS}/accord-parallel-workspace-${name}-desktop.png`, fullPage: true });
      } finally {
        await context.close();
      }
    }
  });
});
