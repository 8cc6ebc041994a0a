import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, htmlText, redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// The demo story: Lan is secretariat of the Vietnam–China series only; Mai is
// secretariat of the four-agency series only; the admin belongs to neither.
// Lan reads Accord in Vietnamese (her account's language), the admin in English.
const PASSWORD = "accord-demo-2026";
const LAN = "lan.nguyen@vnc.test";
const MAI = "mai.hoang@langson.test";
const ADMIN = "admin@accord.test";
const VN_CN = "vn-cn-anti-smuggling";
const FOUR = "two-countries-four-agencies";

let server: TestServer;
let lan: HttpClient;
let mai: HttpClient;
let admin: HttpClient;

beforeAll(async () => {
  server = await startServer();
  [lan, mai, admin] = await Promise.all([
    new HttpClient(server.url).signIn(LAN, PASSWORD),
    new HttpClient(server.url).signIn(MAI, PASSWORD),
    new HttpClient(server.url).signIn(ADMIN, PASSWORD),
  ]);
});

function count(sql: string, ...params: unknown[]): number {
  return withDb(server.dbPath, (db) => (db.prepare(sql).get(...params) as { n: number }).n);
}

/** A page's status and visible text; tags, scripts and their nonces left out, so two pages compare. */
async function pageText(client: HttpClient, path: string) {
  const { status, html } = await client.getHtml(path);
  return { status, text: htmlText(html) };
}

describe("series pages", () => {
  it("open for a member, with parties and members", async () => {
    const { status, text } = await pageText(lan, `/series/${VN_CN}`);
    expect(status).toBe(200);
    // Named in Lan's language (series-names.test.ts).
    expect(text).toContain("Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc");
    expect(text).toContain("GACC");
    expect(text).toContain("张伟");
  });

  it("answer 404 to a non-member, exactly as for a series that does not exist", async () => {
    const hidden = await pageText(lan, `/series/${FOUR}`);
    const missing = await pageText(lan, "/series/no-such-series");
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.text).toBe(missing.text);
    expect(hidden.text).toContain(vi.errors.notFoundTitle);
    expect(hidden.text).not.toContain("Two Countries, Four Agencies");
    expect(hidden.text).not.toContain("Hai nước bốn bên");
  });

  it("work the other way round for a member of the other series", async () => {
    expect((await mai.getHtml(`/series/${FOUR}`)).status).toBe(200);
    expect((await mai.getHtml(`/series/${VN_CN}`)).status).toBe(404);
  });

  it("are all open to an admin", async () => {
    expect((await admin.getHtml(`/series/${VN_CN}`)).status).toBe(200);
    expect((await admin.getHtml(`/series/${FOUR}`)).status).toBe(200);
    expect((await admin.getHtml("/series/no-such-series")).status).toBe(404);
  });

  it("list only the person's own series on the home page", async () => {
    const lanHome = await pageText(lan, "/");
    expect(lanHome.text).toContain("Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc");
    expect(lanHome.text).not.toContain("Two Countries, Four Agencies");
    expect(lanHome.text).not.toContain("Hai nước bốn bên");
    const adminHome = await pageText(admin, "/");
    expect(adminHome.text).toContain("Vietnam–China Customs Anti-Smuggling");
    expect(adminHome.text).toContain("Two Countries, Four Agencies");
  });

  it("record a refused look in the audit log", async () => {
    await lan.getHtml(`/series/${FOUR}`);
    const refused = auditEvents(server.dbPath, "authz.refused").filter((e) => e.subject === `series:${FOUR}`);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.at(-1)!.actor_id).toBeTruthy();
  });

  it("an unknown page answers 404 to someone signed in", async () => {
    expect((await lan.getHtml("/no-such-page")).status).toBe(404);
  });

  it("an unknown page sends someone signed out to sign in first, like every page", async () => {
    const response = await new HttpClient(server.url).get("/no/such/page");
    expect(response.status).toBe(302);
    expect(redirectPath(response, server.url)).toBe(`/login?redirectTo=${encodeURIComponent("/no/such/page")}`);
  });
});

