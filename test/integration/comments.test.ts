import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaOf } from "../../app/collab/conference-doc";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, until, waitSynced, type CollabClient } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Comments beside the agenda and commitments: anyone who may read may
// comment, secretariats resolve, @mentions are kept, and open screens learn
// of a new comment at once. None of it is in the record.
const SERIES = "vn-cn-anti-smuggling";
const WORKSPACE = `/series/${SERIES}/conferences/18?index`;

let server: TestServer;
const people = new Map<string, HttpClient>();
let itemId: string;
let docName: string;
const clients: CollabClient[] = [];
const as = (email: string) => people.get(email)!;

beforeAll(async () => {
  // The notifier scans often here, so that a mention is told within the test.
  server = await startServer({ env: { ACCORD_NOTIFY_INTERVAL_MS: "200" } });
  for (const email of ["lan.nguyen@vnc.test", "hung.pham@vnc.test", "li.na@gacc.test", "mai.hoang@langson.test"]) {
    people.set(email, await new HttpClient(server.url).signIn(email, DEMO_PASSWORD));
  }
  ({ docName } = await conferenceDocName(as("lan.nguyen@vnc.test"), SERIES, 18));
  const reader = connectCollab(server, docName, { cookie: cookieHeader(as("lan.nguyen@vnc.test")) });
  clients.push(reader);
  await waitSynced(reader);
  itemId = [...agendaOf(reader.doc).keys()][0];
});

afterAll(() => {
  for (const c of clients) c.destroy();
});

const comments = () =>
  withDb(server.dbPath, (db) => db.prepare("SELECT id, target, parent_id, body, resolved_at FROM comments ORDER BY id").all() as { id: number; target: string; parent_id: number | null; body: string; resolved_at: string | null }[]);

describe("comments on an agenda", () => {
  it("are written by any member who can read it, an observer included, and reach open screens at once", async () => {
    const watcher = connectCollab(server, docName, { cookie: cookieHeader(as("li.na@gacc.test")) });
    clients.push(watcher);
    await waitSynced(watcher);
    const response = await as("hung.pham@vnc.test").postForm(WORKSPACE, { intent: "comment", target: `item:${itemId}`, body: "Cần số liệu mới nhất, @李娜 có thể gửi trước không?", parentId: "" });
    expect(response.status).toBe(200);
    expect(comments().at(-1)).toMatchObject({ target: `item:${itemId}`, parent_id: null });
    await until(() => watcher.notices.some((n) => n.kind === "comments"), "open screens to be told");
    // The mention names a person of the series.
    const mentioned = withDb(server.dbPath, (db) => db.prepare("SELECT users.email FROM comment_mentions JOIN users ON users.id = comment_mentions.user_id").all() as { email: string }[]);
    expect(mentioned.map((m) => m.email)).toEqual(["li.na@gacc.test"]);
    // The person named is told (in the app; no SMTP here).
    await until(
      () =>
        withDb(server.dbPath, (db) =>
          db.prepare("SELECT count(*) AS n FROM notifications JOIN users ON users.id = notifications.user_id WHERE users.email = 'li.na@gacc.test' AND notifications.kind = 'mentioned'").get() as { n: number },
        ).n === 1,
      "the mention to be notified",
    );
    // And the page shows it.
    const page = await as("li.na@gacc.test").getHtml(`/series/${SERIES}/conferences/18`);
    expect(page.html).toContain("Cần số liệu mới nhất");
  });

  it("are refused to someone outside the series, and resolving is for secretariats", async () => {
    const outsider = await as("mai.hoang@langson.test").postForm(WORKSPACE, { intent: "comment", target: `item:${itemId}`, body: "Outside", parentId: "" });
    expect(outsider.status).toBe(404);
    const [thread] = comments();
    const byDelegate = await as("li.na@gacc.test").postForm(WORKSPACE, { intent: "resolveComment", commentId: String(thread.id) });
    expect(byDelegate.status).toBe(403);
    expect(comments()[0].resolved_at).toBeNull();
    // A reply, then the secretariat resolves the thread.
    expect((await as("li.na@gacc.test").postForm(WORKSPACE, { intent: "comment", target: `item:${itemId}`, body: "Sẽ gửi trước thứ Sáu.", parentId: String(thread.id) })).status).toBe(200);
    expect((await as("lan.nguyen@vnc.test").postForm(WORKSPACE, { intent: "resolveComment", commentId: String(thread.id) })).status).toBe(200);
    expect(comments()[0].resolved_at).not.toBeNull();
    expect(comments()[1]).toMatchObject({ parent_id: thread.id });
  });

  it("refuse empty, oversized and misplaced comments with a message, never a 500", async () => {
    const cases = [
      { target: `item:${itemId}`, body: "   ", parentId: "" },
      { target: `item:${itemId}`, body: "x".repeat(4001), parentId: "" },
      { target: "commitment", body: "On the conference page", parentId: "" },
      { target: "item:<script>", body: "Bad target", parentId: "" },
      { target: `action:${itemId}`, body: "Reply across targets", parentId: String(comments()[0].id) },
    ];
    const before = comments().length;
    for (const fields of cases) {
      const response = await as("lan.nguyen@vnc.test").postForm(WORKSPACE, { intent: "comment", ...fields });
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
    }
    expect(comments().length).toBe(before);
  });

  it("stay out of the adopted record", async () => {
    const lan = as("lan.nguyen@vnc.test");
    expect((await lan.postForm(`/series/${SERIES}/conferences/18/lifecycle`, { intent: "open" })).status).toBe(303);
    const concluded = await lan.postForm(`/series/${SERIES}/conferences/18/lifecycle`, { intent: "conclude" });
    expect(concluded.headers.get("location")).toBe(`/series/${SERIES}/conferences/18/record`);
    const markdown = await (await lan.get(`/series/${SERIES}/conferences/18/record.md`)).text();
    expect(markdown).not.toContain("Cần số liệu mới nhất");
  });
});

describe("comments on a commitment", () => {
  it("are posted on its page by a delegate and listed there", async () => {
    const { body } = await as("lan.nguyen@vnc.test").getJson<{ id: number }[]>(`/api/v1/series/${SERIES}/commitments`);
    const id = body[0].id;
    const response = await as("li.na@gacc.test").postForm(`/commitments/${id}`, { intent: "comment", target: "commitment", body: "Đã gửi báo cáo quý.", parentId: "" });
    expect(response.status).toBe(200);
    const page = await as("hung.pham@vnc.test").getHtml(`/commitments/${id}`);
    expect(page.html).toContain("Đã gửi báo cáo quý.");
    const wrongTarget = await as("li.na@gacc.test").postForm(`/commitments/${id}`, { intent: "comment", target: `item:${itemId}`, body: "Misplaced", parentId: "" });
    expect(wrongTarget.status).toBe(400);
  });
});
