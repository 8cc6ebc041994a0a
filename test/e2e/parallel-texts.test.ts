import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { withDb } from "../helpers/db";
import type { HttpClient } from "../helpers/http";
import { member, PEOPLE, seriesWithFirstConference } from "../helpers/series-setup";
import { startServer, type TestServer } from "../helpers/server";

// A three-party series of the test's own, working in Vietnamese, Chinese and
// English. Lan (VNC secretariat, Vietnamese) makes Vietnamese and Chinese the
// authentic languages and writes a commitment's Chinese text beside its
// Vietnamese one; 李娜 (GACC, observer here, reads in Chinese) opens the
// leader's view: the Chinese text where there is one, the Vietnamese one
// marked where there is none. Screenshots of each page in en, vi and zh, at
// desktop width and at 390 px, go to /tmp for people to look at.
const SLUG = "mekong-three-party";
const SERIES_NAME = "Mekong Three-Party Customs Liaison";
const TRANSLATED_VI = "Trao đổi danh sách đầu mối liên lạc hằng tháng";
const TRANSLATED_ZH = "每月交换联络点名单";
const UNTRANSLATED_VI = "Tổ chức tuần tra chung tại cửa khẩu Hữu Nghị";
const SHOTS = "/tmp/accord-parallel";

let server: TestServer;
let browser: Browser;
const ids = { translated: 0, untranslated: 0 };

/** An agreement whose two clauses become overdue commitments of VNC and GACC, made through the forms. */
async function commitmentsFromClauses(lan: HttpClient) {
  const agency = (code: string) => withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM agencies WHERE code = ?").get(code) as { id: number }).id);
  const [vnc, gacc] = [agency("VNC"), agency("GACC")];
  const created = await lan.postForm(`/series/${SLUG}/agreements/new`, [
    ["title", "Biên bản ghi nhớ về trao đổi thông tin"],
    ["parties", String(vnc)],
    ["parties", String(gacc)],
    ["status", "signed"],
    ["signedOn", "2026-03-03"],
    ["signedAt", "Lạng Sơn"],
  ]);
  expect(created.status).toBe(303);
  const agreementPath = new URL(created.headers.get("location")!, server.url).pathname;
  for (const text of [TRANSLATED_VI, UNTRANSLATED_VI]) {
    expect((await lan.postForm(agreementPath, { intent: "addClause", label: "", text, position: "" })).status).toBe(200);
  }
  const clauses = withDb(server.dbPath, (db) => db.prepare("SELECT id, text FROM clauses ORDER BY id DESC LIMIT 2").all() as { id: number; text: string }[]);
  for (const clause of clauses) {
    const made = await lan.postForm(agreementPath, [
      ["intent", "makeCommitment"],
      ["clauseId", String(clause.id)],
      ["text", clause.text],
      ["owners", String(vnc)],
      ["owners", String(gacc)],
      ["dueKind", "date"],
      ["dueOn", "2026-06-30"],
    ]);
    expect(made.status).toBe(200);
  }
  const idOf = (text: string) => withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM commitments WHERE text = ?").get(text) as { id: number }).id);
  ids.translated = idOf(TRANSLATED_VI);
  ids.untranslated = idOf(UNTRANSLATED_VI);
}

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Chooses the interface language as the switcher does (a same-origin form post), from a page of the app. */
async function useLanguage(page: Page, locale: "en" | "vi" | "zh") {
  await page.evaluate(async (chosen) => {
    await fetch("/settings/language", { method: "POST", body: new URLSearchParams({ locale: chosen, redirectTo: "/" }) });
  }, locale);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const lan = await seriesWithFirstConference(server, {
    slug: SLUG,
    name: SERIES_NAME,
    parties: ["VNC", "GACC", "LSC"],
    languages: ["vi", "zh", "en"],
    members: [
      member(PEOPLE.lan, "secretariat"),
      member(PEOPLE.zhang, "secretariat"),
      member(PEOPLE.li, "observer"),
    ],
  }, { startsOn: "2026-03-02", endsOn: "2026-03-03" });
  await commitmentsFromClauses(lan);
});

afterAll(async () => {
  await browser?.close();
});