describe("administration, as someone who is not an admin", () => {
  it.each(["/admin", "/admin/agencies", "/admin/users", "/admin/series", `/admin/series/${VN_CN}`])("GET %s is 403", async (path) => {
    const { status, text } = await pageText(lan, path);
    expect(status).toBe(403);
    expect(text).toContain(vi.errors.forbiddenTitle);
  });

  it("cannot create an agency", async () => {
    const response = await lan.postForm("/admin/agencies", { intent: "create", code: "LANX", name: "Lan's agency", country: "VN" });
    expect(response.status).toBe(403);
    expect(count("SELECT count(*) AS n FROM agencies WHERE code = 'LANX'")).toBe(0);
  });

  it("cannot add a user or make an invitation", async () => {
    const add = await lan.postForm("/admin/users", { intent: "create", name: "Sock Puppet", email: "sock@x.test", password: "sock puppet pw", isAdmin: "on" });
    const invite = await lan.postForm("/admin/users", { intent: "invite", name: "Sock Puppet", email: "sock2@x.test", isAdmin: "on" });
    expect(add.status).toBe(403);
    expect(invite.status).toBe(403);
    expect(count("SELECT count(*) AS n FROM users WHERE email LIKE 'sock%'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM invitations WHERE email LIKE 'sock%'")).toBe(0);
  });

  it("cannot create a series or grant herself a role in another one", async () => {
    const create = await lan.postForm("/admin/series", [["slug", "lan-series"], ["name", "Lan's"], ["parties", "VNC"], ["parties", "GACC"]]);
    expect(create.status).toBe(403);
    const lanId = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM users WHERE email = ?").get(LAN) as { id: string }).id);
    const lsc = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM agencies WHERE code = 'LSC'").get() as { id: number }).id);
    const grant = await lan.postForm(`/admin/series/${FOUR}`, { intent: "grant", userId: lanId, agencyId: String(lsc), role: "secretariat" });
    expect(grant.status).toBe(403);
    expect(count("SELECT count(*) AS n FROM series WHERE slug = 'lan-series'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM memberships m JOIN series s ON s.id = m.series_id WHERE s.slug = ? AND m.user_id = ?", FOUR, lanId)).toBe(0);
    expect((await lan.getHtml(`/series/${FOUR}`)).status).toBe(404);
  });

  it("leaves a trace of each refusal in the audit log", async () => {
    await lan.getHtml("/admin/users");
    const refused = auditEvents(server.dbPath, "authz.refused").filter((e) => e.subject === "admin");
    expect(refused.length).toBeGreaterThan(0);
    expect(JSON.parse(refused.at(-1)!.detail!)).toMatchObject({ path: "/admin/users" });
  });

  it("does not even see the link to the administration", async () => {
    const { html } = await lan.getHtml("/");
    expect(html).not.toMatch(/href="\/admin"/);
  });
});

describe("administration, anonymously", () => {
  it("sends GETs and POSTs to sign-in and changes nothing", async () => {
    const anonymous = new HttpClient(server.url);
    const page = await anonymous.get("/admin/agencies");
    expect(page.status).toBe(302);
    expect(redirectPath(page, server.url)).toBe(`/login?redirectTo=${encodeURIComponent("/admin/agencies")}`);
    const post = await anonymous.postForm("/admin/agencies", { intent: "create", code: "ANON", name: "Anonymous", country: "VN" });
    expect(post.status).toBe(302);
    expect(count("SELECT count(*) AS n FROM agencies WHERE code = 'ANON'")).toBe(0);
  });
});

describe("administration, as an admin", () => {
  it.each(["/admin", "/admin/agencies", "/admin/users", "/admin/series", `/admin/series/${VN_CN}`])("GET %s is 200", async (path) => {
    expect((await admin.getHtml(path)).status).toBe(200);
  });

  it("creates an agency", async () => {
    const response = await admin.postForm("/admin/agencies", { intent: "create", code: "ADMX", name: "Made by the admin", country: "vn" });
    expect(response.status).toBe(200);
    expect(htmlText(await response.text())).toContain(en.admin.agencyAdded.replace("{{code}}", "ADMX"));
    expect(withDb(server.dbPath, (db) => db.prepare("SELECT name, country FROM agencies WHERE code = 'ADMX'").get())).toEqual({
      name: "Made by the admin",
      country: "VN",
    });
  });

  it("sees the admin link in the header", async () => {
    const { html } = await admin.getHtml("/");
    expect(html).toMatch(/href="\/admin"/);
  });
});

