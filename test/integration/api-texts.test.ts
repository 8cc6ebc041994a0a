import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { actionsOf, addAgendaItem, addDraftAction, agendaOf, ensureTextType, removeAgendaItem, type DocLanguages } from "../../app/collab/conference-doc";
import { Conference, SeriesDetail } from "../../app/http/api-schemas.server";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, until, waitSynced, type CollabClient } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { createConference, createSeries } from "../helpers/series-setup";

// Every text of the JSON API in every working language: a three-language
// series' agenda and draft actions, co-edited through the real hub, answer
// each language's text from SQL, and each caller's own text (or another
// working language's, named) as commitments do.

const SLUG = "three-languages-api";
const LANGUAGES: DocLanguages = { base: "vi", working: ["vi", "zh", "en"] };
let server: TestServer;
let lan: HttpClient; // secretariat, VNC, reads Vietnamese
let zhang: HttpClient; // secretariat, GACC, reads Chinese
let hung: HttpClient; // observer, VNC, has never chosen a language: English
let conferenceId: number;
let itemId: string;
let actionId: string;
const clients: CollabClient[] = [];

const TITLE = { vi: "Hợp tác chống buôn lậu ma túy", zh: "禁毒缉私合作", en: "Cooperation against drug smuggling" };
const NOTES = { vi: "Hai bên rà soát chiến dịch Mê Kông Long.", zh: "双方回顾湄公龙行动。" };
const OUTCOME = { vi: "Tiếp tục trao đổi thông tin.", zh: "继续交换情报。" };
const ACTION = { vi: "Trao đổi danh sách hàng hóa rủi ro cao", zh: "交换高风险货物清单", en: "Exchange the lists of high-risk goods" };

interface AgendaAnswer {
  id: string;
  title: string;
  titleLanguage: string;
  titleTexts: Record<string, string>;
  viewerTitle: { text: string; language: string };
  notes: string;
  notesTexts: Record<string, string>;
  viewerNotes: { text: string; language: string };
  outcome: string;
  outcomeTexts: Record<string, string>;
  viewerOutcome: { text: string; language: string };
}
interface ConferenceAnswer {
  title: string;
  titleTexts: Record<string, string>;
  viewerTitle: { text: string; language: string };
  agenda: AgendaAnswer[];
  draftActions: { id: string; text: string; textLanguage: string; texts: Record<string, string>; viewerText: { text: string; language: string } }[];
}

function paragraph(fragment: Y.XmlFragment, text: string) {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [element]);
}

async function conferenceAs(client: HttpClient, headers: Record<string, string> = {}) {
  const response = await client.get(`/api/v1/conferences/${conferenceId}`, { accept: "application/json", ...headers });
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  // The answer is exactly what the description says (strict: no field it does not describe).
  const checked = Conference.safeParse(body);
  expect(checked.success, checked.error?.message).toBe(true);
  return body as ConferenceAnswer;
}

