import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

// A secretariat names its series and a figure its notes report in its own
// language, on the languages page, by the labels a person reads; a reader of
// that language then reads them on every page, and a reader of another
// language keeps theirs (decision 0059).

const SERIES = "/series/vn-cn-anti-smuggling";
const NEW_NAME = "中越海关缉私合作年度会议";
const NEW_FIGURE = "互派交流干部";
const VI_NAME = "Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

describe("names in every working language", () => {
  it("are given by a secretariat on the languages page and read by each reader in theirs", async () => {
    const chinese = await openPage(browser, server.url);
    const vietnamese = await openPage(browser, server.url);
    try {
      const page = chinese.page;
      await signIn(page, "zhang.wei@gacc.test");
      await page.goto(`${SERIES}/languages`);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

      const names = page.getByRole("form", { name: zh.texts.namesTitle });
      const chineseName = names.getByRole("group", { name: "中文" }).getByLabel(zh.admin.seriesName, { exact: true });
      expect(await chineseName.inputValue()).toBe("中越海关缉私合作会议");
      await chineseName.fill(NEW_NAME);
      await names.getByRole("button", { name: zh.texts.namesSave }).click();
      await page.getByRole("status").filter({ hasText: zh.texts.namesSaved }).waitFor();
      await page.getByRole("navigation").getByRole("link", { name: NEW_NAME }).first().waitFor();

      const card = page.getByRole("article", { name: "staff exchanged (officers)" });
      const figure = card.getByRole("form", { name: "staff exchanged (officers)" });
      await figure.getByRole("group", { name: "中文" }).getByLabel(zh.admin.seriesName, { exact: true }).fill(NEW_FIGURE);
      await figure.getByRole("button", { name: zh.texts.namesSave }).click();
      await card.getByRole("status").filter({ hasText: zh.texts.namesSaved }).waitFor();

      await page.goto(`${SERIES}/leader`);
      await page.getByRole("heading", { level: 1, name: zh.leader.title }).waitFor();
      await page.getByRole("img", { name: zh.leader.figureTitle.replace("{{label}}", NEW_FIGURE).replace("{{unit}}", "名") }).waitFor();
      await page.goto("/");
      await page.getByRole("list", { name: zh.home.title }).getByRole("link", { name: NEW_NAME }).waitFor();

      // Lan signs in from a page in English: the page she lands on is in Vietnamese at once (root's clientLoader),
      // and she reads her own language's names, which nobody changed.
      await signIn(vietnamese.page, "lan.nguyen@vnc.test");
      await vietnamese.page.getByRole("heading", { level: 1, name: vi.home.title }).waitFor();
      const home = vietnamese.page.getByRole("list", { name: vi.home.title });
      await home.getByRole("link").first().waitFor();
      expect(await home.getByRole("link").allTextContents()).toEqual([VI_NAME]);
      await vietnamese.page.goto(`${SERIES}/leader`);
      await vietnamese.page.getByRole("img", { name: vi.leader.figureTitle.replace("{{label}}", "cán bộ được cử sang trao đổi").replace("{{unit}}", "cán bộ") }).waitFor();

      expect(chinese.problems.errors).toEqual([]);
      expect(vietnamese.problems.errors).toEqual([]);
    } finally {
      await chinese.context.close();
      await vietnamese.context.close();
    }
  });
});
