import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { agendaOf } from "../../app/collab/conference-doc";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, until, waitSynced, type CollabClient } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { onlyLanguageAuthentic } from "../helpers/series-setup";
import { startServer, type TestServer } from "../helpers/server";
import { openInLibreOffice } from "../helpers/libreoffice";
import { readZip } from "../helpers/zip";

// Every edit names who made it: two secretariats of two parties co-edit
// through real y-websocket clients; the server binds each client to its
// person, keeps who deleted what, keeps both through compaction, attributes a
// restore to the secretariat who ran it, and shows it all in the redline, in
// Word's tracked changes and in "changes since your last visit".
const SERIES = "vn-cn-anti-smuggling";
const BASE = `/series/${SERIES}/conferences/18`;

let server: TestServer;
let lan: HttpClient;
let zhang: HttpClient;
let minh: HttpClient;
let docName: string;
let ids: { lan: string; zhang: string };
const clients: CollabClient[] = [];

beforeAll(async () => {
  // Compacting every few updates, so that attribution must survive folding.
  server = await startServer({ env: { COLLAB_COMPACT_EVERY: "4" } });
  // This test edits the demo's English texts through a bare Yjs client, which leaves their Vietnamese
  // and Chinese out of line; it is about attribution, not languages, so English alone is authentic here.
  onlyLanguageAuthentic(server.dbPath, SERIES, "en");
  lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
  zhang = await new HttpClient(server.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
  minh = await new HttpClient(server.url).signIn("minh.tran@vnc.test", DEMO_PASSWORD);
  ({ docName } = await conferenceDocName(lan, SERIES, 18));
  ids = {
    lan: (await lan.getJson<{ id: string }>("/api/v1/me")).body.id,
    zhang: (await zhang.getJson<{ id: string }>("/api/v1/me")).body.id,
  };
});

afterAll(() => {
  for (const c of clients) c.destroy();
});

const db = <T>(sql: string, ...args: unknown[]) => withDb(server.dbPath, (d) => d.prepare(sql).all(...args) as T[]);
const YApply = (to: Y.Doc, from: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const firstTitle = (doc: Y.Doc) => [...agendaOf(doc).values()][0].get("title") as Y.Text;

async function edit(client: CollabClient, change: () => void) {
  change();
  await client.waitStored("the edit to be stored");
}

async function connect(who: HttpClient) {
  const client = connectCollab(server, docName, { cookie: cookieHeader(who) });
  clients.push(client);
  await waitSynced(client);
  return client;
}

let versionId: number;

describe("attribution of edits", () => {
  it("binds each client to the person who sent its edits and keeps who deleted what, through compaction", async () => {
    // Lan's first visit to the workspace is where her "changes since" starts (the workspace asks for it once on screen).
    expect((await lan.getHtml(BASE)).status).toBe(200);
    expect((await lan.getJson(`${BASE}/changes`)).body).toMatchObject({ since: null });
    const vn = await connect(lan);
    const cn = await connect(zhang);
    await edit(vn, () => firstTitle(vn.doc).insert(0, "Joint drug operation: "));
    await until(() => firstTitle(cn.doc).toString().startsWith("Joint drug operation: "), "the GACC client to see it");
    expect((await lan.postForm(`${BASE}/versions`, { name: "Sent to GACC for comments" })).status).toBe(200);
    versionId = db<{ id: number }>("SELECT id FROM document_versions WHERE name = ?", "Sent to GACC for comments")[0].id;

    // GACC replaces "drug" by "wildlife", then a few more edits so the log compacts.
    await edit(cn, () => {
      const title = firstTitle(cn.doc);
      const at = title.toString().indexOf("drug");
      cn.doc.transact(() => {
        title.delete(at, "drug".length);
        title.insert(at, "wildlife");
      });
    });
    for (let i = 0; i < 6; i++) await edit(vn, () => firstTitle(vn.doc).insert(firstTitle(vn.doc).length, i === 0 ? " — VN" : "."));
    await until(() => db("SELECT 1 FROM collab_snapshots WHERE doc_name = ?", docName).length > 0, "a compaction");

    const bound = db<{ client_id: number; user_id: string; relayed: number }>("SELECT client_id, user_id, relayed FROM collab_clients WHERE doc_name = ?", docName);
    expect(bound).toContainEqual({ client_id: vn.doc.clientID, user_id: ids.lan, relayed: 0 });
    expect(bound).toContainEqual({ client_id: cn.doc.clientID, user_id: ids.zhang, relayed: 0 });
    const deleters = db<{ user_id: string }>("SELECT user_id FROM collab_deletions WHERE doc_name = ?", docName);
    expect(deleters.map((d) => d.user_id)).toEqual([ids.zhang]);

    // The redline, read after compaction folded the updates, names both.
    const { html } = await minh.getHtml(`${BASE}/versions/compare?from=${versionId}&to=now`);
    expect(html).toMatch(/<del class="party-tone-1"[^>]*data-author="张伟 \(GACC\)">drug<\/del>/);
    expect(html).toMatch(/<ins class="party-tone-1"[^>]*data-author="张伟 \(GACC\)">wildlife<\/ins>/);
    expect(html).toMatch(/<ins class="party-tone-0"[^>]*data-author="Nguyễn Thị Lan \(VNC\)"> — VN\.{5}<\/ins>/);
  });

  it("takes edits of someone else's client re-uploaded by another (decision 0007), and gives them back to their author once it speaks", async () => {
    const vn = clients[0];
    // Zhang's second tab edits offline; its edits reach Lan's client first (as a reconnecting peer would pass them on).
    const offline = connectCollab(server, docName, { cookie: cookieHeader(zhang), connect: false });
    clients.push(offline);
    YApply(offline.doc, vn.doc);
    firstTitle(offline.doc).insert(0, "[GACC] ");
    await edit(vn, () => YApply(vn.doc, offline.doc));
    const binding = () => db<{ user_id: string; relayed: number }>("SELECT user_id, relayed FROM collab_clients WHERE doc_name = ? AND client_id = ?", docName, offline.doc.clientID)[0];
    // Lan's client sends no edit of its own here, so its "stored" acknowledgement may come before this row is written.
    await until(() => binding() !== undefined, "the re-uploaded client to be bound");
    expect(binding()).toEqual({ user_id: ids.lan, relayed: 1 });
    // Zhang's tab comes online and edits: the client is his.
    offline.provider.connect();
    await waitSynced(offline);
    await edit(offline, () => firstTitle(offline.doc).insert(firstTitle(offline.doc).length, "!"));
    await until(() => binding().user_id === ids.zhang, "the client to be bound to its author");
    expect(binding()).toEqual({ user_id: ids.zhang, relayed: 0 });
    // Put the title back as it was for the tests that follow.
    await edit(offline, () => {
      const title = firstTitle(offline.doc);
      title.delete(title.length - 1, 1);
      title.delete(0, "[GACC] ".length);
    });
    await until(() => !firstTitle(vn.doc).toString().startsWith("[GACC]"), "Lan's client to see it");
  });

  it("exports the redline as Word with tracked changes by author and party", async () => {
    // One download per language, the document's own first.
    const page = (await minh.getHtml(`${BASE}/versions/compare?from=${versionId}&to=now`)).html;
    const links = [...page.matchAll(/href="([^"]*compare\.docx[^"]*)"/g)].map((m) => m[1].replaceAll("&amp;", "&"));
    expect(links.length).toBeGreaterThanOrEqual(2);
    const response = await minh.get(links[0]);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const docx = Buffer.from(await response.arrayBuffer());
    const xml = readZip(docx).get("word/document.xml")!.toString("utf8");
    expect(xml).toMatch(/<w:del w:id="\d+" w:author="张伟 \(GACC\)" w:date="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"><w:r><w:delText xml:space="preserve">drug<\/w:delText><\/w:r><\/w:del>/);
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="张伟 \(GACC\)" w:date="[^"]+"><w:r><w:t xml:space="preserve">wildlife<\/w:t><\/w:r><\/w:ins>/);
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Nguyễn Thị Lan \(VNC\)"/);

    // LibreOffice reads them as tracked changes, each with its author and party.
    const opened = openInLibreOffice(docx, "redline");
    // Each change: its kind and author in the tracked-changes list, its words between markers in the text.
    const regions = [...opened.matchAll(/<text:changed-region[^>]*text:id="([^"]+)"[^>]*>(.*?)<\/text:changed-region>/gs)];
    const changes = regions.map(([, id, region]) => ({
      kind: /<text:(insertion|deletion)>/.exec(region)?.[1],
      author: /<dc:creator>([^<]*)<\/dc:creator>/.exec(region)?.[1],
      words: new RegExp(`<text:change-start text:change-id="${id}"/>(.*?)<text:change-end text:change-id="${id}"/>`, "s").exec(opened)?.[1]?.replace(/<[^>]+>/g, ""),
    }));
    expect(changes).toContainEqual({ kind: "deletion", author: "张伟 (GACC)", words: "drug" });
    expect(changes).toContainEqual({ kind: "insertion", author: "张伟 (GACC)", words: "wildlife" });
    expect(changes).toContainEqual(expect.objectContaining({ kind: "insertion", author: "Nguyễn Thị Lan (VNC)" }));
  });

  it("shows a reader what the others changed since their last visit, until they mark it seen", async () => {
    // The workspace asks for them apart (the browser test shows them in Lan's Vietnamese).
    type Since = { since: string | null; entries: unknown[]; byParty: { party: string | null; agenda: { changed: number } }[] };
    const since = (await lan.getJson<Since>(`${BASE}/changes`)).body;
    expect(since.since).not.toBeNull();
    // Her own edits she knows; GACC's change of the first item is what she is told.
    expect(since.byParty).toEqual([expect.objectContaining({ party: "GACC", agenda: expect.objectContaining({ changed: 1 }) })]);
    const marked = await lan.postForm(`${BASE}/seen`, {});
    expect(marked.status).toBe(303);
    const after = (await lan.getJson<Since>(`${BASE}/changes`)).body;
    expect(after.since).not.toBeNull();
    expect(after.entries).toEqual([]);
  });

  it("lets a secretariat restore an item from a version, as a new edit in their name; refused to a delegate", async () => {
    const cn = clients[1];
    // GACC removes the first item altogether.
    const firstId = [...agendaOf(cn.doc).keys()].find((id) => firstTitle(cn.doc) === agendaOf(cn.doc).get(id)!.get("title"))!;
    await edit(cn, () => agendaOf(cn.doc).delete(firstId));

    expect((await minh.postForm(`${BASE}/versions/${versionId}`, { intent: "restoreEntry", list: "agenda", id: firstId })).status).toBe(403);
    expect((await lan.postForm(`${BASE}/versions/${versionId}`, { intent: "restoreEntry", list: "agenda", id: "nonexistent" })).status).toBe(400);
    const restored = await lan.postForm(`${BASE}/versions/${versionId}`, { intent: "restoreEntry", list: "agenda", id: firstId });
    expect(restored.status).toBe(200);
    const vn = clients[0];
    await until(() => (agendaOf(vn.doc).get(firstId)?.get("title") as Y.Text | undefined)?.toString().startsWith("Joint drug operation") === true, "the restored item to reach the client");

    // The restore was made under a client id of its own, bound to Lan, and it is in the audit.
    const bindings = db<{ client_id: number; user_id: string }>("SELECT client_id, user_id FROM collab_clients WHERE doc_name = ? AND user_id = ?", docName, ids.lan);
    expect(bindings.map((b) => b.client_id)).toContain(vn.doc.clientID);
    expect(bindings.length).toBeGreaterThanOrEqual(2);
    expect(db("SELECT 1 FROM audit_events WHERE kind = 'conference.restored'")).toHaveLength(1);
    // Against the version, the restored item reads unchanged; against GACC's deletion, it is Lan's.
    const redline = (await minh.getHtml(`${BASE}/versions/compare?from=${versionId}&to=now`)).html;
    expect(redline).not.toMatch(/is-removed/);
    expect(redline).not.toContain(">drug</del>");
  });

  it("refuses a restore once the record is adopted", async () => {
    expect((await lan.postForm(`${BASE}/lifecycle`, { intent: "open" })).status).toBe(303);
    expect((await lan.postForm(`${BASE}/lifecycle`, { intent: "conclude" })).status).toBe(303);
    const after = await lan.postForm(`${BASE}/versions/${versionId}`, { intent: "restoreAll" });
    expect(after.status).toBe(400);
    expect(htmlText(await after.text())).toContain("Hội nghị này đã bế mạc.");
    expect(db("SELECT 1 FROM audit_events WHERE kind = 'conference.restored'")).toHaveLength(1);
  });
});
