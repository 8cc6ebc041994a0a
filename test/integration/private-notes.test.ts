import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { privateNotesDocName } from "../../app/collab/doc-names";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, loadStoredDoc, rawSocket, until, waitSynced, type CollabClient } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// A delegation's own notes: only members of that agency in the series open
// them; everyone else is answered as for a document that does not exist, and
// what they hold never appears in any page, search, export or API answer.
const SERIES = "vn-cn-anti-smuggling";
const SECRET = "Lập trường nội bộ: không nhượng bộ về điểm 3";

let server: TestServer;
const people = new Map<string, HttpClient>();
let conferenceId: number;
let vnc: number;
let gacc: number;
const clients: CollabClient[] = [];

const as = (email: string) => people.get(email)!;

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_PROJECTION_DELAY_MS: "50" } });
  for (const email of ["lan.nguyen@vnc.test", "minh.tran@vnc.test", "hung.pham@vnc.test", "zhang.wei@gacc.test", "li.na@gacc.test", "admin@accord.test", "mai.hoang@langson.test"]) {
    people.set(email, await new HttpClient(server.url).signIn(email, DEMO_PASSWORD));
  }
  ({ id: conferenceId } = await conferenceDocName(as("lan.nguyen@vnc.test"), SERIES, 18));
  [vnc, gacc] = withDb(server.dbPath, (db) =>
    ["VNC", "GACC"].map((code) => (db.prepare("SELECT id FROM agencies WHERE code = ?").get(code) as { id: number }).id),
  );
});

afterAll(() => {
  for (const c of clients) c.destroy();
});

async function upgrade(email: string | null, docName: string): Promise<number> {
  const opened = await rawSocket(server, docName, { cookie: email ? cookieHeader(as(email)) : undefined });
  if ("ws" in opened) opened.ws.close();
  return opened.status;
}

describe("a delegation's private notes", () => {
  it("open for every member of that agency in the series, whatever the role, and for no one else", async () => {
    const ours = privateNotesDocName(conferenceId, vnc);
    for (const email of ["lan.nguyen@vnc.test", "minh.tran@vnc.test", "hung.pham@vnc.test"]) expect(await upgrade(email, ours), email).toBe(101);
    for (const email of ["zhang.wei@gacc.test", "li.na@gacc.test", "admin@accord.test", "mai.hoang@langson.test"]) expect(await upgrade(email, ours), email).toBe(403);
    expect(await upgrade(null, ours)).toBe(401);
    // Guessing tells nothing: another party's notes, an agency that is not a party, a conference that does not exist.
    const guesses = [privateNotesDocName(conferenceId, vnc), privateNotesDocName(conferenceId, 999), privateNotesDocName(999_999, vnc)];
    expect(await Promise.all(guesses.map((name) => upgrade("zhang.wei@gacc.test", name)))).toEqual([403, 403, 403]);
  });

  it("reach the delegation's other members live, and appear nowhere else", async () => {
    const ours = privateNotesDocName(conferenceId, vnc);
    const lan = connectCollab(server, ours, { cookie: cookieHeader(as("lan.nguyen@vnc.test")) });
    const minh = connectCollab(server, ours, { cookie: cookieHeader(as("minh.tran@vnc.test")) });
    clients.push(lan, minh);
    await Promise.all([waitSynced(lan), waitSynced(minh)]);
    lan.doc.transact(() => {
      const note = new Y.XmlFragment();
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(SECRET)]);
      note.insert(0, [paragraph]);
      lan.doc.getMap("notes").set("conference", note);
    });
    await until(() => (minh.doc.getMap("notes").get("conference") as Y.XmlFragment | undefined)?.toString().includes(SECRET) === true, "the note to reach Minh");
    await lan.waitStored("the note to be stored");
    expect(loadStoredDoc(server.dbPath, ours).getMap("notes").toJSON().conference).toContain(SECRET);

    // The other party's own notes document does not hold it.
    const theirs = connectCollab(server, privateNotesDocName(conferenceId, gacc), { cookie: cookieHeader(as("zhang.wei@gacc.test")) });
    clients.push(theirs);
    await waitSynced(theirs);
    expect(JSON.stringify(theirs.doc.getMap("notes").toJSON())).not.toContain(SECRET);

    // Not in any page, search, export or API answer, for either party.
    const s = `/series/${SERIES}`;
    for (const email of ["lan.nguyen@vnc.test", "zhang.wei@gacc.test"]) {
      for (const path of [`${s}/conferences/18`, `/api/v1/conferences/${conferenceId}`, `/search?q=${encodeURIComponent("nhượng bộ")}`, `${s}/commitments.csv`, `${s}/briefing`, `${s}/calendar.ics`]) {
        const body = await (await as(email).get(path)).text();
        expect(body.includes(SECRET), `${email} ${path}`).toBe(false);
      }
    }
  });

  it("take only notes: one rich text per key, nothing else", async () => {
    const ours = privateNotesDocName(conferenceId, vnc);
    const opened = await rawSocket(server, ours, { cookie: cookieHeader(as("lan.nguyen@vnc.test")) });
    if (!("ws" in opened)) throw new Error("refused");
    const doc = new Y.Doc();
    doc.getMap("notes").set("conference", "a plain value" as never);
    const update = Y.encodeStateAsUpdate(doc);
    const closed = new Promise<number>((resolve) => opened.ws.once("close", (code) => resolve(code)));
    const header = [0, 2, update.byteLength];
    opened.ws.send(Buffer.concat([Buffer.from(header), Buffer.from(update)]));
    expect(await closed).toBe(4400);
  });
});