describe("series settings (when the review list is announced)", () => {
  const path = `/series/${VN_CN}/settings`;
  const days = () => count("SELECT review_notice_days AS n FROM series WHERE slug = ?", VN_CN);

  it("a secretariat of the series reads and changes them; an administrator too", async () => {
    expect((await lan.getHtml(path)).status).toBe(200);
    const saved = await lan.postForm(path, { reviewNoticeDays: "21" });
    expect(saved.status).toBe(200);
    expect(htmlText(await saved.text())).toContain(vi.seriesSettings.saved);
    expect(days()).toBe(21);
    expect((await admin.postForm(path, { reviewNoticeDays: "14" })).status).toBe(200);
    expect(days()).toBe(14);
  });

  it("a delegate of the series is refused (403), a secretariat of another series finds nothing (404), and nothing changes", async () => {
    const minh = await new HttpClient(server.url).signIn("minh.tran@vnc.test", PASSWORD);
    expect((await minh.getHtml(path)).status).toBe(403);
    expect((await minh.postForm(path, { reviewNoticeDays: "3" })).status).toBe(403);
    expect((await mai.getHtml(path)).status).toBe(404);
    expect((await mai.postForm(path, { reviewNoticeDays: "3" })).status).toBe(404);
    expect(days()).toBe(14);
  });

  it("refuses a number of days outside 1 to 60, or not a whole number, with a clear message", async () => {
    for (const value of ["0", "61", "7.5", "soon", ""]) {
      const refused = await lan.postForm(path, { reviewNoticeDays: value });
      expect(refused.status, value).toBe(400);
      expect(htmlText(await refused.text())).toContain(vi.errors.reviewNoticeDays);
    }
    expect(days()).toBe(14);
  });
});

describe("a series' working and authentic languages", () => {
  const MINH = "minh.tran@vnc.test";
  const HUNG = "hung.pham@vnc.test";
  const path = `/series/${VN_CN}/languages`;
  const stored = () =>
    withDb(server.dbPath, (db) => db.prepare("SELECT languages, authentic_languages AS authentic FROM series WHERE slug = ?").get(VN_CN)) as { languages: string; authentic: string };
  const choose = (client: HttpClient, languages: string[], authentic: string[]) =>
    client.postForm(path, [...languages.map((l): [string, string] => ["languages", l]), ...authentic.map((a): [string, string] => ["authentic", a])]);

  it("are set by the series' secretariat, with an audit row", async () => {
    expect((await lan.getHtml(path)).status).toBe(200);
    const response = await choose(lan, ["vi", "zh", "en"], ["vi", "zh"]);
    expect(response.status).toBe(200);
    expect(stored()).toEqual({ languages: '["vi","zh","en"]', authentic: '["vi","zh"]' });
    const audit = auditEvents(server.dbPath, "series.languages").at(-1)!;
    expect(audit.subject).toBe(`series:${VN_CN}`);
    expect(JSON.parse(audit.detail!).to).toEqual({ languages: ["vi", "zh", "en"], authentic: ["vi", "zh"] });
  });

  it("are set by an administrator who is not a member", async () => {
    expect((await admin.getHtml(path)).status).toBe(200);
    expect((await choose(admin, ["vi", "zh", "lo"], ["vi", "lo"])).status).toBe(200);
    expect(stored()).toEqual({ languages: '["vi","zh","lo"]', authentic: '["vi","lo"]' });
    expect((await choose(admin, ["vi", "zh"], ["vi", "zh"])).status).toBe(200);
  });

  it("are refused to a delegate and an observer of the series (403), and hidden from another series' secretariat (404)", async () => {
    const [minh, hung] = await Promise.all([new HttpClient(server.url).signIn(MINH, PASSWORD), new HttpClient(server.url).signIn(HUNG, PASSWORD)]);
    const before = stored();
    for (const client of [minh, hung]) {
      expect((await client.getHtml(path)).status).toBe(403);
      expect((await choose(client, ["en"], ["en"])).status).toBe(403);
    }
    expect((await mai.getHtml(path)).status).toBe(404);
    expect((await choose(mai, ["en"], ["en"])).status).toBe(404);
    expect(stored()).toEqual(before);
    // The series page offers the page only to those who may use it.
    expect(htmlText((await minh.getHtml(`/series/${VN_CN}`)).html)).not.toContain(vi.texts.languagesTitle);
  });

  it("refuse an authentic language that is not a working one, or none, with a message and nothing stored", async () => {
    const before = stored();
    for (const [languages, authentic, message] of [
      [["vi", "zh"], ["vi", "en"], vi.errors.authenticNotWorking],
      [["vi", "zh"], [], vi.errors.authenticRequired],
      [["vi", "xx"], ["vi"], vi.errors.languagesInvalid],
    ] as const) {
      const response = await choose(lan, [...languages], [...authentic]);
      expect(response.status).toBe(400);
      expect(htmlText(await response.text())).toContain(message);
    }
    expect(stored()).toEqual(before);
  });
});

