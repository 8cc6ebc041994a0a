import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { confirmStillCorrect, trackAlignment } from "../../app/collab/alignment-tracker";
import { actionsOf, addAgendaItem, addDraftAction, agendaOf, readAgenda, removeAgendaItem, setActionOwner } from "../../app/collab/conference-doc";
import { zh } from "../../app/i18n/catalogs/zh";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, loadStoredDoc, until, waitSynced, type CollabClient } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { openInLibreOffice } from "../helpers/libreoffice";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { createConference, createSeries } from "../helpers/series-setup";

// Parallel texts in the conference document, through the real hub: two
// secretariats write different languages of the same item at once, the hub
// refuses a language it does not know, and adoption refuses a stale authentic
// text until someone confirms it, then stores every language.

const SLUG = "tri-party";
const LANGUAGES = { base: "vi", working: ["vi", "zh", "en"] };
let server: TestServer;
let lan: HttpClient; // secretariat, VNC
let zhang: HttpClient; // secretariat, GACC
const clients: CollabClient[] = [];
const stops: (() => void)[] = [];

/** A secretariat's screen: a real y-websocket client that keeps alignment as the workspace does. */
async function screen(client: HttpClient, docName: string) {
  const c = connectCollab(server, docName, { cookie: cookieHeader(client) });
  clients.push(c);
  await waitSynced(c);
  stops.push(trackAlignment(c.doc, LANGUAGES));
  return c;
}

function itemOf(c: CollabClient, id: string): Y.Map<unknown> {
  const item = agendaOf(c.doc).get(id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
}

const text = (c: CollabClient, id: string, key: string) => itemOf(c, id).get(key) as Y.Text;

/** Types like a person: one character per transaction. */
async function typeInto(ytext: Y.Text, words: string) {
  for (const char of words) {
    ytext.insert(ytext.length, char);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Waits until the hub has stored everything this screen wrote. */
async function stored(c: CollabClient, docName: string) {
  await until(() => {
    const kept = Y.decodeStateVector(Y.encodeStateVector(loadStoredDoc(server.dbPath, docName)));
    return [...Y.decodeStateVector(Y.encodeStateVector(c.doc))].every(([client, clock]) => (kept.get(client) ?? 0) >= clock);
  }, `the edits to be stored (closed: ${c.closeCodes.join()})`);
}

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_PROJECTION_DELAY_MS: "20" } });
  await createSeries(server, {
    slug: SLUG,
    name: "Ba bên – 三方 – Three parties",
    parties: ["VNC", "GACC", "NNC"],
    languages: LANGUAGES.working,
    members: [
      { email: "lan.nguyen@vnc.test", agency: "VNC", role: "secretariat" },
      { email: "zhang.wei@gacc.test", agency: "GACC", role: "secretariat" },
    ],
  });
  [lan, zhang] = await Promise.all(["lan.nguyen@vnc.test", "zhang.wei@gacc.test"].map((email) => new HttpClient(server.url).signIn(email, DEMO_PASSWORD)));
  await createConference(lan, SLUG, { number: 1, title: "Hội nghị lần thứ nhất", startsOn: "2099-05-01", endsOn: "2099-05-02" });
});