describe("parallel texts on a three-party series", () => {
  it("a secretariat sets the authentic languages and writes a commitment in a second language; a Chinese reader reads the leader's view in Chinese", async () => {
    const lan = await openPage(browser, server.url);
    const li = await openPage(browser, server.url);
    try {
      await Promise.all([signIn(lan.page, "lan.nguyen@vnc.test"), signIn(li.page, "li.na@gacc.test")]);
      await Promise.all([useLanguage(lan.page, "vi"), useLanguage(li.page, "zh")]);

      // Lan: the series' languages, from the series page. All three start authentic; English becomes a working language only.
      await lan.page.goto(`/series/${SLUG}`);
      // A link styled as a button, named as one (the house's page actions).
      await lan.page.getByRole("button", { name: vi.texts.languagesTitle }).click();
      const authentic = lan.page.getByRole("group", { name: vi.texts.authentic });
      for (const name of ["Tiếng Việt", "中文", "English"]) expect(await authentic.getByRole("checkbox", { name }).isChecked()).toBe(true);
      await authentic.getByRole("checkbox", { name: "English" }).uncheck();
      await lan.page.getByRole("form", { name: vi.texts.languagesTitle, exact: true }).getByRole("button", { name: vi.admin.save, exact: true }).click();
      await lan.page.getByText(vi.texts.languagesSaved).waitFor();
      expect(await authentic.getByRole("checkbox", { name: "English" }).isChecked()).toBe(false);
      expect(await authentic.getByRole("checkbox", { name: "中文" }).isChecked()).toBe(true);
      await shoot(lan.page, "languages-vi");

      // Lan writes the Chinese text of the first commitment beside its Vietnamese one.
      await lan.page.goto(`/commitments/${ids.translated}`);
      const languages = lan.page.getByRole("region", { name: vi.texts.eachLanguage });
      await languages.getByLabel(vi.texts.textIn.replace("{{language}}", "中文")).fill(TRANSLATED_ZH);
      await languages.getByRole("button", { name: vi.texts.saveIn.replace("{{language}}", "中文") }).click();
      await lan.page.getByText(vi.texts.outcome.saved).waitFor();
      await languages.getByText(vi.texts.inLine).waitFor();
      await shoot(lan.page, "commitment-vi");

      // 李娜 reads the leader's view in Chinese.
      await li.page.goto(`/series/${SLUG}/leader`);
      const overdue = li.page.locator("table.leader-table").first();
      await overdue.getByRole("link", { name: TRANSLATED_ZH }).waitFor();
      expect(await overdue.getByText(TRANSLATED_VI).count()).toBe(0);
      const fallback = overdue.getByRole("row").filter({ hasText: UNTRANSLATED_VI });
      const marker = zh.texts.shownIn.replace("{{shown}}", "Tiếng Việt").replace("{{wanted}}", "中文");
      await fallback.locator(".badge-language", { hasText: "vi" }).waitFor();
      expect(await fallback.locator(".badge-language").getAttribute("title")).toBe(marker);
      expect(await fallback.getByText(marker).count()).toBe(1);
      expect(await overdue.getByRole("row").filter({ hasText: TRANSLATED_ZH }).locator(".badge-language").count()).toBe(0);
      expect(await li.page.locator(`[lang="vi"]`, { hasText: UNTRANSLATED_VI }).count()).toBeGreaterThan(0);
      await shoot(li.page, "leader-zh");

      // The Vietnamese text changes: the Chinese one is marked as needing an update, with what changed.
      await lan.page.goto(`/commitments/${ids.translated}`);
      await languages.getByLabel(vi.texts.textIn.replace("{{language}}", "Tiếng Việt")).fill(`${TRANSLATED_VI} và số điện thoại trực ban`);
      await languages.getByRole("button", { name: vi.texts.saveIn.replace("{{language}}", "Tiếng Việt") }).click();
      await languages.getByText(vi.texts.needsUpdate).waitFor();
      await languages.locator("ins", { hasText: "và số điện thoại trực ban" }).waitFor();
      await shoot(lan.page, "commitment-stale-vi");

      // The agreement's title in Chinese, on its page of texts; the conference's title likewise.
      await lan.page.goto(`/series/${SLUG}/agreements`);
      await lan.page.getByRole("link", { name: "Biên bản ghi nhớ về trao đổi thông tin" }).click();
      await lan.page.getByRole("button", { name: vi.texts.eachLanguage }).click();
      const titleSection = lan.page.getByRole("region", { name: vi.agreement.name });
      await titleSection.getByLabel(vi.texts.titleIn.replace("{{language}}", "中文")).fill("关于信息交流的谅解备忘录");
      await titleSection.getByRole("button", { name: vi.texts.saveIn.replace("{{language}}", "中文") }).click();
      await lan.page.getByText(vi.texts.outcome.saved).waitFor();
      await shoot(lan.page, "agreement-texts-vi");
      await lan.page.goto(`/series/${SLUG}/conferences/1/title`);
      await lan.page.getByLabel(vi.texts.titleIn.replace("{{language}}", "中文")).fill("第一次会议");
      await lan.page.getByRole("button", { name: vi.texts.saveIn.replace("{{language}}", "中文") }).click();
      await lan.page.getByText(vi.texts.outcome.saved).waitFor();
      await shoot(lan.page, "conference-title-vi");
      await li.page.goto(`/series/${SLUG}`);
      await li.page.getByRole("link", { name: "第一次会议" }).waitFor();
      await shoot(li.page, "series-zh");

      // Screens in the other interface languages, for people to look at.
      await useLanguage(lan.page, "en");
      await lan.page.goto(`/commitments/${ids.translated}`);
      await lan.page.getByText(en.texts.needsUpdate).waitFor();
      await shoot(lan.page, "commitment-stale-en");
      await lan.page.goto(`/series/${SLUG}/languages`);
      await shoot(lan.page, "languages-en");
      await lan.page.goto(`/series/${SLUG}/leader`);
      await lan.page.locator(".badge-language").first().waitFor();
      await shoot(lan.page, "leader-en");
      await useLanguage(li.page, "zh");
      await li.page.goto(`/commitments/${ids.translated}`);
      await li.page.getByText(zh.texts.needsUpdate).waitFor();
      await shoot(li.page, "commitment-stale-zh");
      await useLanguage(lan.page, "vi");
      await lan.page.goto(`/series/${SLUG}/leader`);
      await shoot(lan.page, "leader-vi");
    } finally {
      await Promise.all([lan.context.close(), li.context.close()]);
    }
  });
});
