import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { DEMO_PASSWORD } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: HttpClient;

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_PROJECTION_DELAY_MS: "20" } });
  admin = await new HttpClient(server.url).signIn("admin@accord.test", DEMO_PASSWORD);
});

afterAll(async () => {
  await server.stop();
});

function seriesLanguages(slug: string): string {
  return withDb(server.dbPath, (db) => (db.prepare("SELECT languages FROM series WHERE slug = ?").get(slug) as { languages: string }).languages);
}

describe("a series' working languages", () => {
  it("are set in order by an admin, refused when empty or repeated, and listed by the API", async () => {
    let response = await admin.postForm("/admin/series", [
      ["name", "Lạng Sơn Customs – Border Guard coordination"],
      ["slug", "ls-border"],
      ["description", ""],
      ["parties", "LSC"],
      ["parties", "CBC"],
      ["languages", "zh"],
      ["languages", "vi"],
      ["languages", ""],
    ]);
    expect(response.status).toBe(303);
    expect(JSON.parse(seriesLanguages("ls-border"))).toEqual(["zh", "vi"]);

    for (const languages of [["", "", ""], ["vi", "vi", ""], ["xx", "", ""]]) {
      response = await admin.postForm("/admin/series/ls-border", [
        ["intent", "update"],
        ["name", "Lạng Sơn Customs – Border Guard coordination"],
        ["description", ""],
        ["parties", "LSC"],
        ["parties", "CBC"],
        ...languages.map((l): [string, string] => ["languages", l]),
      ]);
      expect(response.status, languages.join()).toBe(400);
      expect(htmlText(await response.text())).toContain(en.errors.languagesInvalid);
    }

    response = await admin.postForm("/admin/series/ls-border", [
      ["intent", "update"],
      ["name", "Lạng Sơn Customs – Border Guard coordination"],
      ["description", ""],
      ["parties", "LSC"],
      ["parties", "CBC"],
      ["languages", "vi"],
      ["languages", ""],
      ["languages", "en"],
    ]);
    expect(response.status).toBe(200);
    const { body } = await admin.getJson<{ languages: string[] }>("/api/v1/series/ls-border");
    expect(body.languages).toEqual(["vi", "en"]);
  });

  it("keep the default (English) for a series created without them, and the demo works in Vietnamese and Chinese", async () => {
    const response = await admin.postForm("/admin/series", [
      ["name", "Scripted series"],
      ["slug", "scripted"],
      ["description", ""],
      ["parties", "VNC"],
      ["parties", "GACC"],
    ]);
    expect(response.status).toBe(303);
    expect(seriesLanguages("scripted")).toBe('["en"]');
    expect(JSON.parse(seriesLanguages("vn-cn-anti-smuggling"))).toEqual(["vi", "zh", "en"]);
    expect(JSON.parse(seriesLanguages("two-countries-four-agencies"))).toEqual(["vi", "zh", "en"]);
  });

  it("name, for each of the demo's texts, the language it is written in: none has a translation into its own language", () => {
    const doubled = withDb(server.dbPath, (db) =>
      db
        .prepare(
          `SELECT t.subject, t.subject_id FROM text_translations t
             LEFT JOIN agreements a ON t.subject = 'agreement' AND a.id = t.subject_id
             LEFT JOIN clauses c ON t.subject = 'clause' AND c.id = t.subject_id
             LEFT JOIN agreements ca ON ca.id = c.agreement_id
             LEFT JOIN commitments m ON t.subject = 'commitment' AND m.id = t.subject_id
             LEFT JOIN follow_ups f ON t.subject = 'follow_up' AND f.id = t.subject_id
             LEFT JOIN conferences k ON t.subject = 'conference' AND k.id = t.subject_id
           WHERE t.language = COALESCE(a.base_language, ca.base_language, m.base_language, f.base_language, k.base_language)`,
        )
        .all(),
    );
    // A base text in English marked as Vietnamese would be shown to an English reader as a Vietnamese fallback.
    expect(doubled).toEqual([]);
  });

  it("give a new conference its suggested title and default agenda in the series' first language, not the creator's", async () => {
    // 张伟 reads Accord in Chinese; the series works in Vietnamese first.
    const zhang = await new HttpClient(server.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
    const { html } = await zhang.getHtml("/series/vn-cn-anti-smuggling/conferences/new");
    const number = Number(/name="number"[^>]*value="(\d+)"/.exec(html)?.[1] ?? /value="(\d+)"[^>]*name="number"/.exec(html)?.[1]);
    expect(number).toBeGreaterThan(0);
    expect(html).toContain(`value="${vi.conference.defaultTitle.replace("{{number}}", String(number))}"`);
    expect(html).not.toContain(`value="${zh.conference.defaultTitle.replace("{{number}}", String(number))}"`);
    // The form itself is in the reader's language.
    expect(htmlText(html)).toContain(zh.conference.newTitle);
    // The series page says which languages it works in.
    expect(htmlText((await zhang.getHtml("/series/vn-cn-anti-smuggling")).html)).toContain(
      zh.series.languages.replace("{{languages}}", ["Tiếng Việt", "中文"].map((language) => zh.texts.authenticNamed.replace("{{language}}", language)).concat("English").join(", ")),
    );

    const created = await zhang.postForm("/series/vn-cn-anti-smuggling/conferences/new", {
      number: String(number),
      title: vi.conference.defaultTitle.replace("{{number}}", String(number)),
      startsOn: "2027-03-01",
      endsOn: "2027-03-02",
      format: "online",
      venue: "",
      hostAgencyId: "",
    });
    expect(created.status).toBe(303);
    const { body: series } = await zhang.getJson<{ conferences: { id: number; number: number }[] }>("/api/v1/series/vn-cn-anti-smuggling");
    const id = series.conferences.find((c) => c.number === number)!.id;
    const { body: conference } = await zhang.getJson<{ agenda: { title: string }[] }>(`/api/v1/conferences/${id}`);
    expect(conference.agenda.map((a) => a.title)).toEqual([vi.agendaDefaults.opening, vi.agendaDefaults.review, vi.agendaDefaults.thematic, vi.agendaDefaults.closing]);
  });
});

describe("names in the viewer's order", () => {
  it("lists people with the Vietnamese alphabet for a Vietnamese reader, in pages and the API", async () => {
    const vnc = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM agencies WHERE code = 'CBC'").get() as { id: number }).id);
    for (const name of ["Vũ Thị Sáu", "Đặng Văn Ngữ", "Dương Văn Minh"]) {
      const email = `${name.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase()}@cbc.test`;
      const added = await admin.postForm("/admin/users", { intent: "create", name, email, password: "a long enough password", agencyId: String(vnc) });
      expect(added.status).toBe(200);
      const userId = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: string }).id);
      const granted = await admin.postForm("/admin/series/two-countries-four-agencies", { intent: "grant", userId, agencyId: String(vnc), role: "observer" });
      expect(granted.status).toBe(200);
    }
    const order = (text: string) => ["Dương Văn Minh", "Đặng Văn Ngữ", "Vũ Thị Sáu"].map((n) => text.indexOf(n));
    const ascending = (positions: number[]) => positions.every((p, i) => p > -1 && (i === 0 || p > positions[i - 1]));

    // Hoàng Thị Mai reads in Vietnamese (her account's language is set here).
    const mai = await new HttpClient(server.url).signIn("mai.hoang@langson.test", DEMO_PASSWORD);
    await mai.postForm("/settings/language", { locale: "vi", redirectTo: "/" });
    const page = await mai.getHtml("/series/two-countries-four-agencies");
    expect(ascending(order(page.html)), "series page").toBe(true);
    const { body } = await mai.getJson<{ members: { name: string }[] }>("/api/v1/series/two-countries-four-agencies");
    expect(ascending(order(body.members.map((m) => m.name).join("|"))), "API").toBe(true);

    await admin.postForm("/settings/language", { locale: "vi", redirectTo: "/" });
    const users = await admin.getHtml("/admin/users");
    expect(ascending(order(users.html)), "admin users").toBe(true);
  });
});
