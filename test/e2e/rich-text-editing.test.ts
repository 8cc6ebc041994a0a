import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, secretariatsInWorkspace } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

// The rich texts of the workspace: what the keyboard and the toolbar do, what the
// other party sees, and that each person undoes only their own writing.
const WORKSPACE = "/series/vn-cn-anti-smuggling/conferences/18";
const ZHANG_WORDS = ["甲", "乙", "丙", "丁", "戊", "己", "庚"];

/** A rich text without other people's carets: its HTML, and its words. */
const withoutCarets = (field: Locator) =>
  field.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret, .ProseMirror-yjs-selection").forEach((c) => c.replaceWith(...c.childNodes));
    copy.querySelectorAll(".collaboration-carets__label").forEach((c) => c.remove());
    return { html: copy.innerHTML.replace(/<img class="ProseMirror-separator"[^>]*>|<br class="ProseMirror-trailingBreak">/g, ""), text: copy.textContent ?? "" };
  });
const wordsOf = async (field: Locator) => (await withoutCarets(field)).text;
const htmlOf = async (field: Locator) => (await withoutCarets(field)).html;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

describe("a rich text written by two parties", () => {
  it("formats with keys, toolbar and markdown-style typing, shows the other's named caret, and undoes per person", async () => {
    const lan = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    try {
      await secretariatsInWorkspace(lan, zhang, WORKSPACE);

      // The second item's Chinese notes, on both screens.
      const zhangLabel = zh.parallel.notesLabel.replace("{{language}}", zh.parallel.languages.zh);
      const zhangNotes = zhang.page.getByRole("textbox", { name: zhangLabel, exact: true }).nth(1);
      const lanNotes = lan.page.getByRole("textbox", { name: vi.parallel.notesLabel.replace("{{language}}", vi.parallel.languages.zh), exact: true }).nth(1);
      const toolbar = zhang.page.getByRole("toolbar", { name: zh.workspace.toolbar.label.replace("{{field}}", zhangLabel) }).nth(1);
      const pressed = (name: string) => toolbar.getByRole("button", { name }).getAttribute("aria-pressed");

      // Lan writes first, in a paragraph of her own.
      await lanNotes.click();
      await lanNotes.pressSequentially("Ý kiến của Lan");
      await expect.poll(() => zhangNotes.textContent(), { timeout: 10_000 }).toContain("Ý kiến của Lan");

      // Zhang writes after it: a list from "- ", nested with Tab and back with Shift-Tab.
      await zhangNotes.click();
      await zhangNotes.press("Control+End");
      await zhangNotes.press("Enter");
      await zhangNotes.pressSequentially("- 甲");
      await expect.poll(() => pressed(zh.workspace.toolbar.bulletList)).toBe("true");
      await zhangNotes.press("Enter");
      await zhangNotes.pressSequentially("乙");
      await zhangNotes.press("Tab");
      await expect.poll(() => htmlOf(zhangNotes)).toMatch(/<ul><li><p>甲<\/p><ul><li><p>乙<\/p><\/li><\/ul><\/li><\/ul>/);
      await zhangNotes.press("Shift+Tab");
      await expect.poll(() => htmlOf(zhangNotes)).toMatch(/<ul><li><p>甲<\/p><\/li><li><p>乙<\/p><\/li><\/ul>/);
      // An empty item ends the list.
      await zhangNotes.press("Enter");
      await zhangNotes.press("Enter");
      await expect.poll(() => pressed(zh.workspace.toolbar.bulletList)).toBe("false");

      // "1. ", "> " and "### " start a numbered list, a quotation and a heading.
      await zhangNotes.pressSequentially("1. 丙");
      await expect.poll(() => pressed(zh.workspace.toolbar.orderedList)).toBe("true");
      await zhangNotes.press("Enter");
      await zhangNotes.press("Enter");
      await zhangNotes.pressSequentially("> 丁");
      await zhangNotes.press("Enter");
      await zhangNotes.press("Enter");
      await zhangNotes.pressSequentially("### 戊");
      await zhangNotes.press("Enter");

      // **bold** as typed, then bold from the keyboard, which the toolbar shows pressed.
      await zhangNotes.pressSequentially("**己** ");
      await zhangNotes.press("Control+b");
      await expect.poll(() => pressed(zh.workspace.toolbar.bold)).toBe("true");
      await zhangNotes.pressSequentially("庚");
      await zhangNotes.press("Control+b");
      await expect.poll(() => pressed(zh.workspace.toolbar.bold)).toBe("false");
      await zhangNotes.press("Control+i");
      await expect.poll(() => pressed(zh.workspace.toolbar.italic)).toBe("true");
      await zhangNotes.press("Control+i");

      // A web address typed and followed by a space becomes a link; the full stop after it stays text.
      await zhangNotes.press("Enter");
      await zhangNotes.pressSequentially("见 www.customs.gov.vn/tin-tuc. 完");
      await expect
        .poll(() => htmlOf(lanNotes), { timeout: 10_000 })
        .toMatch(/<p>见 <a href="https:\/\/www\.customs\.gov\.vn\/tin-tuc" target="_blank" rel="noopener noreferrer nofollow">www\.customs\.gov\.vn\/tin-tuc<\/a>\. 完<\/p>/);

      // Lan sees the same structure, stored through the hub's schema, and Zhang's caret with his name.
      const structure = /<p>Ý kiến của Lan<\/p><ul><li><p>甲<\/p><\/li><li><p>乙<\/p><\/li><\/ul><ol><li><p>丙<\/p><\/li><\/ol><blockquote><p>丁<\/p><\/blockquote><h3>戊<\/h3><p><strong>己<\/strong> <strong>庚<\/strong>/;
      await expect.poll(() => htmlOf(lanNotes), { timeout: 10_000 }).toMatch(structure);
      await lan.page.locator(".collaboration-carets__label", { hasText: "张伟" }).first().waitFor({ timeout: 10_000 });

      // Zhang undoes everything he wrote: Lan's words stay. Redo brings his back.
      const hasZhangs = async () => {
        const text = await wordsOf(zhangNotes);
        return ZHANG_WORDS.some((w) => text.includes(w));
      };
      for (let i = 0; i < 60 && (await hasZhangs()); i++) await zhangNotes.press("Control+z");
      await expect.poll(() => wordsOf(lanNotes), { timeout: 10_000 }).toBe("Ý kiến của Lan");
      expect(await wordsOf(zhangNotes)).toBe("Ý kiến của Lan");
      for (let i = 0; i < 60 && !(await wordsOf(zhangNotes)).includes("庚"); i++) await zhangNotes.press("Control+Shift+z");
      await expect.poll(() => htmlOf(lanNotes), { timeout: 10_000 }).toMatch(structure);

      expect(lan.problems.errors).toEqual([]);
      expect(zhang.problems.errors).toEqual([]);
    } finally {
      await lan.context.close();
      await zhang.context.close();
    }
  });
});
