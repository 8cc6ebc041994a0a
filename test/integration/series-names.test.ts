import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { zh } from "../../app/i18n/catalogs/zh";
import { SeriesDetail } from "../../app/http/api-schemas.server";
import { DEMO_PASSWORD } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// A series' name and description in each working language
// (app/models/series-names.server.ts): who may give them, and every page,
// list, export and API answer that names a series reading the reader's.

const OWN = "Vietnam–China Customs Anti-Smuggling Cooperation Conference";
const ZH = "中越海关缉私合作会议";
const VI = "Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc";

const FOUR = "two-countries-four-agencies";
const FOUR_OWN = "Two Countries, Four Agencies — Border Customs Cooperation";

let server: TestServer;
let zhang: HttpClient;
let lan: HttpClient;
let hung: HttpClient;
let mai: HttpClient;
let huang: HttpClient;
let thang: HttpClient;

beforeAll(async () => {
  server = await startServer();
  const signIn = (email: string) => new HttpClient(server.url).signIn(email, DEMO_PASSWORD);
  [zhang, lan, hung, mai, huang, thang] = await Promise.all(
    ["zhang.wei@gacc.test", "lan.nguyen@vnc.test", "hung.pham@vnc.test", "mai.hoang@langson.test", "huang.hai@nanning.test", "thang.vu@quangninh.test"].map(signIn),
  );
  const reading = await huang.postForm("/account", { intent: "language", locale: "zh" });
  expect(reading.status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
});

function storedNames(slug: string) {
  return withDb(server.dbPath, (db) =>
    db
      .prepare(
        "SELECT t.field, t.language, t.text FROM text_translations t JOIN series s ON s.id = t.subject_id WHERE t.subject = 'series' AND s.slug = ? ORDER BY t.field, t.language",
      )
      .all(slug),
  );
}

function namesForm(names: Record<string, string>): Array<[string, string]> {
  return [["intent", "names"], ...Object.entries(names)];
}

describe("the demo's series", () => {
  it("is named in each reader's language on the list, its pages, the register of one's own commitments and a commitment", async () => {
    for (const [reader, name, others] of [
      [zhang, ZH, [VI, OWN]],
      [lan, VI, [ZH, OWN]],
      [hung, OWN, [ZH, VI]],
    ] as const) {
      for (const path of ["/", "/series/vn-cn-anti-smuggling", "/series/vn-cn-anti-smuggling/leader", "/search?q=Mekong"]) {
        const { status, html } = await reader.getHtml(path);
        expect(status, path).toBe(200);
        const text = htmlText(html);
        expect(text, path).toContain(name);
        for (const other of others) expect(text, path).not.toContain(other);
      }
    }
    const mine = htmlText((await zhang.getHtml("/my/commitments")).html);
    expect(mine).toContain(ZH);
    expect(mine).not.toContain(OWN);
    const id = withDb(server.dbPath, (db) => (db.prepare("SELECT c.id FROM commitments c JOIN series s ON s.id = c.series_id WHERE s.slug = 'vn-cn-anti-smuggling' LIMIT 1").get() as { id: number }).id);
    const one = htmlText((await zhang.getHtml(`/commitments/${id}`)).html);
    expect(one).toContain(ZH);
    expect(one).not.toContain(OWN);
  });

  it("gives the API its name as created, every language's, and the viewer's", async () => {
    const { body } = await zhang.getJson<unknown>("/api/v1/series/vn-cn-anti-smuggling");
    const checked = SeriesDetail.safeParse(body);
    expect(checked.success, checked.error?.message).toBe(true);
    expect(checked.data).toMatchObject({ name: OWN, names: { vi: VI, zh: ZH }, viewerName: ZH });
    expect(checked.data!.descriptions.zh).toContain("湄公龙");
    const { body: english } = await hung.getJson<{ viewerName: string }>("/api/v1/series/vn-cn-anti-smuggling");
    expect(english.viewerName).toBe(OWN);
  });

  it("heads each language's version of the adopted record with that language's name", async () => {
    const number = withDb(server.dbPath, (db) =>
      (db.prepare("SELECT max(c.number) AS n FROM conferences c JOIN series s ON s.id = c.series_id WHERE s.slug = 'vn-cn-anti-smuggling' AND c.status = 'concluded'").get() as { n: number }).n,
    );
    const path = `/series/vn-cn-anti-smuggling/conferences/${number}/record.md`;
    for (const [language, name] of [["zh", ZH], ["vi", VI]] as const) {
      const response = await hung.get(`${path}?lang=${language}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(name);
    }
  });
});

describe("naming a series in its working languages", () => {
  it("is for its secretariats: a delegate is refused and nothing is stored", async () => {
    const before = storedNames(FOUR);
    const refused = await thang.postForm(`/series/${FOUR}/languages`, namesForm({ name_zh: "改名", name_vi: "Đổi tên" }));
    expect(refused.status).toBe(403);
    expect(storedNames(FOUR)).toEqual(before);
  });

  it("stores what a secretariat gives, shows it to that language's readers at once, and an empty field gives the series' own name back", async () => {
    const name = "“两国四方”海关合作机制（新）";
    const response = await mai.postForm(`/series/${FOUR}/languages`, namesForm({ name_zh: name, description_zh: "中越边境海关。", name_vi: "Hai nước bốn bên", description_vi: "", name_en: "" }));
    expect(response.status).toBe(200);
    expect(htmlText(await response.text())).toContain(en.texts.namesSaved);
    expect(storedNames(FOUR)).toEqual([
      { field: "description", language: "zh", text: "中越边境海关。" },
      { field: "name", language: "vi", text: "Hai nước bốn bên" },
      { field: "name", language: "zh", text: name },
    ]);

    const read = htmlText((await huang.getHtml(`/series/${FOUR}`)).html);
    expect(read).toContain(name);
    expect(read).toContain("中越边境海关。");
    expect(read).toContain(zh.series.conferences);
    const own = htmlText((await thang.getHtml(`/series/${FOUR}`)).html);
    expect(own).toContain(FOUR_OWN);
    expect(own).not.toContain(name);

    await mai.postForm(`/series/${FOUR}/languages`, namesForm({ name_zh: "", description_zh: "", name_vi: "Hai nước bốn bên" }));
    expect(storedNames(FOUR)).toEqual([{ field: "name", language: "vi", text: "Hai nước bốn bên" }]);
    expect(htmlText((await huang.getHtml(`/series/${FOUR}`)).html)).toContain(FOUR_OWN);

    const audit = withDb(server.dbPath, (db) => db.prepare("SELECT count(*) AS n FROM audit_events WHERE kind = 'series.names' AND subject = ?").get(`series:${FOUR}`) as { n: number });
    expect(audit.n).toBe(2);
  });

  it("refuses a name too long, with the field's message, and keeps what was there", async () => {
    const before = storedNames(FOUR);
    const response = await mai.postForm(`/series/${FOUR}/languages`, namesForm({ name_zh: "长".repeat(201) }));
    expect(response.status).toBe(400);
    expect(htmlText(await response.text())).toContain(en.errors.tooLong);
    expect(storedNames(FOUR)).toEqual(before);
  });

  it("keeps no name for a language the series does not work in", async () => {
    const before = storedNames(FOUR);
    const response = await mai.postForm(`/series/${FOUR}/languages`, namesForm({ name_vi: "Hai nước bốn bên", name_lo: "ສອງປະເທດ" }));
    expect(response.status).toBe(200);
    expect(storedNames(FOUR)).toEqual(before);
  });
});

describe("figures named in each working language", () => {
  const INFO = "items of information exchanged";

  it("are read in each reader's language on the leader's view, the briefing and the commitment that reports them", async () => {
    for (const [reader, label, others] of [
      [zhang, "交换情报信息", [INFO, "tin, tài liệu đã trao đổi"]],
      [lan, "tin, tài liệu đã trao đổi", [INFO, "交换情报信息"]],
      [hung, INFO, ["交换情报信息", "tin, tài liệu đã trao đổi"]],
    ] as const) {
      for (const path of ["/series/vn-cn-anti-smuggling/leader", "/series/vn-cn-anti-smuggling/briefing"]) {
        const text = htmlText((await reader.getHtml(path)).html);
        expect(text, path).toContain(label);
        for (const other of others) expect(text, path).not.toContain(other);
      }
    }
    const id = withDb(server.dbPath, (db) => (db.prepare("SELECT commitment_id AS id FROM follow_ups WHERE figure_label = ? LIMIT 1").get(INFO) as { id: number }).id);
    const page = await zhang.getHtml(`/commitments/${id}`);
    expect(htmlText(page.html)).toContain("交换情报信息");
    expect(page.html).toContain('<span lang="zh">条</span>');
  });

  it("are named by a secretariat for the figures its series reports, refused to a delegate and for a figure nobody reported", async () => {
    const PATROLS = { figureLabel: "joint patrols held", figureUnit: "patrols" };
    const names = () =>
      withDb(server.dbPath, (db) => db.prepare("SELECT language, label, unit FROM figure_names WHERE label_key = ? ORDER BY language").all(PATROLS.figureLabel));
    const before = names();
    expect(before).toHaveLength(2);

    const refused = await thang.postForm(`/series/${FOUR}/languages`, { intent: "figure", ...PATROLS, label_zh: "巡逻" });
    expect(refused.status).toBe(403);
    expect(names()).toEqual(before);

    const unknown = await mai.postForm(`/series/${FOUR}/languages`, { intent: "figure", figureLabel: "seizures", figureUnit: "", label_zh: "查获" });
    expect(unknown.status).toBe(400);
    expect(htmlText(await unknown.text())).toContain(en.errors.figureUnknown);

    // Known whatever the case and spaces it is sent with; the English name added, the Vietnamese removed.
    const response = await mai.postForm(`/series/${FOUR}/languages`, {
      intent: "figure",
      figureLabel: " Joint Patrols HELD ",
      figureUnit: "Patrols",
      label_zh: "联合巡逻次数",
      unit_zh: "次",
      label_vi: "",
      unit_vi: "",
      label_en: "joint border patrols",
      unit_en: "patrols",
    });
    expect(response.status).toBe(200);
    expect(htmlText(await response.text())).toContain(en.texts.namesSaved);
    expect(names()).toEqual([
      { language: "en", label: "joint border patrols", unit: "patrols" },
      { language: "zh", label: "联合巡逻次数", unit: "次" },
    ]);
    const leader = htmlText((await huang.getHtml(`/series/${FOUR}/leader`)).html);
    expect(leader).toContain("联合巡逻次数");
    expect(htmlText((await thang.getHtml(`/series/${FOUR}/leader`)).html)).toContain("joint border patrols");
  });
});
