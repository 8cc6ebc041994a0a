import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { agendaOf } from "../../app/collab/conference-doc";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, waitSynced, type CollabClient } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { onlyLanguageAuthentic } from "../helpers/series-setup";

// Named versions of a conference's document: taken on demand by a
// secretariat, and by themselves when the session opens and at adoption;
// each shows the agenda exactly as it was, whatever came after.
const SERIES = "vn-cn-anti-smuggling";
const BASE = `/series/${SERIES}/conferences/18`;

let server: TestServer;
let lan: HttpClient;
let minh: HttpClient;
let docName: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer();
  // This test edits the demo's English texts through a bare Yjs client, which leaves their Vietnamese
  // and Chinese out of line; it is about versions, not languages, so English alone is authentic here.
  onlyLanguageAuthentic(server.dbPath, SERIES, "en");
  lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
  minh = await new HttpClient(server.url).signIn("minh.tran@vnc.test", DEMO_PASSWORD);
  ({ docName } = await conferenceDocName(lan, SERIES, 18));
});

afterAll(() => {
  for (const c of clients) c.destroy();
});

const versions = () => withDb(server.dbPath, (db) => db.prepare("SELECT id, name, kind FROM document_versions ORDER BY id").all() as { id: number; name: string; kind: string }[]);

describe("versions of a conference", () => {
  it("are taken by a secretariat, refused to a delegate, and show the agenda as it was", async () => {
    const writer = connectCollab(server, docName, { cookie: cookieHeader(lan) });
    clients.push(writer);
    await waitSynced(writer);
    const title = () => [...agendaOf(writer.doc).values()][0].get("title") as Y.Text;
    title().insert(0, "Before: ");
    await writer.waitStored("the edit to be stored");

    expect((await minh.postForm(`${BASE}/versions`, { name: "Delegate's version" })).status).toBe(403);
    expect((await lan.postForm(`${BASE}/versions`, { name: "   " })).status).toBe(400);
    expect((await lan.postForm(`${BASE}/versions`, { name: "Sent to GACC for comments" })).status).toBe(200);
    const [taken] = versions();
    expect(taken).toMatchObject({ name: "Sent to GACC for comments", kind: "manual" });

    // Later edits change the document, not the version.
    title().delete(0, "Before: ".length);
    title().insert(0, "After: ");
    await writer.waitStored("the later edit to be stored");
    const view = htmlText((await minh.getHtml(`${BASE}/versions/${taken.id}`)).html);
    expect(view).toContain("Before: ");
    expect(view).not.toContain("After: ");
    const list = htmlText((await minh.getHtml(`${BASE}/versions`)).html);
    expect(list).toContain("Sent to GACC for comments");
    expect(list).toContain("Nguyễn Thị Lan");
    // The redline from that version to now: the deletion struck, the insertion marked, each with its author and party.
    const redline = (await minh.getHtml(`${BASE}/versions/compare?from=${taken.id}&to=now`)).html;
    expect(redline).toMatch(/<del class="party-tone-0" title="Deleted by Nguyễn Thị Lan \(VNC\), [^"]+" data-author="Nguyễn Thị Lan \(VNC\)">Before: <\/del>/);
    expect(redline).toMatch(/<ins class="party-tone-0" title="Inserted by Nguyễn Thị Lan \(VNC\), [^"]+" data-author="Nguyễn Thị Lan \(VNC\)">After: <\/ins>/);
    expect((await minh.get(`${BASE}/versions/compare?from=999999`)).status).toBe(404);
    // Another conference's version is not found here.
    expect((await minh.get(`/series/${SERIES}/conferences/17/versions/${taken.id}`)).status).toBe(404);
  });

  it("are taken by themselves when the session opens and when the record is adopted", async () => {
    expect((await lan.postForm(`${BASE}/lifecycle`, { intent: "open" })).status).toBe(303);
    expect(versions().map((v) => v.kind)).toEqual(["manual", "opened"]);
    const concluded = await lan.postForm(`${BASE}/lifecycle`, { intent: "conclude" });
    expect(concluded.headers.get("location")).toBe(`${BASE}/record`);
    expect(versions().map((v) => v.kind)).toEqual(["manual", "opened", "adopted"]);
    const adopted = withDb(server.dbPath, (db) => db.prepare("SELECT v.sha256 AS v, r.sha256 AS r FROM document_versions v JOIN adopted_records r ON r.conference_id = v.conference_id WHERE v.kind = 'adopted'").get() as { v: string; r: string });
    expect(adopted.v).toBe(adopted.r);
  });
});
