import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { zh } from "../../app/i18n/catalogs/zh";
import { isPostgresUrl } from "../../db/dialect";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, htmlText, redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { pdfBytes } from "../helpers/pdf";

// Agreements (MoUs) on a series made for this test, not in the demo data:
// a secretariat records one with signatories and clauses, turns a clause into
// a commitment, attaches the signed PDF; everyone else is refused on the server.

const PASSWORD = "accord-demo-2026";
const SLUG = "border-mou-test";
const MAX_MB = 1;

let server: TestServer;
let uploadsDir: string;
let secretariat: HttpClient;
let delegate: HttpClient;
let observer: HttpClient;
let outsider: HttpClient;
let anonymous: HttpClient;
let agency: Record<string, number>;
let agreementId: number;
let agreementPath: string;
let clauseIds: number[] = [];

function one<T>(sql: string, ...params: unknown[]): T {
  return withDb(server.dbPath, (db) => db.prepare(sql).get(...params) as T);
}
function all<T>(sql: string, ...params: unknown[]): T[] {
  return withDb(server.dbPath, (db) => db.prepare(sql).all(...params) as T[]);
}

/** What the uploads folder holds: names and sizes. */
/** Stored documents by name and size: files in the uploads folder, or large objects on PostgreSQL. */
function uploads(): Record<string, number> {
  if (isPostgresUrl(server.dbPath)) {
    return Object.fromEntries(
      all<{ oid: number; size: number }>(
        "SELECT m.oid::int8 AS oid, coalesce((SELECT sum(length(l.data)) FROM pg_largeobject l WHERE l.loid = m.oid), 0) AS size FROM pg_largeobject_metadata m",
      ).map((r) => [`pg${r.oid}.pdf`, Number(r.size)]),
    );
  }
  if (!existsSync(uploadsDir)) return {};
  return Object.fromEntries(readdirSync(uploadsDir).map((name) => [name, statSync(path.join(uploadsDir, name)).size]));
}

/** The bytes of a stored document, read where the server stored them. */
function storedBytes(name: string): Uint8Array {
  if (isPostgresUrl(server.dbPath)) return new Uint8Array(one<{ data: Buffer }>("SELECT lo_get(?::oid) AS data", Number(name.slice(2, -4))).data);
  return new Uint8Array(readFileSync(path.join(uploadsDir, name)));
}

/** The names the server gives stored documents: random on disk, the large object's id on PostgreSQL. */
const STORED_NAME = () => (isPostgresUrl(server.dbPath) ? /^pg\d+\.pdf$/ : /^[0-9a-f]{32}\.pdf$/);

/** Posts a file the way a browser posts the upload form. */
function upload(client: HttpClient, bytes: Uint8Array, fileName: string, type = "application/pdf") {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("document", new Blob([new Uint8Array(bytes)], { type }), fileName);
  return client.request(agreementPath, { method: "POST", body: form, headers: { origin: client.origin } });
}

async function textOf(response: Response) {
  return htmlText(await response.text());
}

/** Signs in and chooses the language (demo users keep their own), so pages can be read against a catalog. */
async function signedIn(email: string, locale: "en" | "vi" | "zh" = "en") {
  const client = await new HttpClient(server.url).signIn(email, PASSWORD);
  const chosen = await client.postForm("/settings/language", { locale, redirectTo: "/" });
  expect(chosen.status).toBe(303);
  return client;
}

beforeAll(async () => {
  server = await startServer({ env: { ACCORD_MAX_DOCUMENT_MB: String(MAX_MB) } });
  uploadsDir = path.join(path.dirname(server.dbPath), "uploads");
  const admin = await signedIn("admin@accord.test");
  agency = Object.fromEntries(all<{ code: string; id: number }>("SELECT code, id FROM agencies").map((a) => [a.code, a.id]));

  const created = await admin.postForm("/admin/series", [
    ["slug", SLUG],
    ["name", "Hợp tác biên giới Lạng Sơn – Quảng Tây"],
    ["description", ""],
    ["parties", "VNC"],
    ["parties", "GACC"],
    ["parties", "LSC"],
  ]);
  expect(created.status).toBe(303);
  const grants: [string, string, string][] = [
    ["lan.nguyen@vnc.test", "VNC", "secretariat"],
    ["li.na@gacc.test", "GACC", "delegate"],
    ["hung.pham@vnc.test", "VNC", "observer"],
    ["zhang.wei@gacc.test", "GACC", "observer"],
  ];
  for (const [email, code, role] of grants) {
    const userId = one<{ id: string }>("SELECT id FROM users WHERE email = ?", email).id;
    const granted = await admin.postForm(`/admin/series/${SLUG}`, { intent: "grant", userId, agencyId: String(agency[code]), role });
    expect(granted.status, `grant ${email}`).toBe(200);
  }
  [secretariat, delegate, observer, outsider] = await Promise.all([
    signedIn("lan.nguyen@vnc.test"),
    signedIn("li.na@gacc.test"),
    signedIn("hung.pham@vnc.test"),
    signedIn("mai.hoang@langson.test"),
  ]);
  anonymous = new HttpClient(server.url);
});

