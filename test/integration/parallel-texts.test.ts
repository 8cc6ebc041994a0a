import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// A commitment of the Vietnam–China series written in Vietnamese (its base),
// put straight into SQLite so that what is checked does not hang on the demo
// story: overdue, so that the leader's view and the briefing list it. Lan
// (secretariat, Vietnamese) writes its Chinese text; 张伟 reads in Chinese,
// the administrator in English.
const PASSWORD = "accord-demo-2026";
const SLUG = "vn-cn-anti-smuggling";
const BASE_TEXT = "Trao đổi danh sách đầu mối liên lạc hằng tháng";
const ZH_TEXT = "每月交换联络点名单";

let server: TestServer;
let lan: HttpClient;
let zhang: HttpClient;
let admin: HttpClient;
let id = 0;

beforeAll(async () => {
  server = await startServer();
  [lan, zhang, admin] = await Promise.all([
    new HttpClient(server.url).signIn("lan.nguyen@vnc.test", PASSWORD),
    new HttpClient(server.url).signIn("zhang.wei@gacc.test", PASSWORD),
    new HttpClient(server.url).signIn("admin@accord.test", PASSWORD),
  ]);
  await lan.postForm("/settings/language", { locale: "vi", redirectTo: "/" });
  await zhang.postForm("/settings/language", { locale: "zh", redirectTo: "/" });
  await admin.postForm("/settings/language", { locale: "en", redirectTo: "/" });
  id = withDb(server.dbPath, (db) => {
    const series = db.prepare("SELECT id FROM series WHERE slug = ?").get(SLUG) as { id: number };
    const conference = db.prepare("SELECT id FROM conferences WHERE series_id = ? ORDER BY number LIMIT 1").get(series.id) as { id: number };
    const at = "2020-01-01T00:00:00.000Z";
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO commitments (series_id, conference_id, source_action_id, clause_id, text, base_language, due_on, due_next, status, created_at, updated_at)
         VALUES (?, ?, NULL, NULL, ?, 'vi', '2020-06-30', 0, 'open', ?, ?)`,
      )
      .run(series.id, conference.id, BASE_TEXT, at, at);
    const vnc = (db.prepare("SELECT id FROM agencies WHERE code = 'VNC'").get() as { id: number }).id;
    db.prepare("INSERT INTO commitment_owners (commitment_id, agency_id, share_done_at, share_done_by) VALUES (?, ?, NULL, NULL)").run(lastInsertRowid, vnc);
    return Number(lastInsertRowid);
  });
});

/** The leader's view as one reader gets it. */
async function leaderText(client: HttpClient) {
  const { status, html } = await client.getHtml(`/series/${SLUG}/leader`);
  expect(status).toBe(200);
  return html;
}

async function csvRow(client: HttpClient) {
  const rows = parseCsv(await (await client.get(`/series/${SLUG}/commitments.csv`)).text(), { bom: true }) as string[][];
  return { header: rows[0], row: rows.find((r) => r[0] === String(id))! };
}

const commitmentPage = async (client: HttpClient) => (await client.getHtml(`/commitments/${id}`)).html;

describe("a reader without a text in their language", () => {
  it("is shown the series' first working language, marked with its code and why", async () => {
    const html = await leaderText(zhang);
    expect(html).toContain(BASE_TEXT);
    const marker = zh.texts.shownIn.replace("{{shown}}", "Tiếng Việt").replace("{{wanted}}", "中文");
    expect(html).toContain(`title="${marker}"`);
    expect(htmlText(html)).toContain(marker);
  });

  it("gets a CSV naming the language each text is shown in", async () => {
    const { header, row } = await csvRow(admin);
    expect(header[2]).toBe(en.exports.columns.textLanguage);
    expect(row[1]).toBe(BASE_TEXT);
    expect(row[2]).toBe("Tiếng Việt (no English text yet)");
  });

  it("sees the marker in the briefing pack too", async () => {
    const html = (await admin.getHtml(`/series/${SLUG}/briefing`)).html;
    expect(html).toContain(BASE_TEXT);
    expect(html).toContain(`title="${en.texts.shownIn.replace("{{shown}}", "Tiếng Việt").replace("{{wanted}}", "English")}"`);
  });
});

describe("once the Chinese text is written", () => {
  it("reads it in Chinese on the leader's view at once (the cached view follows the series' revision), without a marker", async () => {
    await leaderText(zhang);
    const revision = () => withDb(server.dbPath, (db) => (db.prepare("SELECT revision FROM series_revisions r JOIN series s ON s.id = r.series_id WHERE s.slug = ?").get(SLUG) as { revision: number }).revision);
    const before = revision();
    const response = await lan.postForm(`/commitments/${id}`, { intent: "translation", field: "text", language: "zh", text: ZH_TEXT, seenBase: BASE_TEXT });
    expect(response.status).toBe(200);
    expect(revision()).toBeGreaterThan(before);
    const html = await leaderText(zhang);
    expect(html).toContain(ZH_TEXT);
    expect(html).not.toContain(BASE_TEXT);
    const { row } = await csvRow(zhang);
    expect(row[1]).toBe(ZH_TEXT);
    expect(row[2]).toBe("中文");
    // The Vietnamese reader keeps the Vietnamese text.
    expect(await leaderText(lan)).toContain(BASE_TEXT);
  });

  it("is in line with the base: the commitment page says so", async () => {
    const text = htmlText(await commitmentPage(lan));
    expect(text).toContain(vi.texts.eachLanguage);
    expect(text).toContain(vi.texts.inLine);
    expect(text).not.toContain(vi.texts.needsUpdate);
  });
});

describe("the leader's table of conferences", () => {
  // Each row names its conference by number and gives its title on hover: the overview is kept for every
  // reader, so it keeps every language's title and each reader is given theirs.
  const attribute = (text: string) => `title="${text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")}"`;
  const firstAgreeing = () =>
    withDb(server.dbPath, (db) =>
      db
        .prepare(
          `SELECT c.id, c.title, c.base_language AS base,
                  (SELECT text FROM text_translations WHERE subject = 'conference' AND field = 'title' AND subject_id = c.id AND language = 'zh') AS zh,
                  (SELECT text FROM text_translations WHERE subject = 'conference' AND field = 'title' AND subject_id = c.id AND language = 'vi') AS vi
             FROM conferences c JOIN series s ON s.id = c.series_id
            WHERE s.slug = ? AND EXISTS (SELECT 1 FROM commitments WHERE conference_id = c.id)
            ORDER BY c.number LIMIT 1`,
        )
        .get(SLUG) as { id: number; title: string; base: string; zh: string | null; vi: string | null },
    );

  it("titles each conference in the reader's language", async () => {
    const conference = firstAgreeing();
    const zhTitle = conference.base === "zh" ? conference.title : conference.zh;
    const viTitle = conference.base === "vi" ? conference.title : conference.vi;
    expect(zhTitle && viTitle && zhTitle !== viTitle).toBeTruthy();
    const forZhang = await leaderText(zhang);
    expect(forZhang).toContain(attribute(zhTitle!));
    expect(forZhang).not.toContain(attribute(viTitle!));
    expect(await leaderText(lan)).toContain(attribute(viTitle!));
  });

  it("follows a new Chinese title at once, and marks a title shown in another language", async () => {
    const conference = firstAgreeing();
    const retitled = "第十四次会议（新标题）";
    withDb(server.dbPath, (db) =>
      db
        .prepare(
          `INSERT INTO text_translations (subject, subject_id, field, language, text, aligned_language, aligned_text, updated_at, updated_by)
           VALUES ('conference', ?, 'title', 'zh', ?, NULL, NULL, '2026-12-01T00:00:00.000Z', NULL)
           ON CONFLICT (subject, subject_id, field, language) DO UPDATE SET text = excluded.text`,
        )
        .run(conference.id, retitled),
    );
    expect(await leaderText(zhang)).toContain(attribute(retitled));
    // Without an English title, the administrator is given another working language's, said as such.
    const english = await leaderText(admin);
    const hasEnglish = conference.base === "en" || withDb(server.dbPath, (db) => db.prepare("SELECT 1 FROM text_translations WHERE subject = 'conference' AND field = 'title' AND subject_id = ? AND language = 'en'").get(conference.id) !== undefined);
    if (!hasEnglish) expect(english).toMatch(/title="[^"]*\[[^"\]]*; no English text yet\]"/);
  });
});

describe("when the base text changes", () => {
  const CHANGED = "Trao đổi danh sách đầu mối liên lạc hằng quý và số điện thoại";

  it("marks the Chinese text as needing an update, with the words added to and removed from the Vietnamese", async () => {
    expect((await lan.postForm(`/commitments/${id}`, { intent: "text", text: CHANGED })).status).toBe(200);
    const html = await commitmentPage(zhang);
    expect(htmlText(html)).toContain(zh.texts.needsUpdate);
    expect(html).toMatch(/<del[^>]*>tháng<\/del>/);
    expect(html).toMatch(/<ins[^>]*>quý và số điện thoại<\/ins>/);
    // Readers still get the Chinese text: stale is for those who keep the texts in line.
    expect(await leaderText(zhang)).toContain(ZH_TEXT);
  });

  it("stays marked when saved by someone who had the old base in front of them", async () => {
    const response = await lan.postForm(`/commitments/${id}`, { intent: "translation", field: "text", language: "zh", text: `${ZH_TEXT}。`, seenBase: BASE_TEXT });
    expect(response.status).toBe(200);
    expect(htmlText(await response.text())).toContain(vi.texts.outcome.savedBehind);
    expect(htmlText(await commitmentPage(lan))).toContain(vi.texts.needsUpdate);
  });

  it("is brought back in line by \"still correct\", audited", async () => {
    const response = await lan.postForm(`/commitments/${id}`, { intent: "translation", field: "text", language: "zh", confirm: "1" });
    expect(response.status).toBe(200);
    expect(htmlText(await response.text())).toContain(vi.texts.outcome.confirmed);
    const text = htmlText(await commitmentPage(lan));
    expect(text).toContain(vi.texts.inLine);
    expect(text).not.toContain(vi.texts.needsUpdate);
    const stored = withDb(server.dbPath, (db) => db.prepare("SELECT text, aligned_language AS l, aligned_text AS t FROM text_translations WHERE subject = 'commitment' AND subject_id = ? AND language = 'zh'").get(id));
    expect(stored).toEqual({ text: `${ZH_TEXT}。`, l: "vi", t: CHANGED });
    const outcomes = auditEvents(server.dbPath, "text.translated")
      .filter((e) => e.subject === `commitment:${id}`)
      .map((e) => JSON.parse(e.detail!).outcome);
    expect(outcomes).toEqual(["saved", "savedBehind", "confirmed"]);
  });

  it("removes a language's text when it is emptied", async () => {
    expect((await lan.postForm(`/commitments/${id}`, { intent: "translation", field: "text", language: "zh", text: "" })).status).toBe(200);
    expect(htmlText(await commitmentPage(lan))).toContain(vi.texts.missing);
    const { row } = await csvRow(zhang);
    expect(row[1]).toBe(CHANGED);
    expect(row[2]).toBe("Tiếng Việt（暂无中文文本）");
  });
});

describe("a conference's title", () => {
  it("is listed in the reader's language once written, and marked where it is not", async () => {
    const number = withDb(server.dbPath, (db) => (db.prepare("SELECT c.number FROM conferences c JOIN series s ON s.id = c.series_id WHERE s.slug = ? ORDER BY c.number LIMIT 1").get(SLUG) as { number: number }).number);
    const response = await lan.postForm(`/series/${SLUG}/conferences/${number}/title`, { intent: "translation", field: "title", language: "zh", text: "中越海关第一次缉私合作会议" });
    expect(response.status).toBe(200);
    expect((await zhang.getHtml(`/series/${SLUG}`)).html).toContain("中越海关第一次缉私合作会议");
    const english = (await admin.getHtml(`/series/${SLUG}`)).html;
    expect(english).not.toContain("中越海关第一次缉私合作会议");
    // The demo has every title in Vietnamese: without this one's, a Vietnamese reader gets its base text, marked.
    expect((await lan.getHtml(`/series/${SLUG}`)).html).not.toContain('class="badge badge-language"');
    withDb(server.dbPath, (db) =>
      db
        .prepare("DELETE FROM text_translations WHERE subject = 'conference' AND field = 'title' AND language = 'vi' AND subject_id = (SELECT c.id FROM conferences c JOIN series s ON s.id = c.series_id WHERE s.slug = ? AND c.number = ?)")
        .run(SLUG, number),
    );
    expect((await lan.getHtml(`/series/${SLUG}`)).html).toContain('class="badge badge-language"');
  });
});

describe("the pages about one conference", () => {
  const EN_18 = "18th Vietnam–China Customs Anti-Smuggling Cooperation Conference";
  const ZH_18 = "第十八次中越海关缉私合作会议";
  const ZH_17 = "第十七次中越海关缉私合作会议";
  const VI_18 = "Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc lần thứ 18";
  /** The text of the page's first-level heading. */
  const h1Of = (html: string) => htmlText(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "").replace(/\s+/g, " ").trim();
  const agreementSignedAt17 = () =>
    withDb(server.dbPath, (db) =>
      (
        db
          .prepare("SELECT a.id FROM agreements a JOIN conferences c ON c.id = a.conference_id JOIN series s ON s.id = a.series_id WHERE s.slug = ? AND c.number = 17")
          .get(SLUG) as { id: number }
      ).id,
    );

  it("are headed with its title in the reader's language, not the text it was created in", async () => {
    const base = `/series/${SLUG}/conferences/18`;
    for (const path of [base, `${base}/versions`]) {
      const { status, html } = await zhang.getHtml(path);
      expect(status, path).toBe(200);
      expect(htmlText(html), path).toContain(ZH_18);
      expect(htmlText(html), path).not.toContain(EN_18);
    }
    expect(h1Of((await zhang.getHtml(base)).html)).toBe(ZH_18);
    // The review of what was carried here lists each commitment in the reader's language too.
    const review = htmlText((await zhang.getHtml(`${base}/review`)).html);
    expect(review).toContain("继续通过缉私热线交换走私路线和走私手法情报");
    expect(review).not.toContain("Keep exchanging information on smuggling routes");
    expect(h1Of((await lan.getHtml(base)).html)).toBe(VI_18);
    expect(h1Of((await admin.getHtml(base)).html)).toBe(EN_18);
    // The adopted record: the reader's title beside all languages, the language read when one is asked for.
    expect(h1Of((await zhang.getHtml(`/series/${SLUG}/conferences/17/record`)).html)).toBe(ZH_17);
    expect(h1Of((await zhang.getHtml(`/series/${SLUG}/conferences/17/record?lang=vi`)).html)).toContain("lần thứ 17");
    // A concluded conference lists what it agreed in the reader's language too.
    const concluded = htmlText((await zhang.getHtml(`/series/${SLUG}/conferences/17`)).html);
    expect(concluded).toContain("每月通过技术联络点交换高风险货物情报");
    expect(concluded).not.toContain("Exchange information on high-risk consignments every month");
    // The briefing pack names the next conference, and the agreement the one it was signed at, in Chinese.
    expect(htmlText((await zhang.getHtml(`/series/${SLUG}/briefing`)).html)).toContain(ZH_18);
    expect(htmlText((await zhang.getHtml(`/series/${SLUG}/agreements/${agreementSignedAt17()}`)).html)).toContain(ZH_17);
  });

  it("and the agreement signed there are read in the reader's language, while its forms keep editing the base text", async () => {
    const path = `/series/${SLUG}/agreements/${agreementSignedAt17()}`;
    const { html } = await lan.getHtml(path);
    // Lan is a secretariat: she reads Vietnamese and edits the English the agreement was recorded in.
    expect(h1Of(html)).toBe("Bản ghi nhớ về trao đổi nghiệp vụ giữa các đầu mối kỹ thuật");
    expect(html).toMatch(/<input[^>]*name="title"[^>]*value="Memorandum of Understanding on professional exchanges between technical contact points"/);
    const zh = await zhang.getHtml(path);
    expect(h1Of(zh.html)).toBe("关于技术联络点业务交流的谅解备忘录");
    expect(htmlText(zh.html)).toContain("双方每年至少互派一次业务人员开展考察交流。");
    expect(htmlText((await zhang.getHtml(`/series/${SLUG}/agreements`)).html)).toContain("关于技术联络点业务交流的谅解备忘录");
  });

  it("draw the agenda the server holds in the reader's language before any script runs, marked where it is in another", async () => {
    const path = `/series/${SLUG}/conferences/18`;
    const zhPage = htmlText((await zhang.getHtml(path)).html);
    expect(zhPage).toContain("双方代表团团长致开幕辞");
    expect(zhPage).not.toContain("Opening remarks by the heads of delegation");
    expect(htmlText((await lan.getHtml(path)).html)).toContain("Phát biểu khai mạc của Trưởng đoàn hai bên");
    expect(htmlText((await admin.getHtml(path)).html)).toContain("Opening remarks by the heads of delegation");
    // Without a Chinese title, item 1 is shown in the series' first working language, with the marker.
    withDb(server.dbPath, (db) =>
      db
        .prepare(
          "DELETE FROM agenda_item_texts WHERE language = 'zh' AND title = '双方代表团团长致开幕辞' AND conference_id = (SELECT c.id FROM conferences c JOIN series s ON s.id = c.series_id WHERE s.slug = ? AND c.number = 18)",
        )
        .run(SLUG),
    );
    const fallback = (await zhang.getHtml(path)).html;
    expect(htmlText(fallback)).toContain("Phát biểu khai mạc của Trưởng đoàn hai bên");
    expect(fallback).toMatch(/<h3 class="agenda-title"><span lang="vi">Phát biểu khai mạc của Trưởng đoàn hai bên<\/span> <span class="badge badge-language"/);
  });
});

describe("a progress note", () => {
  it("is written in its reporter's language, given its other languages by that party, refused to another party, and read in each reader's language", async () => {
    const [minh, liNa] = await Promise.all([
      new HttpClient(server.url).signIn("minh.tran@vnc.test", PASSWORD),
      new HttpClient(server.url).signIn("li.na@gacc.test", PASSWORD),
    ]);
    await minh.postForm("/settings/language", { locale: "vi", redirectTo: "/" });
    expect((await minh.postForm(`/commitments/${id}`, { intent: "followUp", note: "Đã gửi danh sách tháng Ba" })).status).toBe(200);
    const note = withDb(server.dbPath, (db) => db.prepare("SELECT id, base_language AS language FROM follow_ups WHERE commitment_id = ? ORDER BY id DESC LIMIT 1").get(id)) as { id: number; language: string };
    expect(note.language).toBe("vi");
    const write = (client: HttpClient, text: string) =>
      client.postForm(`/commitments/${id}`, { intent: "translation", field: "note", followUpId: String(note.id), language: "zh", text, seenBase: "Đã gửi danh sách tháng Ba" });
    expect((await write(liNa, "篡改")).status).toBe(403);
    expect((await write(minh, "已发送三月份名单")).status).toBe(200);
    expect(await commitmentPage(zhang)).toContain("已发送三月份名单");
    const vietnamese = await commitmentPage(lan);
    expect(vietnamese).toContain("Đã gửi danh sách tháng Ba");
    expect(vietnamese).not.toContain("已发送三月份名单</span>");
    // A note of another commitment is refused as if it did not exist.
    const other = await lan.postForm(`/commitments/${id}`, { intent: "translation", field: "note", followUpId: "999999", language: "zh", text: "x" });
    expect(other.status).toBe(400);
  });
});

describe("search", () => {
  /** The commitment's Vietnamese text as it is now (changed above); it holds nothing a pattern would read. */
  const baseText = () => (withDb(server.dbPath, (db) => db.prepare("SELECT text FROM commitments WHERE id = ?").get(id)) as { text: string }).text;

  it("finds a commitment by its text in another language, Chinese substrings included", async () => {
    expect((await lan.postForm(`/commitments/${id}`, { intent: "translation", field: "text", language: "zh", text: "每月交换联络点名单和值班电话" })).status).toBe(200);
    const html = (await zhang.getHtml(`/search?q=${encodeURIComponent("联络点名单")}`)).html;
    expect(html).toContain(`/commitments/${id}`);
    // Found by its Chinese, titled in Chinese for a Chinese reader, in Vietnamese (its base) for Lan.
    expect(html).toMatch(/<a lang="zh"[^>]* href="\/commitments\/\d+"[^>]*>每月交换联络点名单和值班电话<\/a>/);
    const vietnamese = (await lan.getHtml(`/search?q=${encodeURIComponent("联络点名单")}`)).html;
    expect(vietnamese).toMatch(new RegExp(`<a lang="vi"[^>]* href="/commitments/${id}"[^>]*>${baseText()}</a>`));
  });

  it("titles an agreement and its clauses in the reader's language, and an English reader's where the text is only in the others", async () => {
    const html = (await zhang.getHtml(`/search?q=${encodeURIComponent("memorandum")}`)).html;
    expect(html).toMatch(/<a lang="zh"[^>]*>关于技术联络点业务交流的谅解备忘录<\/a>/);
    // An agenda item found by its English title is titled in Chinese.
    const agenda = (await zhang.getHtml(`/search?q=${encodeURIComponent("cigarette smuggling")}`)).html;
    expect(agenda).toMatch(/<a lang="zh"[^>]*href="\/series\/vn-cn-anti-smuggling\/conferences\/\d+"[^>]*>卷烟走私<\/a>/);
    // A clause keeps its label after its agreement's title.
    expect(html).toMatch(/<a lang="zh"[^>]*>关于技术联络点业务交流的谅解备忘录 — 2<\/a>/);
    // The Vietnamese-based commitment has no English text: an English reader is shown its Vietnamese, marked.
    const english = (await admin.getHtml(`/search?q=${encodeURIComponent("联络点名单")}`)).html;
    expect(english).toMatch(new RegExp(`<a lang="vi"[^>]* href="/commitments/${id}"[^>]*>${baseText()}</a> <span class="badge badge-language"`));
  });
});
