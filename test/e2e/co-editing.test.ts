import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn, secretariatsInWorkspace } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

// Lan's account is in Vietnamese, Zhang's in Chinese: each sees the page in their language.
// The demo series works in Vietnamese, Chinese and English: each text has a column per language.
const WORKSPACE = "/series/vn-cn-anti-smuggling/conferences/18";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});


describe("two secretariats of different agencies", () => {
  it("edit one agenda item together and each sees the other's text and caret", async () => {
    const lan = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    try {
      await secretariatsInWorkspace(lan, zhang, WORKSPACE);

      // Lan edits the title of the third item; Zhang sees it.
      const lanTitle = lan.page.getByLabel(vi.parallel.titleLabel.replace("{{number}}", "3").replace("{{language}}", vi.parallel.languages.vi), { exact: true });
      await lanTitle.click();
      await lanTitle.press("End");
      await lanTitle.pressSequentially(" — Rồng Mê Kông");
      const zhangTitle = zhang.page.getByLabel(zh.parallel.titleLabel.replace("{{number}}", "3").replace("{{language}}", zh.parallel.languages.vi), { exact: true });
      await expect.poll(() => zhangTitle.inputValue(), { timeout: 10_000 }).toContain("— Rồng Mê Kông");

      // Zhang writes the Chinese notes of the same item; Lan sees the text and Zhang's named caret.
      // Every demo item has its notes in each language, empty until written: the third item's Chinese notes.
      const notesLabel = zh.parallel.notesLabel.replace("{{language}}", zh.parallel.languages.zh);
      const zhangNotes = zhang.page.getByRole("textbox", { name: notesLabel, exact: true }).nth(2);
      await zhangNotes.click();
      await zhangNotes.pressSequentially("中方建议联合向世界海关组织报告。");
      const lanNotes = lan.page.getByRole("textbox", { name: vi.parallel.notesLabel.replace("{{language}}", vi.parallel.languages.zh), exact: true }).nth(2);
      await expect.poll(() => lanNotes.textContent(), { timeout: 10_000 }).toContain("中方建议联合向世界海关组织报告");
      await lan.page.locator(".collaboration-carets__label", { hasText: "张伟" }).first().waitFor({ timeout: 10_000 });

      // And the other way round: Lan's caret in the same notes shows on Zhang's screen.
      await lanNotes.click();
      await lanNotes.press("End");
      await lanNotes.pressSequentially(" Phía Việt Nam đồng ý.");
      await expect.poll(() => zhangNotes.textContent(), { timeout: 10_000 }).toContain("Phía Việt Nam đồng ý");
      await zhang.page.locator(".collaboration-carets__label", { hasText: "Nguyễn Thị Lan" }).first().waitFor({ timeout: 10_000 });

      // Formatting goes through the hub's document schema: bold, italic and lists as the editor writes them.
      const outcomeLabel = zh.parallel.outcomeLabel.replace("{{language}}", zh.parallel.languages.zh);
      const outcome = zhang.page.getByRole("textbox", { name: outcomeLabel, exact: true }).nth(2);
      await outcome.click();
      const toolbar = zhang.page.getByRole("toolbar", { name: zh.workspace.toolbar.label.replace("{{field}}", outcomeLabel) }).nth(2);
      await toolbar.getByRole("button", { name: zh.workspace.toolbar.bulletList }).click();
      await toolbar.getByRole("button", { name: zh.workspace.toolbar.bold }).click();
      await outcome.pressSequentially("加强信息交流");
      await toolbar.getByRole("button", { name: zh.workspace.toolbar.bold }).click();
      await toolbar.getByRole("button", { name: zh.workspace.toolbar.italic }).click();
      await outcome.pressSequentially(" 联合行动");
      const lanOutcome = lan.page.getByRole("textbox", { name: vi.parallel.outcomeLabel.replace("{{language}}", vi.parallel.languages.zh), exact: true }).nth(2);
      await expect.poll(() => lanOutcome.innerHTML(), { timeout: 10_000 }).toMatch(/<li>.*<strong>加强信息交流<\/strong>.*<em>\s*联合行动<\/em>/s);

      // Both are saved: a reload shows the same agenda from the server.
      await expect.poll(async () => (await lan.page.getByRole("status").textContent()) ?? "", { timeout: 10_000 }).toContain(vi.workspace.status.connected);
      await lan.page.screenshot({ path: "/tmp/accord-co-editing.png" });
      expect(lan.problems.errors).toEqual([]);
      expect(zhang.problems.errors).toEqual([]);
    } finally {
      await lan.context.close();
      await zhang.context.close();
    }
  });

  it("sends what is typed the moment the workspace opens, and what is typed while offline once it reconnects", async () => {
    const lan = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    try {
      await Promise.all([signIn(lan.page, "lan.nguyen@vnc.test"), signIn(zhang.page, "zhang.wei@gacc.test")]);
      await zhang.page.goto(WORKSPACE);
      await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.connected }).waitFor();
      const zhangTitle = zhang.page.getByLabel(zh.parallel.titleLabel.replace("{{number}}", "2").replace("{{language}}", zh.parallel.languages.vi), { exact: true });

      // Lan's workspace takes the document from its first sync; she types as soon as the title can take it.
      await lan.page.goto(WORKSPACE);
      const lanTitle = lan.page.getByLabel(vi.parallel.titleLabel.replace("{{number}}", "2").replace("{{language}}", vi.parallel.languages.vi), { exact: true });
      await expect.poll(() => lanTitle.isEditable(), { timeout: 10_000 }).toBe(true);
      await lanTitle.press("Control+End");
      await lanTitle.pressSequentially(" (khai mạc)");
      await expect.poll(() => zhangTitle.inputValue(), { timeout: 10_000 }).toContain("(khai mạc)");

      // Her connection drops; what she types meanwhile reaches Zhang once it is back.
      await lan.context.setOffline(true);
      await lan.page.getByRole("status").filter({ hasText: vi.workspace.status.offline.slice(0, 9) }).waitFor();
      await lanTitle.press("Control+End");
      await lanTitle.pressSequentially(" (bổ sung)");
      await lan.context.setOffline(false);
      await lan.page.getByRole("status").filter({ hasText: vi.workspace.status.connected }).waitFor({ timeout: 15_000 });
      await expect.poll(() => zhangTitle.inputValue(), { timeout: 10_000 }).toMatch(/\(khai mạc\) \(bổ sung\)$/);

      // Stored: Zhang's page opened again has both from the server.
      await zhang.page.reload();
      await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.connected }).waitFor();
      await expect.poll(() => zhangTitle.inputValue(), { timeout: 10_000 }).toMatch(/\(khai mạc\) \(bổ sung\)$/);
      expect(lan.problems.errors).toEqual([]);
      expect(zhang.problems.errors).toEqual([]);
    } finally {
      await lan.context.close();
      await zhang.context.close();
    }
  });
});