describe("a secretariat records an agreement", () => {
  it("creates it with its parties and signing facts, refusing what does not hold", async () => {
    const list = await secretariat.getHtml(`/series/${SLUG}/agreements`);
    expect(list.status).toBe(200);
    expect(htmlText(list.html)).toContain(en.agreement.none);
    expect(htmlText(list.html)).toContain(en.agreement.newButton);
    expect((await secretariat.getHtml(`/series/${SLUG}`)).html).toContain(`/series/${SLUG}/agreements`);

    const base: [string, string][] = [
      ["title", "Biên bản ghi nhớ về trao đổi nghiệp vụ / 关于业务交流的谅解备忘录"],
      ["parties", String(agency.VNC)],
      ["parties", String(agency.GACC)],
      ["conferenceId", ""],
      ["signedAt", "Thành phố Hồ Chí Minh"],
    ];
    const refusals: [string, [string, string][], string][] = [
      ["signed without a date", [...base, ["status", "signed"], ["signedOn", ""]], en.errors.signingDateRequired],
      ["one party", [["title", "Lonely"], ["parties", String(agency.VNC)], ["status", "draft"]], en.errors.agreementNeedsTwoParties],
      ["an agency outside the series", [...base, ["parties", String(agency.NNC)], ["status", "draft"]], en.errors.agencyNotParty],
      [
        "validity ending before it starts",
        [...base, ["status", "draft"], ["validFrom", "2025-08-14"], ["validUntil", "2025-01-01"]],
        en.errors.validUntilBeforeFrom,
      ],
    ];
    for (const [what, fields, message] of refusals) {
      const refused = await secretariat.postForm(`/series/${SLUG}/agreements/new`, fields);
      expect(refused.status, what).toBe(400);
      expect(await textOf(refused), what).toContain(message);
    }
    expect(one<{ n: number }>("SELECT count(*) AS n FROM agreements a JOIN series s ON s.id = a.series_id WHERE s.slug = ?", SLUG).n).toBe(0);

    const created = await secretariat.postForm(`/series/${SLUG}/agreements/new`, [
      ...base,
      ["status", "in_force"],
      ["signedOn", "2025-08-14"],
      ["validFrom", "2025-08-14"],
      ["validUntil", "2030-08-13"],
    ]);
    expect(created.status).toBe(303);
    agreementPath = redirectPath(created, server.url);
    expect(agreementPath).toMatch(new RegExp(`^/series/${SLUG}/agreements/\\d+$`));
    agreementId = Number(agreementPath.split("/").pop());
    const row = one<Record<string, unknown>>("SELECT title, status, signed_on, signed_at, valid_from, valid_until FROM agreements WHERE id = ?", agreementId);
    expect(row).toEqual({
      title: "Biên bản ghi nhớ về trao đổi nghiệp vụ / 关于业务交流的谅解备忘录",
      status: "in_force",
      signed_on: "2025-08-14",
      signed_at: "Thành phố Hồ Chí Minh",
      valid_from: "2025-08-14",
      valid_until: "2030-08-13",
    });
  });

  it("adds signatories of the agreement's parties and clauses in order", async () => {
    for (const [name, title, code] of [
      ["Nguyễn Văn Hưng", "Cục trưởng Cục Điều tra chống buôn lậu", "VNC"],
      ["王建国", "海关总署缉私局局长", "GACC"],
    ]) {
      const added = await secretariat.postForm(agreementPath, { intent: "addSignatory", name, title, agencyId: String(agency[code]) });
      expect(added.status, name).toBe(200);
      expect(await textOf(added)).toContain(en.agreement.signatoryAdded);
    }
    const wrongParty = await secretariat.postForm(agreementPath, { intent: "addSignatory", name: "Hoàng Văn A", title: "", agencyId: String(agency.LSC) });
    expect(wrongParty.status).toBe(400);
    expect(await textOf(wrongParty)).toContain(en.errors.agencyNotAgreementParty);

    const clauses = [
      { label: "2", text: "Hai bên trao đổi thông tin về các vụ buôn lậu thuốc lá qua biên giới." },
      { label: "3.2", text: "The technical contact points meet at least twice a year." },
      { label: "1", text: "双方指定技术联络点。", position: "1" },
    ];
    for (const clause of clauses) {
      const added = await secretariat.postForm(agreementPath, { intent: "addClause", position: "", ...clause });
      expect(added.status, clause.label).toBe(200);
    }
    const rows = all<{ id: number; label: string; position: number }>("SELECT id, label, position FROM clauses WHERE agreement_id = ? ORDER BY position", agreementId);
    expect(rows.map((r) => [r.label, r.position])).toEqual([["1", 1], ["2", 2], ["3.2", 3]]);
    clauseIds = rows.map((r) => r.id);

    const edited = await secretariat.postForm(agreementPath, { intent: "editClause", id: String(clauseIds[2]), label: "3.2", text: "The technical contact points meet at least twice a year, alternately in each country.", position: "" });
    expect(edited.status).toBe(200);
    const empty = await secretariat.postForm(agreementPath, { intent: "editClause", id: String(clauseIds[2]), label: "3.2", text: "  ", position: "" });
    expect(empty.status).toBe(400);
    expect(await textOf(empty)).toContain(en.errors.required);

    const page = await delegate.getHtml(agreementPath);
    expect(page.status).toBe(200);
    const text = htmlText(page.html);
    for (const expected of ["王建国", "Nguyễn Văn Hưng", "alternately in each country", en.agreement.statuses.in_force, "Thành phố Hồ Chí Minh"]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(en.agreement.addClause);

    // The same page for a reader who works in Chinese: the terms and the date in that language.
    const reader = await signedIn("zhang.wei@gacc.test", "zh");
    const zhText = htmlText((await reader.getHtml(agreementPath)).html);
    for (const expected of [zh.agreement.signatories, zh.agreement.clauses, zh.agreement.statuses.in_force, "2025年8月14日"]) {
      expect(zhText).toContain(expected);
    }
    expect(auditEvents(server.dbPath, "agreement.changed").filter((e) => e.subject === `agreement:${agreementId}`).length).toBeGreaterThanOrEqual(6);
  });

  it("turns a clause into a commitment that keeps its link to the clause", async () => {
    const [first, second] = clauseIds;
    const noConference = await secretariat.postForm(agreementPath, [
      ["intent", "makeCommitment"],
      ["clauseId", String(first)],
      ["text", "Designate the technical contact points."],
      ["owners", String(agency.VNC)],
      ["dueKind", "next"],
    ]);
    expect(noConference.status).toBe(400);
    expect(await textOf(noConference)).toContain(en.errors.noConferenceForCommitment);

    const conference = await secretariat.postForm(`/series/${SLUG}/conferences/new`, {
      number: "1",
      title: "Hội nghị lần thứ nhất",
      startsOn: "2025-08-12",
      endsOn: "2025-08-14",
      format: "in_person",
      venue: "Thành phố Hồ Chí Minh",
      hostAgencyId: "",
    });
    expect(conference.status).toBe(303);
    const conferenceId = one<{ id: number }>("SELECT c.id FROM conferences c JOIN series s ON s.id = c.series_id WHERE s.slug = ?", SLUG).id;

    const outsideOwner = await secretariat.postForm(agreementPath, [
      ["intent", "makeCommitment"],
      ["clauseId", String(first)],
      ["text", "Designate the technical contact points."],
      ["owners", String(agency.LSC)],
      ["dueKind", "next"],
    ]);
    expect(outsideOwner.status).toBe(400);
    expect(await textOf(outsideOwner)).toContain(en.errors.agencyNotAgreementParty);

    const made = await secretariat.postForm(agreementPath, [
      ["intent", "makeCommitment"],
      ["clauseId", String(first)],
      ["text", "Designate the technical contact points."],
      ["owners", String(agency.VNC)],
      ["owners", String(agency.GACC)],
      ["dueKind", "date"],
      ["dueOn", "2025-12-31"],
    ]);
    expect(made.status).toBe(200);
    expect(await textOf(made)).toContain(en.agreement.commitmentCreated);
    const commitment = one<{ id: number; clause_id: number; conference_id: number; due_on: string; due_next: number; text: string }>(
      "SELECT id, clause_id, conference_id, due_on, due_next, text FROM commitments WHERE clause_id = ?",
      first,
    );
    expect(commitment).toMatchObject({ clause_id: first, conference_id: conferenceId, due_on: "2025-12-31", due_next: 0, text: "Designate the technical contact points." });
    const owners = all<{ agency_id: number }>("SELECT agency_id FROM commitment_owners WHERE commitment_id = ? ORDER BY agency_id", commitment.id);
    expect(owners.map((o) => o.agency_id).sort()).toEqual([agency.VNC, agency.GACC].sort());

    const again = await secretariat.postForm(agreementPath, [
      ["intent", "makeCommitment"],
      ["clauseId", String(first)],
      ["text", "Again"],
      ["owners", String(agency.VNC)],
      ["dueKind", "next"],
    ]);
    expect(again.status).toBe(400);
    expect(await textOf(again)).toContain(en.errors.clauseAlreadyCommitment);

    const byNext = await secretariat.postForm(agreementPath, [
      ["intent", "makeCommitment"],
      ["clauseId", String(second)],
      ["text", "Exchange information on cigarette smuggling."],
      ["owners", String(agency.GACC)],
      ["dueKind", "next"],
    ]);
    expect(byNext.status).toBe(200);
    expect(one<{ due_next: number; due_on: string | null }>("SELECT due_next, due_on FROM commitments WHERE clause_id = ?", second)).toEqual({ due_next: 1, due_on: null });

    const removeCommitted = await secretariat.postForm(agreementPath, { intent: "removeClause", id: String(first) });
    expect(removeCommitted.status).toBe(400);
    expect(await textOf(removeCommitted)).toContain(en.errors.clauseHasCommitment);

    const page = await secretariat.getHtml(agreementPath);
    expect(page.html).toContain(`/commitments/${commitment.id}`);
    // The commitment, seen from the register's side, names the clause it came from.
    const register = await delegate.getJson<Array<{ id: number; clauseId: number | null }>>(`/api/v1/series/${SLUG}/commitments`);
    expect(register.status).toBe(200);
    expect(register.body.find((c) => c.id === commitment.id)?.clauseId).toBe(first);
    const history = all<{ kind: string; by: string }>("SELECT kind, by FROM commitment_events WHERE commitment_id = ?", commitment.id);
    const lan = one<{ id: string }>("SELECT id FROM users WHERE email = 'lan.nguyen@vnc.test'").id;
    expect(history).toEqual([{ kind: "created", by: lan }]);
  });
});

describe("the signed document", () => {
  it("is a PDF uploaded by a secretariat and downloaded back by any member", async () => {
    expect(uploads()).toEqual({});
    const bytes = pdfBytes("MoU signed 14 August 2025");
    const response = await upload(secretariat, bytes, "Biên bản ghi nhớ 2025.pdf");
    expect(response.status).toBe(200);
    expect(await textOf(response)).toContain(en.agreement.documentAttached);

    const stored = Object.keys(uploads());
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(STORED_NAME());
    expect(storedBytes(stored[0])).toEqual(bytes);
    expect(one("SELECT document_file, document_name, document_size FROM agreements WHERE id = ?", agreementId)).toEqual({
      document_file: stored[0],
      document_name: "Biên bản ghi nhớ 2025.pdf",
      document_size: bytes.length,
    });

    for (const member of [secretariat, delegate, observer]) {
      const download = await member.get(`${agreementPath}/document`);
      expect(download.status).toBe(200);
      expect(download.headers.get("content-type")).toBe("application/pdf");
      expect(download.headers.get("x-content-type-options")).toBe("nosniff");
      const disposition = download.headers.get("content-disposition") ?? "";
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("Biên bản ghi nhớ 2025.pdf")}`);
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    }

    const replacement = pdfBytes("MoU signed 14 August 2025 - certified copy");
    expect((await upload(secretariat, replacement, "certified copy.pdf")).status).toBe(200);
    const after = Object.keys(uploads());
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(stored[0]);
    expect(new Uint8Array(await (await delegate.get(`${agreementPath}/document`)).arrayBuffer())).toEqual(replacement);
  });

  it("refuses what is not an acceptable PDF, leaving no trace on disk", async () => {
    const before = uploads();
    const recorded = one("SELECT document_file, document_name, document_size FROM agreements WHERE id = ?", agreementId);
    const passwd = new TextEncoder().encode("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
    const tooLarge = new Uint8Array(MAX_MB * 1024 * 1024 + 1);
    tooLarge.set(pdfBytes("padding"));
    const cases: [string, Uint8Array, string, string][] = [
      ["an HTML page named .pdf", new TextEncoder().encode("<html><script>alert(1)</script></html>"), "scan.pdf", en.errors.documentNotPdf],
      ["a file over the limit", tooLarge, "big.pdf", en.errors.documentTooLarge.replace("{{max}}", String(MAX_MB))],
      ["a path-traversal name", passwd, "../../etc/passwd.pdf", en.errors.documentNotPdf],
      ["an empty file", new Uint8Array(0), "empty.pdf", en.errors.documentRequired],
      ["a PDF cut short", pdfBytes("cut short in transit").slice(0, 120), "cut.pdf", en.errors.documentIncomplete],
    ];
    for (const [what, bytes, name, message] of cases) {
      const response = await upload(secretariat, bytes, name);
      expect(response.status, what).toBe(400);
      expect(await textOf(response), what).toContain(message);
      expect(uploads(), what).toEqual(before);
    }
    const noFile = new FormData();
    noFile.append("intent", "upload");
    noFile.append("document", new Blob([]), "");
    const none = await secretariat.request(agreementPath, { method: "POST", body: noFile, headers: { origin: secretariat.origin } });
    expect(none.status).toBe(400);
    expect(await textOf(none)).toContain(en.errors.documentRequired);

    expect(uploads()).toEqual(before);
    // On PostgreSQL nothing is written to disk at all; uploads() above looked at the large objects.
    if (!isPostgresUrl(server.dbPath)) {
      expect(readdirSync(path.dirname(uploadsDir)).filter((name) => name.includes("passwd"))).toEqual([]);
      expect(existsSync(path.resolve(uploadsDir, "../../etc/passwd.pdf"))).toBe(false);
    }
    expect(one("SELECT document_file, document_name, document_size FROM agreements WHERE id = ?", agreementId)).toEqual(recorded);
  });

  it("keeps a hostile file name only as a clean display name", async () => {
    const bytes = pdfBytes("real document");
    const response = await upload(secretariat, bytes, "..\\..\\evil\u202Efdp.exe\u0000.pdf");
    expect(response.status).toBe(200);
    const row = one<{ document_file: string; document_name: string }>("SELECT document_file, document_name FROM agreements WHERE id = ?", agreementId);
    expect(row.document_file).toMatch(STORED_NAME());
    expect(row.document_name).toBe("evilfdp.exe.pdf");
    expect(Object.keys(uploads())).toEqual([row.document_file]);
    const download = await delegate.get(`${agreementPath}/document`);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="evilfdp.exe.pdf"; filename*=UTF-8''evilfdp.exe.pdf`);
    await download.body?.cancel();
  });
});