describe("a commitment's text in another working language", () => {
  const MINH = "minh.tran@vnc.test";
  let commitmentId = 0;
  const translation = () =>
    withDb(server.dbPath, (db) => db.prepare("SELECT text FROM text_translations WHERE subject = 'commitment' AND subject_id = ? AND language = 'zh'").get(commitmentId)) as
      | { text: string }
      | undefined;
  const write = (client: HttpClient, fields: Record<string, string>) =>
    client.postForm(`/commitments/${commitmentId}`, { intent: "translation", field: "text", ...fields });

  beforeAll(() => {
    // One the delegate's own agency owns, so that a refusal is about the role, not the owner.
    commitmentId = withDb(server.dbPath, (db) =>
      (
        db
          .prepare(
            `SELECT c.id FROM commitments c JOIN series s ON s.id = c.series_id JOIN commitment_owners o ON o.commitment_id = c.id
             JOIN agencies a ON a.id = o.agency_id WHERE s.slug = ? AND a.code = 'VNC' ORDER BY c.id LIMIT 1`,
          )
          .get(VN_CN) as { id: number }
      ).id,
    );
  });

  it("is written by a secretariat of the series, audited in the same stroke", async () => {
    const response = await write(lan, { language: "zh", text: "每月交换缉私情报" });
    expect(response.status).toBe(200);
    expect(translation()).toEqual({ text: "每月交换缉私情报" });
    const audit = auditEvents(server.dbPath, "text.translated").at(-1)!;
    expect(audit.subject).toBe(`commitment:${commitmentId}`);
    expect(JSON.parse(audit.detail!)).toMatchObject({ field: "text", language: "zh", outcome: "saved", text: "每月交换缉私情报" });
  });

  it("is refused to a delegate, even of an owner (403), and to another series' secretariat (404)", async () => {
    const minh = await new HttpClient(server.url).signIn(MINH, PASSWORD);
    expect((await write(minh, { language: "zh", text: "篡改" })).status).toBe(403);
    expect((await write(mai, { language: "zh", text: "篡改" })).status).toBe(404);
    expect((await write(minh, { language: "zh", confirm: "1" })).status).toBe(403);
    expect(translation()).toEqual({ text: "每月交换缉私情报" });
  });

  it("is refused in a language the series does not work in, and in the base language (edited where it lives)", async () => {
    const lao = await write(lan, { language: "lo", text: "ແລກປ່ຽນ" });
    expect(lao.status).toBe(400);
    expect(htmlText(await lao.text())).toContain(vi.errors.languageNotWorking);
    const base = withDb(server.dbPath, (db) => (db.prepare("SELECT base_language AS b FROM commitments WHERE id = ?").get(commitmentId) as { b: string }).b);
    expect((await write(lan, { language: base, text: "x" })).status).toBe(400);
    expect((await write(lan, { language: "xx", text: "x" })).status).toBe(400);
    expect(count("SELECT count(*) AS n FROM text_translations WHERE subject_id = ? AND language IN ('lo', 'xx', ?)", commitmentId, base)).toBe(0);
  });
});

