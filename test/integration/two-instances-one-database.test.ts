import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, loadStoredDoc, prepareScratch, scratchText, until, waitSynced } from "../helpers/collab";
import { HttpClient, htmlText } from "../helpers/http";
import { pdfBytes } from "../helpers/pdf";
import { onPostgres } from "../helpers/postgres-db";
import { startServer, type TestServer } from "../helpers/server";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";

// Two Accord processes on one PostgreSQL database, as two instances behind a
// load balancer would be (without the relay between their live documents,
// which is the next step of issue 15): whatever one stores, the other reads.
// Only in test:pg runs; SQLite is one process by design.
const SLUG = "vn-cn-anti-smuggling";
let a: TestServer;
let b: TestServer;

describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    a = await startServer();
    // Started after A has migrated and loaded the demo, as a second instance joining would be.
    b = await startServer({ dbPath: a.dbPath });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("accepts on B a session signed in on A, and ends it on both when it ends on one", async () => {
    const lan = await new HttpClient(a.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const cookie = cookieHeader(lan);
    const onB = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { email: string }).email).toBe("lan.nguyen@vnc.test");
    const out = await lan.postForm("/logout", {});
    expect([200, 303]).toContain(out.status);
    expect((await fetch(`${b.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("creates a conference number once when A and B are asked for it at the same moment", async () => {
    const lanA = await new HttpClient(a.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const zhangB = await new HttpClient(b.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
    const form = (title: string) => ({ number: "77", title, startsOn: "2031-03-01", endsOn: "2031-03-02", format: "online", venue: "", hostAgencyId: "" });
    const [first, second] = await Promise.all([
      lanA.postForm(`/series/${SLUG}/conferences/new`, form("Seventy-seventh (A)")),
      zhangB.postForm(`/series/${SLUG}/conferences/new`, form("Seventy-seventh (B)")),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([303, 400]);
    const refused = first.status === 400 ? first : second;
    // In the refused person's own language (their account's): Lan reads Vietnamese, Zhang Chinese.
    const message = refused === first ? vi.errors.conferenceNumberTaken : zh.errors.conferenceNumberTaken;
    expect(htmlText(await refused.text())).toContain(message);
    const { body } = await lanA.getJson<{ conferences: { number: number }[] }>(`/api/v1/series/${SLUG}`);
    expect(body.conferences.filter((c) => c.number === 77)).toHaveLength(1);
  });

  it("serves from B an agreement document uploaded on A", async () => {
    const lanA = await new HttpClient(a.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const minhB = await new HttpClient(b.url).signIn("minh.tran@vnc.test", DEMO_PASSWORD);
    const { body: agreements } = await lanA.getJson<{ id: number }[]>(`/api/v1/series/${SLUG}/agreements`);
    const path = `/series/${SLUG}/agreements/${agreements[0].id}`;
    const bytes = pdfBytes("Signed on instance A");
    const form = new FormData();
    form.append("intent", "upload");
    form.append("document", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), "signed.pdf");
    const uploaded = await lanA.request(path, { method: "POST", body: form, headers: { origin: lanA.origin } });
    expect(uploaded.status).toBe(200);
    const download = await minhB.get(`${path}/document`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it("gives a late joiner on B everything an editor on A had stored", async () => {
    const lanA = await new HttpClient(a.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const zhangB = await new HttpClient(b.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
    const { docName } = await conferenceDocName(lanA, SLUG, 18);
    await prepareScratch(a, docName, cookieHeader(lanA));
    const writer = connectCollab(a, docName, { cookie: cookieHeader(lanA) });
    await waitSynced(writer);
    const text = scratchText(writer.doc);
    for (let i = 0; i < 20; i += 1) text.insert(text.length, `a${i};`);
    // Stored by A (read straight from PostgreSQL), then B loads it from there.
    await until(() => scratchText(loadStoredDoc(a.dbPath, docName)).toString().includes("a19;"), "A to store the edits");
    const reader = connectCollab(b, docName, { cookie: cookieHeader(zhangB) });
    await waitSynced(reader);
    expect(scratchText(reader.doc).toString()).toContain("a19;");
    writer.destroy();
    reader.destroy();
  });
});