describe("who may do what", () => {
  it("members read; only secretariats write", async () => {
    const before = uploads();
    for (const [who, client] of [
      ["observer", observer],
      ["delegate", delegate],
    ] as const) {
      const list = await client.getHtml(`/series/${SLUG}/agreements`);
      expect(list.status, who).toBe(200);
      expect(htmlText(list.html), who).not.toContain(en.agreement.newButton);
      expect((await client.getHtml(agreementPath)).status, who).toBe(200);
      expect((await client.getHtml(`/series/${SLUG}/agreements/new`)).status, who).toBe(403);
      const create = await client.postForm(`/series/${SLUG}/agreements/new`, [["title", "Not mine"], ["parties", String(agency.VNC)], ["parties", String(agency.GACC)], ["status", "draft"]]);
      expect(create.status, who).toBe(403);
      const writes: Record<string, string>[] = [
        { intent: "addClause", label: "9", text: "Sneaked in", position: "" },
        { intent: "removeSignatory", id: "1" },
        { intent: "removeDocument" },
        { intent: "makeCommitment", clauseId: String(clauseIds[2]), text: "x", owners: String(agency.VNC), dueKind: "next" },
      ];
      for (const fields of writes) {
        expect((await client.postForm(agreementPath, fields)).status, `${who} ${fields.intent}`).toBe(403);
      }
      expect((await upload(client, pdfBytes("not allowed"), "mine.pdf")).status, who).toBe(403);
    }
    expect(uploads()).toEqual(before);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM clauses WHERE agreement_id = ?", agreementId).n).toBe(3);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM agreements a JOIN series s ON s.id = a.series_id WHERE s.slug = ?", SLUG).n).toBe(1);
  });

  it("a non-member finds nothing, and someone signed out is sent to sign in", async () => {
    for (const pathname of [`/series/${SLUG}/agreements`, `/series/${SLUG}/agreements/new`, agreementPath, `${agreementPath}/document`]) {
      expect((await outsider.getHtml(pathname)).status, pathname).toBe(404);
      const signedOut = await anonymous.get(pathname);
      expect([302, 303], pathname).toContain(signedOut.status);
      expect(redirectPath(signedOut, server.url), pathname).toMatch(/^\/login/);
    }
    expect((await outsider.postForm(agreementPath, { intent: "addClause", label: "", text: "x", position: "" })).status).toBe(404);
    expect((await upload(outsider, pdfBytes("x"), "x.pdf")).status).toBe(404);
    expect((await anonymous.postForm(agreementPath, { intent: "addClause", label: "", text: "x", position: "" })).status).toBeGreaterThanOrEqual(300);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM clauses WHERE agreement_id = ?", agreementId).n).toBe(3);
  });

  it("an agreement of another series is not found through this one", async () => {
    const other = await secretariat.postForm("/series/vn-cn-anti-smuggling/agreements/new", [
      ["title", "Other series MoU"],
      ["parties", String(agency.VNC)],
      ["parties", String(agency.GACC)],
      ["status", "draft"],
    ]);
    expect(other.status).toBe(303);
    const otherId = redirectPath(other, server.url).split("/").pop();
    expect((await secretariat.getHtml(`/series/${SLUG}/agreements/${otherId}`)).status).toBe(404);
    expect((await secretariat.postForm(`/series/${SLUG}/agreements/${otherId}`, { intent: "addClause", label: "", text: "x", position: "" })).status).toBe(404);
    expect((await secretariat.getHtml(`/series/${SLUG}/agreements/not-a-number`)).status).toBe(404);
  });
});