/** Asks until the projection has caught up with what was co-edited. */
async function projected(client: HttpClient, done: (answer: ConferenceAnswer) => boolean, timeoutMs = 10_000) {
  const start = Date.now();
  for (;;) {
    const answer = await conferenceAs(client);
    if (done(answer)) return answer;
    if (Date.now() - start > timeoutMs) throw new Error(`the projection did not catch up: ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_PROJECTION_DELAY_MS: "20" } });
  await createSeries(server, {
    slug: SLUG,
    name: "Ba bên – 三方 – Three parties",
    parties: ["VNC", "GACC", "NNC"],
    languages: [...LANGUAGES.working],
    members: [
      { email: "lan.nguyen@vnc.test", agency: "VNC", role: "secretariat" },
      { email: "zhang.wei@gacc.test", agency: "GACC", role: "secretariat" },
      { email: "hung.pham@vnc.test", agency: "VNC", role: "observer" },
    ],
  });
  [lan, zhang, hung] = await Promise.all(
    ["lan.nguyen@vnc.test", "zhang.wei@gacc.test", "hung.pham@vnc.test"].map((email) => new HttpClient(server.url).signIn(email, DEMO_PASSWORD)),
  );
  await createConference(lan, SLUG, { number: 1, title: "Hội nghị ba bên lần thứ nhất", startsOn: "2099-06-01", endsOn: "2099-06-02" });
  const translated = await zhang.postForm(`/series/${SLUG}/conferences/1/title`, { intent: "translation", field: "title", language: "zh", text: "第一次三方会议" });
  expect(translated.status).toBe(200);

  // Two secretariats co-edit the agenda in their own languages through the hub.
  const { docName, id } = await conferenceDocName(lan, SLUG, 1);
  conferenceId = id;
  const a = connectCollab(server, docName, { cookie: cookieHeader(lan) });
  const b = connectCollab(server, docName, { cookie: cookieHeader(zhang) });
  clients.push(a, b);
  await Promise.all([waitSynced(a), waitSynced(b)]);
  a.doc.transact(() => {
    for (const key of [...agendaOf(a.doc).keys()]) removeAgendaItem(a.doc, key);
  });
  itemId = addAgendaItem(a.doc, { kind: "thematic", title: TITLE.vi, notes: NOTES.vi, outcome: OUTCOME.vi }, undefined, LANGUAGES);
  actionId = addDraftAction(a.doc, { text: ACTION.vi, owners: ["VNC", "GACC"], due: "next" }, LANGUAGES);
  await a.waitStored();
  await until(() => agendaOf(b.doc).has(itemId) && actionsOf(b.doc).has(actionId), "the item on the other screen");
  const item = agendaOf(b.doc).get(itemId)!;
  const action = actionsOf(b.doc).get(actionId)!;
  b.doc.transact(() => {
    (ensureTextType(item, "title", "zh", LANGUAGES.base) as Y.Text).insert(0, TITLE.zh);
    (ensureTextType(item, "title", "en", LANGUAGES.base) as Y.Text).insert(0, TITLE.en);
    paragraph(ensureTextType(item, "notes", "zh", LANGUAGES.base) as Y.XmlFragment, NOTES.zh);
    paragraph(ensureTextType(item, "outcome", "zh", LANGUAGES.base) as Y.XmlFragment, OUTCOME.zh);
    (ensureTextType(action, "text", "zh", LANGUAGES.base) as Y.Text).insert(0, ACTION.zh);
    (ensureTextType(action, "text", "en", LANGUAGES.base) as Y.Text).insert(0, ACTION.en);
  });
  await b.waitStored();
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe("a three-language conference through /api/v1", () => {
  it("answers each language's agenda title, notes and outcome and action text, after co-editing, from the projection", async () => {
    const answer = await projected(lan, (body) => body.draftActions[0]?.texts.en === ACTION.en && body.agenda[0]?.outcomeTexts.zh === OUTCOME.zh);
    const [item] = answer.agenda;
    expect(item).toMatchObject({
      id: itemId,
      title: TITLE.vi,
      titleLanguage: "vi",
      titleTexts: TITLE,
      notes: NOTES.vi,
      notesTexts: NOTES,
      outcome: OUTCOME.vi,
      outcomeTexts: OUTCOME,
    });
    // A language with no text is left out rather than answered empty.
    expect(Object.keys(item.notesTexts).sort()).toEqual(["vi", "zh"]);
    expect(answer.draftActions).toEqual([
      expect.objectContaining({ id: actionId, text: ACTION.vi, textLanguage: "vi", texts: ACTION }),
    ]);
    expect(answer).toMatchObject({ title: "Hội nghị ba bên lần thứ nhất", titleTexts: { vi: "Hội nghị ba bên lần thứ nhất", zh: "第一次三方会议" } });
  });

  it("gives each caller the texts in their own language", async () => {
    const vi = await conferenceAs(lan);
    expect(vi.agenda[0].viewerTitle).toEqual({ text: TITLE.vi, language: "vi" });
    expect(vi.draftActions[0].viewerText).toEqual({ text: ACTION.vi, language: "vi" });
    const zh = await conferenceAs(zhang);
    expect(zh.viewerTitle).toEqual({ text: "第一次三方会议", language: "zh" });
    expect(zh.agenda[0]).toMatchObject({
      viewerTitle: { text: TITLE.zh, language: "zh" },
      viewerNotes: { text: NOTES.zh, language: "zh" },
      viewerOutcome: { text: OUTCOME.zh, language: "zh" },
    });
    expect(zh.draftActions[0].viewerText).toEqual({ text: ACTION.zh, language: "zh" });
  });

  it("falls back to the series' first working language, named, where the caller's has no text", async () => {
    const en = await conferenceAs(hung);
    expect(en.agenda[0].viewerTitle).toEqual({ text: TITLE.en, language: "en" });
    // No English notes, outcome or conference title: the Vietnamese, marked as such.
    expect(en.agenda[0].viewerNotes).toEqual({ text: NOTES.vi, language: "vi" });
    expect(en.agenda[0].viewerOutcome).toEqual({ text: OUTCOME.vi, language: "vi" });
    expect(en.viewerTitle).toEqual({ text: "Hội nghị ba bên lần thứ nhất", language: "vi" });
  });

  it("follows Accept-Language for the language to answer in, after the caller's own choice on their account", async () => {
    // The account's language comes first, as on every page (server/request-state.ts); Hùng's is English.
    expect((await conferenceAs(hung, { "accept-language": "zh-CN,zh;q=0.9" })).agenda[0].viewerTitle.language).toBe("en");
    // Once he chooses Chinese on his account, he reads Chinese.
    expect((await hung.postForm("/account", { intent: "language", locale: "zh" })).status).toBeLessThan(400);
    const zh = await conferenceAs(hung);
    expect(zh.agenda[0].viewerTitle).toEqual({ text: TITLE.zh, language: "zh" });
    expect(zh.draftActions[0].viewerText).toEqual({ text: ACTION.zh, language: "zh" });
  });

  it("answers the series' conference titles the same way", async () => {
    const { body } = await zhang.getJson<unknown>(`/api/v1/series/${SLUG}`);
    const checked = SeriesDetail.safeParse(body);
    expect(checked.success, checked.error?.message).toBe(true);
    expect(checked.data!.conferences[0]).toMatchObject({
      title: "Hội nghị ba bên lần thứ nhất",
      titleLanguage: "vi",
      titleTexts: { vi: "Hội nghị ba bên lần thứ nhất", zh: "第一次三方会议" },
      viewerTitle: { text: "第一次三方会议", language: "zh" },
    });
  });

  it("lets search find an agenda item by the text of any of its languages", async () => {
    for (const query of ["禁毒缉私", "湄公龙", "drug smuggling", "chong buon lau"]) {
      const html = (await hung.getHtml(`/search?q=${encodeURIComponent(query)}`)).html;
      // Found by any language, titled in Hùng's (Chinese, set above).
      expect(html, query).toMatch(new RegExp(`<a lang="zh"[^>]*>${TITLE.zh}</a>`));
    }
  });

  it("fills in every language of a conference projected before they were kept, once, on start", async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.stop();
    // As migration 0022 leaves a conference projected before: its base texts only, and listed for projecting again.
    withDb(server.dbPath, (db) => {
      db.prepare("DELETE FROM agenda_item_texts WHERE conference_id = ?").run(conferenceId);
      db.prepare("DELETE FROM draft_action_texts WHERE conference_id = ?").run(conferenceId);
      db.prepare("INSERT INTO projection_backlog (conference_id) VALUES (?)").run(conferenceId);
    });
    server = await startServer({ dbPath: server.dbPath });
    lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const answer = await projected(lan, (body) => body.draftActions[0]?.texts.zh === ACTION.zh);
    expect(answer.agenda[0]).toMatchObject({ titleTexts: TITLE, notesTexts: NOTES, outcomeTexts: OUTCOME });
    expect(answer.draftActions[0].texts).toEqual(ACTION);
    await until(() => withDb(server.dbPath, (db) => (db.prepare("SELECT count(*) AS n FROM projection_backlog").get() as { n: number }).n) === 0, "the backlog to be empty");
  });
});
