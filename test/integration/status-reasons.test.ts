import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Why a commitment is blocked or dropped, in each working language: a reason
// keeps the language it was written in, those who may report on the
// commitment give it in theirs, and every reader reads their own.

const SERIES = "vn-cn-anti-smuggling";
const DEMO_REASON = { en: "Waiting for the new risk-management regulation to be published.", vi: "Đang chờ ban hành quy định mới về quản lý rủi ro.", zh: "等待新的风险管理规定发布。" };

let server: TestServer;
let zhang: HttpClient;
let lan: HttpClient;
let hung: HttpClient;
let minh: HttpClient;

beforeAll(async () => {
  server = await startServer();
  const signIn = (email: string) => new HttpClient(server.url).signIn(email, DEMO_PASSWORD);
  [zhang, lan, hung, minh] = await Promise.all(["zhang.wei@gacc.test", "lan.nguyen@vnc.test", "hung.pham@vnc.test", "minh.tran@vnc.test"].map(signIn));
});

afterAll(async () => {
  await server?.stop();
});

const commitmentWith = (prefix: string) =>
  withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM commitments WHERE text LIKE ? ORDER BY id DESC LIMIT 1").get(`${prefix}%`) as { id: number }).id);

describe("the reason a commitment is blocked", () => {
  it("is read in each reader's language on the leader's view, the register and the commitment", async () => {
    const blocked = commitmentWith("Share policy changes that help detect fraud");
    for (const [reader, language] of [[zhang, "zh"], [lan, "vi"], [hung, "en"]] as const) {
      for (const path of [`/series/${SERIES}/leader`, `/series/${SERIES}/commitments?status=blocked`, `/commitments/${blocked}`]) {
        const { status, html } = await reader.getHtml(path);
        expect(status, path).toBe(200);
        expect(html, `${language} ${path}`).toMatch(new RegExp(`class="status-reason"><strong>[^<]*</strong>(<!-- -->| )*<span lang="${language}">${DEMO_REASON[language]}</span>`));
        // The commitment's history keeps each event as it was written; the lists show the reader's text alone.
        if (path.startsWith("/commitments/")) continue;
        for (const other of Object.values(DEMO_REASON).filter((text) => text !== DEMO_REASON[language])) expect(htmlText(html), path).not.toContain(other);
      }
    }
  });

  it("keeps the language it was written in; another party reads it marked, writes it in its own, and then reads its own", async () => {
    const id = commitmentWith("Share findings on the use of AI");
    const reason = "等待海关总署批准共享研究结果";
    expect((await zhang.postForm(`/commitments/${id}`, { intent: "status", to: "blocked", reason })).status).toBe(200);
    const event = withDb(server.dbPath, (db) =>
      db.prepare("SELECT id, reason, reason_language AS language FROM commitment_events WHERE commitment_id = ? AND kind = 'status' ORDER BY id DESC LIMIT 1").get(id),
    ) as { id: number; reason: string; language: string };
    expect(event).toMatchObject({ reason, language: "zh" });

    // Lan reads the Chinese, marked as such, and is offered her language beside it.
    let page = (await lan.getHtml(`/commitments/${id}`)).html;
    expect(page).toContain(`<span lang="zh">${reason}</span>`);
    expect(page).toMatch(/class="badge badge-language"[^>]*><span aria-hidden="true">zh<\/span>/);
    expect(page).toContain(`name="eventId" value="${event.id}"`);

    const write = (client: HttpClient, eventId: number, text: string) =>
      client.postForm(`/commitments/${id}`, { intent: "translation", field: "reason", eventId: String(eventId), language: "vi", text, seenBase: reason });
    // An observer, and a delegate whose party does not own it, may not; the event of another commitment is not this one's.
    expect((await write(hung, event.id, "Chờ phê duyệt")).status).toBe(403);
    expect((await write(minh, event.id, "Chờ phê duyệt")).status).toBe(403);
    const otherEvent = withDb(server.dbPath, (db) => (db.prepare("SELECT id FROM commitment_events WHERE commitment_id != ? ORDER BY id LIMIT 1").get(id) as { id: number }).id);
    expect((await write(lan, otherEvent, "Chờ phê duyệt")).status).toBe(400);
    const stored = () => withDb(server.dbPath, (db) => db.prepare("SELECT language, text FROM text_translations WHERE subject = 'status_reason' AND subject_id = ?").all(event.id));
    expect(stored()).toEqual([]);

    const vietnamese = "Chờ Tổng cục Hải quan Trung Quốc phê duyệt việc chia sẻ kết quả nghiên cứu";
    expect((await write(lan, event.id, vietnamese)).status).toBe(200);
    expect(stored()).toEqual([{ language: "vi", text: vietnamese }]);
    page = (await lan.getHtml(`/commitments/${id}`)).html;
    // The reason it is blocked now reads in Vietnamese (the Chinese stays as the text hers was written beside, and in the history).
    expect(page).toMatch(new RegExp(`class="status-reason"><strong>[^<]*</strong>(<!-- -->| )*<span lang="vi">${vietnamese}</span>`));
    expect((await zhang.getHtml(`/commitments/${id}`)).html).toContain(`<span lang="zh">${reason}</span>`);
    // The API gives the reason as written, its language and every language's text.
    const { body } = await lan.getJson<{ id: number; statusReason: string; statusReasonLanguage: string; statusReasonTexts: Record<string, string> }[]>(`/api/v1/series/${SERIES}/commitments`);
    expect(body.find((c) => c.id === id)).toMatchObject({ statusReason: reason, statusReasonLanguage: "zh", statusReasonTexts: { zh: reason, vi: vietnamese } });
  });

  it("reaches the leader's view, kept per series revision, as soon as a party writes it in its language", async () => {
    const blocked = commitmentWith("Share policy changes that help detect fraud");
    const leader = `/series/${SERIES}/leader`;
    expect((await lan.getHtml(leader)).html).toContain(`<span lang="vi">${DEMO_REASON.vi}</span>`);
    const event = withDb(server.dbPath, (db) =>
      db.prepare("SELECT id FROM commitment_events WHERE commitment_id = ? AND kind = 'status' AND reason IS NOT NULL ORDER BY id DESC LIMIT 1").get(blocked),
    ) as { id: number };
    const revised = "Đang chờ Hải quan Trung Quốc ban hành quy định mới về quản lý rủi ro.";
    const response = await lan.postForm(`/commitments/${blocked}`, { intent: "translation", field: "reason", eventId: String(event.id), language: "vi", text: revised, seenBase: DEMO_REASON.en });
    expect(response.status).toBe(200);
    const html = (await lan.getHtml(leader)).html;
    expect(html).toContain(`<span lang="vi">${revised}</span>`);
    // (The same words stay as its latest progress note, which the reason was given with.)
    expect(html).not.toMatch(new RegExp(`class="status-reason"><strong>[^<]*</strong>(<!-- -->| )*<span lang="vi">${DEMO_REASON.vi}`));
  });
});