describe("JSON API", () => {
  it("lists the agreements of a series with signatories and clauses linked to commitments", async () => {
    const { status, contentType, body } = await delegate.getJson(`/api/v1/series/${SLUG}/agreements`);
    expect(status).toBe(200);
    expect(contentType).toContain("application/json");
    const [first, second, third] = clauseIds;
    const commitmentOf = (clauseId: number) => one<{ id: number }>("SELECT id FROM commitments WHERE clause_id = ?", clauseId).id;
    // The series works in English only: every text is its English text, which is also the one shown (decision 0044's naming).
    const inEnglishOnly = (field: "title" | "text", text: string) =>
      field === "text"
        ? { text, textLanguage: "en", texts: { en: text }, viewerText: { text, language: "en" } }
        : { title: text, titleLanguage: "en", titleTexts: { en: text }, viewerTitle: { text, language: "en" } };
    expect(body).toEqual([
      {
        id: agreementId,
        ...inEnglishOnly("title", "Biên bản ghi nhớ về trao đổi nghiệp vụ / 关于业务交流的谅解备忘录"),
        parties: ["VNC", "GACC"],
        status: "in_force",
        signedOn: "2025-08-14",
        signedAt: "Thành phố Hồ Chí Minh",
        signatories: [
          { name: "Nguyễn Văn Hưng", title: "Cục trưởng Cục Điều tra chống buôn lậu", agency: "VNC" },
          { name: "王建国", title: "海关总署缉私局局长", agency: "GACC" },
        ],
        clauses: [
          { id: first, ...inEnglishOnly("text", "双方指定技术联络点。"), commitmentId: commitmentOf(first) },
          { id: second, ...inEnglishOnly("text", "Hai bên trao đổi thông tin về các vụ buôn lậu thuốc lá qua biên giới."), commitmentId: commitmentOf(second) },
          { id: third, ...inEnglishOnly("text", "The technical contact points meet at least twice a year, alternately in each country."), commitmentId: null },
        ],
      },
    ]);
  });

  it("answers 404 JSON to a non-member, 401 when signed out, and 405 to writes", async () => {
    const hidden = await outsider.getJson<{ error: string; status: number }>(`/api/v1/series/${SLUG}/agreements`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.status).toBe(404);
    expect((await anonymous.getJson(`/api/v1/series/${SLUG}/agreements`)).status).toBe(401);
    const write = await secretariat.postForm(`/api/v1/series/${SLUG}/agreements`, { title: "x" });
    expect(write.status).toBe(405);
    expect(write.headers.get("content-type")).toContain("application/json");
  });
});
