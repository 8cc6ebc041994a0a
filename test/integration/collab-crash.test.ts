import { describe, expect, it } from "vitest";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, loadStoredDoc, prepareScratch, scratchText, until, waitSynced } from "../helpers/collab";
import { isPostgresUrl } from "../../db/dialect";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { startServer } from "../helpers/server";

const SERIES = "vn-cn-anti-smuggling";
const idsIn = (text: string) => new Set(text.split(";").filter((s) => s.startsWith("id-")));

describe("a crash while edits stream in", () => {
  it("loses no edit that any other client had received (kill -9, three times)", async () => {
    const first = await startServer();
    const dbPath = first.dbPath;
    let server = first;
    for (let round = 0; round < 3; round++) {
      const lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
      const zhang = await new HttpClient(server.url).signIn("zhang.wei@gacc.test", DEMO_PASSWORD);
      const { docName } = await conferenceDocName(lan, SERIES, 18);
      await prepareScratch(server, docName, cookieHeader(lan));
      const writer = connectCollab(server, docName, { cookie: cookieHeader(lan) });
      const reader = connectCollab(server, docName, { cookie: cookieHeader(zhang) });
      await Promise.all([waitSynced(writer), waitSynced(reader)]);

      const received = new Set<string>();
      reader.doc.on("update", () => {
        for (const id of idsIn(scratchText(reader.doc).toString())) received.add(id);
      });
      let n = 0;
      let writing = true;
      const stream = (async () => {
        while (writing) {
          const text = scratchText(writer.doc);
          text.insert(text.length, `id-${round}-${n++};`);
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      await until(() => received.size > 20, "edits to flow");
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 400)));
      await server.kill("SIGKILL");
      writing = false;
      await stream;
      writer.destroy();
      reader.destroy();

      // Straight from the database, before anyone reconnects and could re-upload.
      const stored = idsIn(scratchText(loadStoredDoc(dbPath, docName)).toString());
      const lost = [...received].filter((id) => !stored.has(id));
      expect(received.size).toBeGreaterThan(20);
      expect(lost).toEqual([]);
      // SQLite's own check of the file; PostgreSQL recovers from its write-ahead log whatever the app does.
      if (!isPostgresUrl(dbPath)) expect(withDb(dbPath, (db) => db.pragma("integrity_check", { simple: true }))).toBe("ok");

      server = await startServer({ dbPath });
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
    }
    await server.stop();
  });
});