afterAll(async () => {
  for (const stop of stops) stop();
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe("parallel texts of a conference", () => {
  it("start with the usual agenda titled in every working language Accord has words for, in line", async () => {
    const { docName } = await conferenceDocName(lan, SLUG, 1);
    const stored = loadStoredDoc(server.dbPath, docName);
    const agenda = readAgenda(stored, LANGUAGES);
    expect(agenda.map((item) => item.texts?.zh.title)).toContain(zh.agendaDefaults.opening);
    for (const item of agenda) expect(Object.values(item.alignment!.title.states).map((s) => s.state)).toEqual(["source", "current", "current"]);
  });

  it("are written at the same time by two secretariats in two languages of the same item, and both survive", async () => {
    const { docName } = await conferenceDocName(lan, SLUG, 1);
    const a = await screen(lan, docName);
    const b = await screen(zhang, docName);
    // The test's own items only: the usual agenda's are left out of what follows.
    a.doc.transact(() => {
      for (const id of [...agendaOf(a.doc).keys()]) removeAgendaItem(a.doc, id);
    });
    const actionId = addDraftAction(a.doc, { owners: ["VNC", "GACC", "NNC"], due: "next" }, LANGUAGES);
    const id = addAgendaItem(a.doc, { kind: "thematic" }, undefined, LANGUAGES);
    await until(() => agendaOf(b.doc).has(id) && actionsOf(b.doc).has(actionId), "the new item on the other screen");

    await Promise.all([typeInto(text(a, id, "title"), "Hợp tác chống buôn lậu"), typeInto(text(b, id, "title@zh"), "反走私合作")]);
    await Promise.all([stored(a, docName), stored(b, docName)]);
    await until(() => text(a, id, "title@zh").toString() === "反走私合作" && text(b, id, "title").toString() === "Hợp tác chống buôn lậu", "both texts on both screens");

    const kept = readAgenda(loadStoredDoc(server.dbPath, docName), LANGUAGES)[0];
    expect(kept.texts).toMatchObject({ vi: { title: "Hợp tác chống buôn lậu" }, zh: { title: "反走私合作" }, en: { title: "" } });

    // The action in three languages; the English written last, once the others are there.
    await typeInto(actionsOf(a.doc).get(actionId)!.get("text") as Y.Text, "Trao đổi danh sách hàng hóa rủi ro cao");
    // The Chinese secretariat translates what it sees once the Vietnamese has arrived.
    await until(() => String(actionsOf(b.doc).get(actionId)!.get("text")) === "Trao đổi danh sách hàng hóa rủi ro cao", "the Vietnamese action on the other screen");
    await typeInto(actionsOf(b.doc).get(actionId)!.get("text@zh") as Y.Text, "交换高风险货物清单");
    await typeInto(actionsOf(b.doc).get(actionId)!.get("text@en") as Y.Text, "Exchange the lists of high-risk goods");
    await typeInto(text(b, id, "title@en"), "Cooperation against smuggling");
    await Promise.all([stored(a, docName), stored(b, docName)]);
    setActionOwner(a.doc, actionId, "VNC", true);
  });

  it("are refused by the hub in a language it does not know, before anything is stored", async () => {
    const { docName } = await conferenceDocName(lan, SLUG, 1);
    const hostile = connectCollab(server, docName, { cookie: cookieHeader(lan) });
    clients.push(hostile);
    await waitSynced(hostile);
    const id = [...agendaOf(hostile.doc).keys()][0];
    agendaOf(hostile.doc).get(id)!.set("title@fr", new Y.Text("Coopération"));
    await until(() => hostile.closeCodes.includes(4400), "the hub to refuse the update");
    expect(agendaOf(loadStoredDoc(server.dbPath, docName)).get(id)!.has("title@fr")).toBe(false);
    hostile.destroy();
  });

  it("refuse adoption while an authentic text is stale, and adopt once it is confirmed, storing every language", async () => {
    const { docName, id: conferenceId } = await conferenceDocName(lan, SLUG, 1);
    const [a, b] = [clients[0], clients[1]];
    const id = [...agendaOf(a.doc).keys()][0];
    expect((await lan.postForm(`/series/${SLUG}/conferences/1/lifecycle`, { intent: "open" })).status).toBe(303);

    // Written at the same moment from empty, either text may have become the source: whichever is not in line is confirmed.
    const before = readAgenda(b.doc, LANGUAGES)[0].alignment!.title;
    for (const [language, state] of Object.entries(before.states)) if (state.state === "stale") confirmStillCorrect(b.doc, itemOf(b, id), "title", language, LANGUAGES);
    await stored(b, docName);
    await until(() => Object.values(readAgenda(a.doc, LANGUAGES)[0].alignment!.title.states).every((s) => s.state === "source" || s.state === "current"), "every title in line");

    // The Vietnamese text changes after the Chinese was confirmed against it: it leads now.
    await typeInto(text(a, id, "title"), " ma túy");
    await stored(a, docName);
    await until(() => readAgenda(b.doc, LANGUAGES)[0].alignment?.title.states.zh.state === "stale", "the Chinese title to be stale on the other screen");
    expect(readAgenda(b.doc, LANGUAGES)[0].alignment!.title.states.zh).toEqual({ state: "stale", since: "Hợp tác chống buôn lậu" });

    const refused = await lan.postForm(`/series/${SLUG}/conferences/1/lifecycle`, { intent: "conclude" });
    expect(refused.headers.get("location")).toBe(`/series/${SLUG}/conferences/1/conclude`);
    const check = htmlText((await zhang.getHtml(`/series/${SLUG}/conferences/1/conclude`)).html);
    // Zhang reads the check in Chinese: the Chinese and English titles of item 1 need updating.
    const problem = (language: string) =>
      zh.conclusion.problems.textStaleItem.replace("{{number}}", "1").replace("{{title}}", "Hợp tác chống buôn lậu ma túy").replace("{{language}}", language).replace("{{fields}}", zh.parallel.fields.title);
    expect(check).toContain(problem(zh.parallel.languages.zh));
    expect(check).toContain(problem(zh.parallel.languages.en));

    // "Still correct" from the Chinese secretariat, and the English too (also authentic, also stale now).
    confirmStillCorrect(b.doc, itemOf(b, id), "title", "zh", LANGUAGES);
    confirmStillCorrect(b.doc, itemOf(b, id), "title", "en", LANGUAGES);
    await stored(b, docName);

    const adopted = await lan.postForm(`/series/${SLUG}/conferences/1/lifecycle`, { intent: "conclude" });
    expect(adopted.headers.get("location"), htmlText((await lan.getHtml(`/series/${SLUG}/conferences/1/conclude`)).html)).toBe(`/series/${SLUG}/conferences/1/record`);

    const record = withDb(server.dbPath, (db) => db.prepare("SELECT content_json FROM adopted_records WHERE conference_id = ?").get(conferenceId) as { content_json: string });
    const content = JSON.parse(record.content_json) as { agenda: { texts: Record<string, { title: string }>; alignment?: unknown }[]; actions: { texts: Record<string, { text: string }> }[]; languages: unknown };
    expect(content.languages).toEqual({ base: "vi", working: ["vi", "zh", "en"], authentic: ["vi", "zh", "en"] });
    expect(content.agenda[0].texts).toMatchObject({
      vi: { title: "Hợp tác chống buôn lậu ma túy" },
      zh: { title: "反走私合作" },
      en: { title: "Cooperation against smuggling" },
    });
    expect(content.agenda[0].alignment).toBeUndefined();
    expect(content.actions[0].texts).toEqual({
      vi: { text: "Trao đổi danh sách hàng hóa rủi ro cao" },
      zh: { text: "交换高风险货物清单" },
      en: { text: "Exchange the lists of high-risk goods" },
    });

    // The commitment: the base text in its column, the others beside it, in line with it.
    const rows = withDb(server.dbPath, (db) => {
      const commitment = db.prepare("SELECT id, text, base_language FROM commitments WHERE conference_id = ?").get(conferenceId) as { id: number; text: string; base_language: string };
      // The demo's commitments have their own translations: only this one's are read.
      const translations = db.prepare("SELECT language, text, aligned_language, aligned_text FROM text_translations WHERE subject = 'commitment' AND subject_id = ? ORDER BY language").all(commitment.id);
      return { commitment, translations };
    });
    expect(rows.commitment).toMatchObject({ text: "Trao đổi danh sách hàng hóa rủi ro cao", base_language: "vi" });
    expect(rows.translations).toEqual([
      { language: "en", text: "Exchange the lists of high-risk goods", aligned_language: "vi", aligned_text: "Trao đổi danh sách hàng hóa rủi ro cao" },
      { language: "zh", text: "交换高风险货物清单", aligned_language: "vi", aligned_text: "Trao đổi danh sách hàng hóa rủi ro cao" },
    ]);
  });

  it("export the adopted record side by side as Word, which LibreOffice reads with every language in one row", async () => {
    const response = await zhang.get(`/series/${SLUG}/conferences/1/record.docx?layout=side-by-side`);
    expect(response.status).toBe(200);
    const opened = openInLibreOffice(Buffer.from(await response.arrayBuffer()), "side-by-side");
    const rows = [...opened.matchAll(/<table:table-row[^>]*>(.*?)<\/table:table-row>/gs)].map((m) =>
      [...m[1].matchAll(/<table:table-cell[^>]*>(.*?)<\/table:table-cell>/gs)].map((cell) => cell[1].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()),
    );
    // The item's title and the commitment, each in its three languages, in the cells of one row.
    const rowWith = (needle: string) => rows.find((cells) => cells.some((cell) => cell.includes(needle)));
    expect(rowWith("Hợp tác chống buôn lậu ma túy")).toEqual(
      expect.arrayContaining([expect.stringContaining("Hợp tác chống buôn lậu ma túy"), expect.stringContaining("反走私合作"), expect.stringContaining("Cooperation against smuggling")]),
    );
    expect(rowWith("Trao đổi danh sách hàng hóa rủi ro cao")).toEqual(
      expect.arrayContaining([expect.stringContaining("Trao đổi danh sách hàng hóa rủi ro cao"), expect.stringContaining("交换高风险货物清单"), expect.stringContaining("Exchange the lists of high-risk goods")]),
    );
    // The closing formula of equal authenticity, in each language, with its diacritics and characters intact.
    const text = opened.replace(/<[^>]+>/g, " ");
    expect(text).toMatch(/bằng tiếng Việt/);
    expect(text).toMatch(/同等作准/);
    expect(text).toMatch(/equally authentic/);
  });
});
