import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, loadStoredDoc, prepareScratch, scratchText, storedUpdateCount, until, waitSynced, type CollabClient } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// A document read back from storage answers its opener's first sync from the
// stored bytes and is built in memory right after: whoever connects in that
// window, with or without a copy of their own, must end up with the same
// document as the database.

let server: TestServer;
let lan: HttpClient;
let zhang: HttpClient;
let hung: HttpClient; // observer: reads only
let docName: string;
const clients: CollabClient[] = [];

function open(client: HttpClient) {
  const c = connectCollab(server, docName, { cookie: cookieHeader(client) });
  clients.push(c);
  return c;
}

async function closeAndWaitForUnload(...cs: CollabClient[]) {
  for (const c of cs) c.destroy();
  // Unloaded documents are compacted: the update log empties.
  await until(() => storedUpdateCount(server.dbPath, docName) === 0, "the document to be unloaded and compacted");
}

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_IDLE_UNLOAD_MS: "100", ACCORD_DIAGNOSTICS: "1" } });
  lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
  zhang = await new HttpClient(server.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
  hung = await new HttpClient(server.url).signIn("hung.pham@vnc.test", DEMO_PASSWORD);
  ({ docName } = await conferenceDocName(lan, "vn-cn-anti-smuggling", 18));
  await prepareScratch(server, docName, cookieHeader(lan));
  await until(() => storedUpdateCount(server.dbPath, docName) === 0, "the document to be unloaded and compacted");
});

afterAll(() => {
  for (const c of clients) c.destroy();
});

describe("opening a document that is only in storage", () => {
  it("gives clients who open it together the stored document, and their first edits reach each other and the database", async () => {
    const writer = open(lan);
    await waitSynced(writer);
    scratchText(writer.doc).insert(0, "Stored before anyone reopened it. ");
    await until(() => scratchText(loadStoredDoc(server.dbPath, docName)).toString().startsWith("Stored before"), "the edit to be stored");
    const expected = scratchText(writer.doc).toString();
    await closeAndWaitForUnload(writer);

    const [b, c] = [open(lan), open(zhang)];
    await Promise.all([waitSynced(b), waitSynced(c)]);
    expect(scratchText(b.doc).toString()).toBe(expected);
    expect(scratchText(c.doc).toString()).toBe(expected);

    scratchText(b.doc).insert(0, "B: ");
    scratchText(c.doc).insert(0, "C: ");
    await until(() => scratchText(b.doc).toString() === scratchText(c.doc).toString() && scratchText(b.doc).length === expected.length + 6, "B and C to converge");

    const late = open(zhang);
    await waitSynced(late);
    await until(() => scratchText(late.doc).toString() === scratchText(b.doc).toString(), "a later client to see everything");
    await until(() => scratchText(loadStoredDoc(server.dbPath, docName)).toString() === scratchText(b.doc).toString(), "the database to hold it all");
    await closeAndWaitForUnload(b, c, late);
  });

  it("serves readers from the stored bytes without building it in memory; the first writer builds it", async () => {
    const documents = async () => {
      const { hub } = (await (await fetch(`${server.url}/internal/diagnostics`)).json()) as { hub: { loadedDocuments: number; builtDocuments: number } };
      return { loaded: hub.loadedDocuments, built: hub.builtDocuments };
    };
    const expected = scratchText(loadStoredDoc(server.dbPath, docName)).toString();
    expect(expected.length).toBeGreaterThan(0);
    const before = await documents();

    const reader = open(hung);
    await waitSynced(reader);
    expect(scratchText(reader.doc).toString()).toBe(expected);
    // Longer than a writer's grace period before its document is built.
    await new Promise((r) => setTimeout(r, 300));
    expect(await documents()).toEqual({ loaded: before.loaded + 1, built: before.built });

    const writer = open(lan);
    await waitSynced(writer);
    await expect.poll(async () => (await documents()).built, { timeout: 10_000 }).toBe(before.built + 1);
    scratchText(writer.doc).insert(0, "Read live: ");
    await until(() => scratchText(reader.doc).toString() === scratchText(writer.doc).toString(), "the reader to follow the writer");
    await closeAndWaitForUnload(reader, writer);
  });

  it("sends a client that already holds part of it only what it lacks, and takes its offline edits", async () => {
    const stored = loadStoredDoc(server.dbPath, docName);
    // A browser's offline copy: the stored state plus an edit the server has never seen.
    const offline = open(lan);
    offline.provider.disconnect();
    Y.applyUpdate(offline.doc, Y.encodeStateAsUpdate(stored));
    scratchText(offline.doc).insert(0, "Typed offline. ");
    const expected = scratchText(offline.doc).toString();
    offline.provider.connect();
    await waitSynced(offline);

    const other = open(zhang);
    await waitSynced(other);
    await until(() => scratchText(other.doc).toString() === expected, "the offline edit to reach another client");
    await until(() => scratchText(loadStoredDoc(server.dbPath, docName)).toString() === expected, "the offline edit to be stored");
  });

  it("serves a concluded conference as stored to a secretariat opening it cold, and never takes her edits", async () => {
    const { docName: record } = await conferenceDocName(lan, "vn-cn-anti-smuggling", 17);
    const stored = loadStoredDoc(server.dbPath, record);
    const rows = storedUpdateCount(server.dbPath, record);
    const secretariat = connectCollab(server, record, { cookie: cookieHeader(lan) });
    clients.push(secretariat);
    await waitSynced(secretariat);
    expect(Y.encodeStateVector(secretariat.doc)).toEqual(Y.encodeStateVector(stored));
    expect(secretariat.doc.getMap("agenda").size).toBe(stored.getMap("agenda").size);
    expect(secretariat.doc.getMap("agenda").size).toBeGreaterThan(0);

    secretariat.doc.getText("after-adoption").insert(0, "too late");
    const reader = connectCollab(server, record, { cookie: cookieHeader(hung) });
    clients.push(reader);
    await waitSynced(reader);
    await new Promise((r) => setTimeout(r, 300));
    expect(reader.doc.getText("after-adoption").toString()).toBe("");
    expect(storedUpdateCount(server.dbPath, record)).toBe(rows);
    secretariat.destroy();
    reader.destroy();
  });
});
