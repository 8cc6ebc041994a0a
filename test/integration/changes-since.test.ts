import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { agendaOf } from "../../app/collab/conference-doc";
import type { ChangesSinceView } from "../../app/components/changes-since";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, waitSynced, type CollabClient } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { onlyLanguageAuthentic } from "../helpers/series-setup";
import { startServer, type TestServer } from "../helpers/server";

// "Changes since your last visit" is asked for apart from the workspace and
// kept between asks: asking again while nobody edits gives the same answer,
// and a new edit by the other party shows up in the next answer at once.
const SERIES = "vn-cn-anti-smuggling";
const CHANGES = `/series/${SERIES}/conferences/18/changes`;

let server: TestServer;
let lan: HttpClient;
let zhang: HttpClient;
let docName: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer();
  onlyLanguageAuthentic(server.dbPath, SERIES, "en");
  lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
  zhang = await new HttpClient(server.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
  ({ docName } = await conferenceDocName(lan, SERIES, 18));
});

afterAll(() => {
  for (const c of clients) c.destroy();
});

const titleOf = (doc: Y.Doc, index: number) => [...agendaOf(doc).values()][index].get("title") as Y.Text;
const gacc = (changes: ChangesSinceView) => changes.byParty.find((row) => row.party === "GACC");

async function changes(who: HttpClient) {
  const { status, contentType, body } = await who.getJson<ChangesSinceView>(CHANGES);
  expect(status).toBe(200);
  expect(contentType).toMatch(/^application\/json/);
  return body;
}

describe("changes since the last visit", () => {
  it("starts a reader's changes from their first visit", async () => {
    const first = await changes(lan);
    expect(first.since).toBeNull();
    expect(first.entries).toEqual([]);
    const again = await changes(lan);
    expect(again.since).not.toBeNull();
    expect(again.entries).toEqual([]);
  });

  it("shows a new edit by the other party in the next answer, and keeps the answer while nobody edits", async () => {
    const cn = connectCollab(server, docName, { cookie: cookieHeader(zhang) });
    clients.push(cn);
    await waitSynced(cn);
    titleOf(cn.doc, 0).insert(0, "GACC: ");
    await cn.waitStored("GACC's first edit to be stored");

    const one = await changes(lan);
    expect(gacc(one)?.agenda.changed).toBe(1);
    expect(one.byParty.map((row) => row.party)).toEqual(["GACC"]);
    // Asked again with nothing new: the same answer.
    expect(await changes(lan)).toEqual(one);

    // Another item changed by GACC: the kept answer gives way.
    titleOf(cn.doc, 1).insert(0, "GACC again: ");
    await cn.waitStored("GACC's second edit to be stored");
    const two = await changes(lan);
    expect(gacc(two)?.agenda.changed).toBe(2);
    expect(two.since).toBe(one.since);

    // An edit within an item already changed: the answer follows the text too.
    titleOf(cn.doc, 1).insert(0, "[draft] ");
    await cn.waitStored("GACC's third edit to be stored");
    const three = await changes(lan);
    expect(JSON.stringify(three.entries)).toContain("[draft] ");
    expect(JSON.stringify(two.entries)).not.toContain("[draft] ");
  });

  it("starts again from what the reader marked seen", async () => {
    expect((await lan.postForm(`/series/${SERIES}/conferences/18/seen`, {})).status).toBe(303);
    const after = await changes(lan);
    expect(after.since).not.toBeNull();
    expect(after.entries).toEqual([]);
    // …and the other party's next edit is news again.
    const cn = clients[0];
    titleOf(cn.doc, 2).insert(0, "GACC later: ");
    await cn.waitStored("GACC's edit after the mark");
    expect(gacc(await changes(lan))?.agenda.changed).toBe(1);
  });

  it("is refused to someone outside the series and to someone signed out", async () => {
    const outsider = await new HttpClient(server.url).signIn("mai.hoang@langson.test", DEMO_PASSWORD);
    expect((await outsider.get(CHANGES)).status).toBe(404);
    const anonymous = await new HttpClient(server.url).get(CHANGES);
    expect([302, 303]).toContain(anonymous.status);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
  });
});
