import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, htmlText, redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: HttpClient;

beforeAll(async () => {
  server = await startServer();
  admin = await new HttpClient(server.url).signIn("admin@accord.test", "accord-demo-2026");
});

function one<T>(sql: string, ...params: unknown[]): T {
  return withDb(server.dbPath, (db) => db.prepare(sql).get(...params) as T);
}

describe("agencies", () => {
  it("are created, refused when the code is taken or malformed, and updated", async () => {
    const created = await admin.postForm("/admin/agencies", { intent: "create", code: "hpc", name: "Hải quan Hải Phòng", country: "vn" });
    expect(created.status).toBe(200);
    const row = one<{ id: number; code: string; country: string }>("SELECT id, code, country FROM agencies WHERE code = 'HPC'");
    expect(row).toMatchObject({ code: "HPC", country: "VN" });

    const taken = await admin.postForm("/admin/agencies", { intent: "create", code: "HPC", name: "Another", country: "VN" });
    expect(taken.status).toBe(400);
    expect(htmlText(await taken.text())).toContain(en.errors.agencyCodeTaken);

    const malformed = await admin.postForm("/admin/agencies", { intent: "create", code: "no spaces!", name: "X", country: "Vietnam" });
    expect(malformed.status).toBe(400);
    const text = htmlText(await malformed.text());
    expect(text).toContain(en.errors.agencyCodeInvalid);
    expect(text).toContain(en.errors.countryInvalid);

    const updated = await admin.postForm("/admin/agencies", { intent: "update", id: String(row.id), code: "HPC", name: "Cục Hải quan Hải Phòng", country: "VN" });
    expect(updated.status).toBe(200);
    expect(one<{ name: string }>("SELECT name FROM agencies WHERE id = ?", row.id).name).toBe("Cục Hải quan Hải Phòng");
    expect(auditEvents(server.dbPath, "agency.created").map((e) => e.subject)).toContain("HPC");
    expect(auditEvents(server.dbPath, "agency.updated").map((e) => e.subject)).toContain("HPC");
  });
});

describe("users, series and roles", () => {
  it("an admin adds a person and a series, grants a role, and takes it away again", async () => {
    const vnc = one<{ id: number }>("SELECT id FROM agencies WHERE code = 'VNC'").id;
    const added = await admin.postForm("/admin/users", {
      intent: "create",
      name: "Đỗ Minh Quân",
      email: "quan.do@vnc.test",
      password: "quan's first password",
      agencyId: String(vnc),
    });
    expect(added.status).toBe(200);
    const quanId = one<{ id: string }>("SELECT id FROM users WHERE email = 'quan.do@vnc.test'").id;
    const quan = await new HttpClient(server.url).signIn("quan.do@vnc.test", "quan's first password");
    expect((await quan.getJson("/api/v1/series")).body).toEqual([]);

    const created = await admin.postForm("/admin/series", [
      ["slug", "maritime-2027"],
      ["name", "Maritime Customs Dialogue"],
      ["description", ""],
      ["parties", "VNC"],
      ["parties", "GACC"],
      ["parties", "QNC"],
    ]);
    expect(created.status).toBe(303);
    expect(redirectPath(created, server.url)).toBe("/admin/series/maritime-2027");
    expect((await quan.getHtml("/series/maritime-2027")).status).toBe(404);

    const granted = await admin.postForm("/admin/series/maritime-2027", { intent: "grant", userId: quanId, agencyId: String(vnc), role: "delegate" });
    expect(granted.status).toBe(200);
    expect((await quan.getHtml("/series/maritime-2027")).status).toBe(200);
    const list = await quan.getJson<Array<{ slug: string; parties: Array<{ code: string }> }>>("/api/v1/series");
    expect(list.body.map((s) => s.slug)).toEqual(["maritime-2027"]);
    expect(list.body[0].parties.map((p) => p.code)).toEqual(["VNC", "GACC", "QNC"]);

    const revoked = await admin.postForm("/admin/series/maritime-2027", { intent: "revoke", userId: quanId });
    expect(revoked.status).toBe(200);
    expect((await quan.getHtml("/series/maritime-2027")).status).toBe(404);
    expect((await quan.getJson("/api/v1/series/maritime-2027")).status).toBe(404);
  });

  it("a series needs two parties, and a role must be on behalf of one of them", async () => {
    const lonely = await admin.postForm("/admin/series", [["slug", "lonely"], ["name", "Lonely"], ["parties", "VNC"]]);
    expect(lonely.status).toBe(400);
    expect(htmlText(await lonely.text())).toContain(en.errors.seriesNeedsTwoParties);

    const lan = one<{ id: string }>("SELECT id FROM users WHERE email = 'lan.nguyen@vnc.test'").id;
    const nnc = one<{ id: number }>("SELECT id FROM agencies WHERE code = 'NNC'").id;
    const wrongParty = await admin.postForm("/admin/series/vn-cn-anti-smuggling", { intent: "grant", userId: lan, agencyId: String(nnc), role: "observer" });
    expect(wrongParty.status).toBe(400);
    expect(htmlText(await wrongParty.text())).toContain(en.errors.agencyNotParty);
    expect(one<{ role: string }>("SELECT m.role FROM memberships m JOIN series s ON s.id = m.series_id WHERE s.slug = 'vn-cn-anti-smuggling' AND m.user_id = ?", lan).role).toBe("secretariat");
  });

  it("a new admin made by an admin can open the administration", async () => {
    const added = await admin.postForm("/admin/users", { intent: "create", name: "Second Admin", email: "admin2@accord.test", password: "second admin pw", isAdmin: "on" });
    expect(added.status).toBe(200);
    const second = await new HttpClient(server.url).signIn("admin2@accord.test", "second admin pw");
    expect((await second.getHtml("/admin/users")).status).toBe(200);
  });

  it("an admin page for a series that does not exist is 404", async () => {
    expect((await admin.getHtml("/admin/series/no-such-series")).status).toBe(404);
  });
});

describe("granting a role without choosing the agency", () => {
  it("acts on behalf of the person's own agency, and refuses when that agency is not a party", async () => {
    const lsc = one<{ id: number }>("SELECT id FROM agencies WHERE code = 'LSC'").id;
    const added = await admin.postForm("/admin/users", { intent: "create", name: "Lộc Văn Tài", email: "tai.loc@langson.test", password: "a long enough password", agencyId: String(lsc) });
    expect(added.status).toBe(200);
    const taiId = one<{ id: string }>("SELECT id FROM users WHERE email = 'tai.loc@langson.test'").id;

    const granted = await admin.postForm("/admin/series/two-countries-four-agencies", { intent: "grant", userId: taiId, agencyId: "", role: "delegate" });
    expect(granted.status).toBe(200);
    expect(one<{ agency_id: number }>("SELECT m.agency_id FROM memberships m JOIN series s ON s.id = m.series_id WHERE s.slug = 'two-countries-four-agencies' AND m.user_id = ?", taiId).agency_id).toBe(lsc);

    // Lạng Sơn Customs is not a party to the Vietnam–China series.
    const refused = await admin.postForm("/admin/series/vn-cn-anti-smuggling", { intent: "grant", userId: taiId, agencyId: "", role: "observer" });
    expect(refused.status).toBe(400);
    expect(htmlText(await refused.text())).toContain(en.errors.agencyNotParty);
  });
});
