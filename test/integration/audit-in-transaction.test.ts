import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgresUrl } from "../../db/dialect";
import { DEMO_PASSWORD } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Every audit row is written in the transaction of the change it records
// (decision 0040): when any write of a command fails, neither the change nor
// its row is kept; when it succeeds, there is exactly one row.

const SERIES = "vn-cn-anti-smuggling";
const LAN = "lan.nguyen@vnc.test"; // secretariat (VNC)
const MINH = "minh.tran@vnc.test"; // delegate (VNC)

let server: TestServer;
let lan: HttpClient;
let minh: HttpClient;

beforeAll(async () => {
  server = await startServer();
  lan = await new HttpClient(server.url).signIn(LAN, DEMO_PASSWORD);
  minh = await new HttpClient(server.url).signIn(MINH, DEMO_PASSWORD);
});

afterAll(async () => {
  await server.stop();
});

/** Makes the database refuse the rows of `table` that match `when` (an SQL condition on NEW), until `allow` is called. */
function refuseInserts(name: string, table: string, when: string) {
  const postgres = isPostgresUrl(server.dbPath);
  withDb(server.dbPath, (db) => {
    if (postgres) {
      db.exec(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
      db.exec(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`);
    } else {
      db.exec(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    }
  });
  return {
    allow: () => withDb(server.dbPath, (db) => db.exec(postgres ? `DROP TRIGGER ${name} ON ${table}` : `DROP TRIGGER ${name}`)),
  };
}

const auditRows = (kind: string, subject: string) =>
  withDb(server.dbPath, (db) => db.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE kind = ? AND subject = ?").get(kind, subject) as { n: number }).n;

const conferenceRow = (number: number) =>
  withDb(server.dbPath, (db) =>
    db
      .prepare("SELECT c.id, c.status FROM conferences c JOIN series s ON s.id = c.series_id WHERE s.slug = ? AND c.number = ?")
      .get(SERIES, number) as { id: number; status: string } | undefined,
  );

describe("an audit row and its change", () => {
  it("opening a conference: a failed write of the opening leaves it planned and unaudited; the opening leaves one row", async () => {
    const conference = conferenceRow(18)!;
    expect(conference.status).toBe("planned");
    const subject = `conference:${conference.id}`;
    // The version of the agenda as it opened is the opening's last write before its audit row.
    const refusal = refuseInserts("refuse_opened_version", "document_versions", "NEW.kind = 'opened'");
    const failed = await lan.postForm(`/series/${SERIES}/conferences/18/lifecycle`, { intent: "open" });
    expect(failed.status).toBe(500);
    expect(conferenceRow(18)!.status).toBe("planned");
    expect(auditRows("conference.opened", subject)).toBe(0);
    refusal.allow();

    const opened = await lan.postForm(`/series/${SERIES}/conferences/18/lifecycle`, { intent: "open" });
    expect(opened.status).toBe(303);
    expect(conferenceRow(18)!.status).toBe("in_session");
    expect(auditRows("conference.opened", subject)).toBe(1);
  });

  it("a commitment's status: a refused audit row undoes the change; the change leaves one row", async () => {
    const { body } = await lan.getJson<{ id: number; status: string; owners: string[] }[]>(`/api/v1/series/${SERIES}/commitments`);
    // One Minh's agency owns alone, so that he may change its status.
    const target = body.find((c) => c.status === "open" && c.owners.length === 1 && c.owners[0] === "VNC")!;
    expect(target).toBeDefined();
    const events = () =>
      withDb(server.dbPath, (db) => db.prepare("SELECT COUNT(*) AS n FROM commitment_events WHERE commitment_id = ?").get(target.id) as { n: number }).n;
    const status = () => withDb(server.dbPath, (db) => db.prepare("SELECT status FROM commitments WHERE id = ?").get(target.id) as { status: string }).status;
    const before = events();
    const subject = `commitment:${target.id}`;
    const already = auditRows("commitment.changed", subject);

    const refusal = refuseInserts("refuse_commitment_audit", "audit_events", "NEW.kind = 'commitment.changed'");
    const failed = await minh.postForm(`/commitments/${target.id}`, { intent: "status", to: "in_progress" });
    expect(failed.status).toBe(500);
    expect(status()).toBe("open");
    expect(events()).toBe(before);
    refusal.allow();

    const changed = await minh.postForm(`/commitments/${target.id}`, { intent: "status", to: "in_progress" });
    expect(changed.status).toBe(200);
    expect(status()).toBe("in_progress");
    expect(events()).toBe(before + 1);
    expect(auditRows("commitment.changed", subject)).toBe(already + 1);
  });

  it("creating a conference: a refused audit row leaves no conference and no review list; creating it leaves one row", async () => {
    const fields = { number: "40", title: "The 40th conference", startsOn: "2031-05-05", endsOn: "2031-05-06", venue: "Hà Nội", format: "in_person", hostAgencyId: "" };
    const reviews = () => withDb(server.dbPath, (db) => db.prepare("SELECT COUNT(*) AS n FROM commitment_reviews").get() as { n: number }).n;
    const reviewsBefore = reviews();
    const refusal = refuseInserts("refuse_created_audit", "audit_events", "NEW.kind = 'conference.created'");
    const failed = await lan.postForm(`/series/${SERIES}/conferences/new`, fields);
    expect(failed.status).toBe(500);
    expect(conferenceRow(40)).toBeUndefined();
    expect(reviews()).toBe(reviewsBefore);
    refusal.allow();

    const created = await lan.postForm(`/series/${SERIES}/conferences/new`, fields);
    expect(created.status).toBe(303);
    const conference = conferenceRow(40)!;
    expect(conference.status).toBe("planned");
    expect(reviews()).toBeGreaterThan(reviewsBefore);
    expect(auditRows("conference.created", `conference:${conference.id}`)).toBe(1);
  });
});