describe("an agreement's title and clauses in another working language", () => {
  const MINH = "minh.tran@vnc.test";
  let agreementId = 0;
  let clauseId = 0;
  const path = () => `/series/${VN_CN}/agreements/${agreementId}/texts`;
  const clauseText = () =>
    withDb(server.dbPath, (db) => db.prepare("SELECT text FROM text_translations WHERE subject = 'clause' AND subject_id = ? AND language = 'zh'").get(clauseId)) as { text: string } | undefined;

  beforeAll(() => {
    ({ agreementId, clauseId } = withDb(server.dbPath, (db) =>
      db
        .prepare('SELECT a.id AS "agreementId", c.id AS "clauseId" FROM agreements a JOIN series s ON s.id = a.series_id JOIN clauses c ON c.agreement_id = a.id WHERE s.slug = ? ORDER BY c.id LIMIT 1')
        .get(VN_CN),
    ) as { agreementId: number; clauseId: number });
  });

  it("are written by a secretariat of the series, and exported in Word with both", async () => {
    const response = await lan.postForm(path(), { intent: "translation", field: "text", clauseId: String(clauseId), language: "zh", text: "双方指定技术联络点。" });
    expect(response.status).toBe(200);
    expect(clauseText()).toEqual({ text: "双方指定技术联络点。" });
    expect(auditEvents(server.dbPath, "text.translated").at(-1)!.subject).toBe(`clause:${clauseId}`);
    const title = await lan.postForm(path(), { intent: "translation", field: "title", language: "zh", text: "关于业务交流的谅解备忘录" });
    expect(title.status).toBe(200);
    const docx = await lan.get(`/series/${VN_CN}/agreements/${agreementId}/agreement.docx?layout=side-by-side`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("are read but not written by a delegate (403), and hidden from another series (404)", async () => {
    const minh = await new HttpClient(server.url).signIn(MINH, PASSWORD);
    expect((await minh.getHtml(path())).status).toBe(200);
    expect((await minh.postForm(path(), { intent: "translation", field: "text", clauseId: String(clauseId), language: "zh", text: "篡改" })).status).toBe(403);
    expect((await mai.getHtml(path())).status).toBe(404);
    expect((await mai.postForm(path(), { intent: "translation", field: "text", clauseId: String(clauseId), language: "zh", text: "篡改" })).status).toBe(404);
    expect((await mai.get(`/series/${VN_CN}/agreements/${agreementId}/agreement.docx`)).status).toBe(404);
    expect(clauseText()).toEqual({ text: "双方指定技术联络点。" });
  });

  it("refuse a clause of another agreement as if it did not exist", async () => {
    const other = withDb(server.dbPath, (db) => db.prepare("SELECT c.id FROM clauses c WHERE c.agreement_id != ? ORDER BY c.id LIMIT 1").get(agreementId)) as { id: number } | undefined;
    const response = await lan.postForm(path(), { intent: "translation", field: "text", clauseId: String(other?.id ?? 999999), language: "zh", text: "串改" });
    expect(response.status).toBe(400);
    expect(count("SELECT count(*) AS n FROM text_translations WHERE subject = 'clause' AND text = '串改'")).toBe(0);
  });
});

describe("a conference's title in another working language", () => {
  const MINH = "minh.tran@vnc.test";
  const stored = () =>
    withDb(server.dbPath, (db) =>
      db.prepare("SELECT t.text FROM text_translations t JOIN conferences c ON c.id = t.subject_id JOIN series s ON s.id = c.series_id WHERE t.subject = 'conference' AND s.slug = ? AND c.number = 17 AND t.language = 'zh'").get(VN_CN),
    ) as { text: string } | undefined;
  const path = `/series/${VN_CN}/conferences/17/title`;

  it("is written by a secretariat of the series", async () => {
    expect((await lan.getHtml(path)).status).toBe(200);
    expect((await lan.postForm(path, { intent: "translation", field: "title", language: "zh", text: "第十七次会议" })).status).toBe(200);
    expect(stored()).toEqual({ text: "第十七次会议" });
  });

  it("is read but not written by a delegate (403), and hidden from another series (404)", async () => {
    const minh = await new HttpClient(server.url).signIn(MINH, PASSWORD);
    expect((await minh.getHtml(path)).status).toBe(200);
    expect((await minh.postForm(path, { intent: "translation", field: "title", language: "zh", text: "篡改" })).status).toBe(403);
    expect((await mai.getHtml(path)).status).toBe(404);
    expect((await mai.postForm(path, { intent: "translation", field: "title", language: "zh", text: "篡改" })).status).toBe(404);
    expect(stored()).toEqual({ text: "第十七次会议" });
  });
});
