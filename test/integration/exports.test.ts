import { createHash } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import ICAL from "ical.js";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { withDb } from "../helpers/db";
import { HttpClient, redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Exports read with real parsers: csv-parse, ical.js (RFC 5545) and mammoth
// (DOCX). Hùng observes the Vietnam–China series; Mai belongs only to the
// four-agency series. The test puts its own concluded conference, adopted
// record and commitments into the demo series straight into SQLite, so that
// what it checks does not hang on the demo story.
const PASSWORD = "accord-demo-2026";
const MEMBER = "hung.pham@vnc.test";
const OUTSIDER = "mai.hoang@langson.test";
const ADMIN = "admin@accord.test";
const SLUG = "vn-cn-anti-smuggling";

const CONCLUDED = 90;
const PLANNED = 91;
const TITLE = "90th conference — Hội nghị lần thứ 90 · 第九十次会议";
const AGENDA = [
  {
    id: "a1",
    position: "a0",
    title: "Mekong Dragon: kết quả & 下一阶段",
    kind: "thematic",
    leadParty: "GACC",
    startTime: "10:00",
    durationMinutes: 45,
    notesText: "More than 4,500 cases *so far*.\n# not a heading",
    outcomeText: "Both sides agree to report each stage to the WCO.",
  },
  { id: "a2", position: "a1", title: "Closing", kind: "closing", leadParty: null, startTime: null, durationMinutes: null, notesText: "", outcomeText: "" },
];
const ACTIONS = [
  { id: "x1", position: "a0", text: "Trao đổi thông tin hằng tháng — 每月交换信息", owners: ["GACC", "VNC"], due: "next" },
  { id: "x2", position: "a1", text: "Share the list of contact points", owners: ["VNC"], due: "2026-03-31" },
];
const SNAPSHOT = Buffer.from("the adopted Yjs state of conference 90");
const SHA256 = createHash("sha256").update(SNAPSHOT).digest("hex");

const JOINT_TEXT = "Trao đổi thông tin hằng tháng — 每月交换信息, \"quoted\"";
const FORMULA_TEXT = "=HYPERLINK(\"http://example.test\")";

let server: TestServer;
let member: HttpClient;
let outsider: HttpClient;
let admin: HttpClient;
let anonymous: HttpClient;
const ids = { conference: 0, planned: 0, joint: 0, formula: 0, dropped: 0, dueNext: 0 };

function seed(dbPath: string) {
  withDb(dbPath, (db) => {
    const series = db.prepare("SELECT id FROM series WHERE slug = ?").get(SLUG) as { id: number };
    const agency = (code: string) => (db.prepare("SELECT id FROM agencies WHERE code = ?").get(code) as { id: number }).id;
    const adminId = (db.prepare("SELECT id FROM users WHERE email = ?").get(ADMIN) as { id: string }).id;
    const now = "2026-01-10T08:00:00.000Z";
    const conference = db.prepare(
      `INSERT INTO conferences (series_id, number, title, starts_on, ends_on, venue, format, host_agency_id, status, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, 'in_person', ?, ?, ?, ?)`,
    );
    ids.conference = Number(
      conference.run(series.id, CONCLUDED, TITLE, "2026-01-05", "2026-01-07", "Hà Nội", agency("VNC"), "concluded", now, adminId).lastInsertRowid,
    );
    ids.planned = Number(conference.run(series.id, PLANNED, "91st conference", "2099-05-01", "2099-05-01", "Nam Ninh", null, "planned", now, adminId).lastInsertRowid);
    db.prepare("INSERT INTO adopted_records (conference_id, adopted_at, adopted_by, sha256, snapshot, content_json) VALUES (?, ?, ?, ?, ?, ?)").run(
      ids.conference,
      now,
      adminId,
      SHA256,
      SNAPSHOT,
      JSON.stringify({ agenda: AGENDA, actions: ACTIONS }),
    );
    const commitment = db.prepare(
      `INSERT INTO commitments (series_id, conference_id, text, due_on, due_next, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const owner = db.prepare("INSERT INTO commitment_owners (commitment_id, agency_id, share_done_at, share_done_by) VALUES (?, ?, ?, ?)");
    ids.joint = Number(commitment.run(series.id, ids.conference, JOINT_TEXT, "2026-02-15", 0, "in_progress", now, now).lastInsertRowid);
    owner.run(ids.joint, agency("VNC"), now, adminId);
    owner.run(ids.joint, agency("GACC"), null, null);
    ids.formula = Number(commitment.run(series.id, ids.conference, FORMULA_TEXT, "2099-12-31", 0, "open", now, now).lastInsertRowid);
    owner.run(ids.formula, agency("GACC"), null, null);
    ids.dropped = Number(commitment.run(series.id, ids.conference, "A dropped action", "2026-04-01", 0, "dropped", now, now).lastInsertRowid);
    owner.run(ids.dropped, agency("VNC"), null, null);
    ids.dueNext = Number(commitment.run(series.id, ids.conference, "By the next conference, no date", null, 1, "open", now, now).lastInsertRowid);
    owner.run(ids.dueNext, agency("VNC"), null, null);
    db.prepare("INSERT INTO commitment_reviews (commitment_id, conference_id, outcome, note) VALUES (?, ?, 'carried', '')").run(ids.joint, ids.planned);
    db.prepare(
      `INSERT INTO follow_ups (commitment_id, at, by, agency_id, note, figure_label, figure_value, figure_unit)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(ids.joint, "2026-01-20T09:00:00.000Z", adminId, agency("VNC"), "-2 lines sent; 2 600 items", "items of information exchanged", 2600, "items");
  });
}

function seriesCommitmentCount(): number {
  return withDb(server.dbPath, (db) => (db.prepare("SELECT count(*) AS n FROM commitments c JOIN series s ON s.id = c.series_id WHERE s.slug = ?").get(SLUG) as { n: number }).n);
}

beforeAll(async () => {
  server = await startServer();
  seed(server.dbPath);
  anonymous = new HttpClient(server.url);
  [member, outsider, admin] = await Promise.all([
    new HttpClient(server.url).signIn(MEMBER, PASSWORD),
    new HttpClient(server.url).signIn(OUTSIDER, PASSWORD),
    new HttpClient(server.url).signIn(ADMIN, PASSWORD),
  ]);
});

const EXPORTS = [
  `/series/${SLUG}/commitments.csv`,
  `/series/${SLUG}/calendar.ics`,
  `/series/${SLUG}/conferences/${CONCLUDED}/record.docx`,
  `/series/${SLUG}/conferences/${CONCLUDED}/record.md`,
];

describe("who may download", () => {
  it.each(EXPORTS)("%s: a member and an admin get it; others do not learn it exists", async (path) => {
    const ok = await member.get(path);
    await ok.arrayBuffer();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9.-]+"$/);
    expect(ok.headers.get("cache-control")).toContain("no-store");

    const byAdmin = await admin.get(path);
    await byAdmin.arrayBuffer();
    expect(byAdmin.status).toBe(200);

    const refused = await outsider.get(path);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(SLUG);
    const missing = await outsider.get(path.replace(SLUG, "no-such-series"));
    await missing.arrayBuffer();
    expect(missing.status).toBe(404);

    const signedOut = await anonymous.get(path);
    await signedOut.arrayBuffer();
    expect([302, 303]).toContain(signedOut.status);
    expect(redirectPath(signedOut, server.url)).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });
});

describe("commitments.csv", () => {
  it("is UTF-8 with a byte order mark and CRLF line ends, one row per commitment of the series", async () => {
    const response = await member.get(`/series/${SLUG}/commitments.csv`);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n").length).toBeGreaterThan(2);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/(?<!")\n(?!")/);

    const rows = parseCsv(bytes, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows).toHaveLength(seriesCommitmentCount());
    expect(Object.keys(rows[0])).toEqual([
      "ID",
      "Commitment",
      "Language of the commitment's text",
      "Owners",
      "Status",
      "Due",
      "Agreed at conference No.",
      "Times carried over",
      "Overdue",
      "Last follow-up on",
      "Last follow-up",
      "Language of the last follow-up",
    ]);
    expect(new Set(rows.map((r) => r.ID)).size).toBe(rows.length);
  });

  it("writes Unicode text, joint owners, lineage, overdue and the last follow-up as they are", async () => {
    const rows = parseCsv(Buffer.from(await (await member.get(`/series/${SLUG}/commitments.csv`)).arrayBuffer()), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const joint = rows.find((r) => r.ID === String(ids.joint));
    expect(joint).toEqual({
      ID: String(ids.joint),
      Commitment: JOINT_TEXT,
      // Written straight into the database, so in the column's default language, which is this reader's own.
      "Language of the commitment's text": "English",
      Owners: "GACC; VNC",
      Status: "In progress",
      Due: "2026-02-15",
      "Agreed at conference No.": String(CONCLUDED),
      // On the review list of a conference that is only planned: not carried over yet (decision 0013).
      "Times carried over": "0",
      Overdue: "Yes",
      "Last follow-up on": "2026-01-20",
      // A leading "-" could start a formula in a spreadsheet: it is written as text.
      "Last follow-up": "'-2 lines sent; 2 600 items",
      "Language of the last follow-up": "English",
    });
    expect(rows.find((r) => r.ID === String(ids.dueNext))).toMatchObject({ Due: "By the next conference", Overdue: "No" });
  });

  it("counts a carry-over once the reviewing conference has been opened", async () => {
    const csv = async () =>
      parseCsv(Buffer.from(await (await member.get(`/series/${SLUG}/commitments.csv`)).arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    withDb(server.dbPath, (db) => db.prepare("UPDATE conferences SET status = 'in_session' WHERE id = ?").run(ids.planned));
    try {
      expect((await csv()).find((r) => r.ID === String(ids.joint))).toMatchObject({ "Times carried over": "1" });
    } finally {
      withDb(server.dbPath, (db) => db.prepare("UPDATE conferences SET status = 'planned' WHERE id = ?").run(ids.planned));
    }
  });

  it("never lets a commitment's text become a spreadsheet formula", async () => {
    const rows = parseCsv(Buffer.from(await (await member.get(`/series/${SLUG}/commitments.csv`)).arrayBuffer()), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(rows.find((r) => r.ID === String(ids.formula))?.Commitment).toBe(`'${FORMULA_TEXT}`);
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+@]/);
  });
});

describe("calendar.ics", () => {
  async function calendar() {
    const response = await member.get(`/series/${SLUG}/calendar.ics`);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
    return { text, root, events: root.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e)) };
  }

  it("is a valid RFC 5545 calendar: CRLF lines of at most 75 octets, VERSION, PRODID, and UID and DTSTAMP on every event", async () => {
    const { text, root, events } = await calendar();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    for (const line of text.slice(0, -2).split("\r\n")) {
      expect(line).not.toContain("\n");
      expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    }
    expect(root.getFirstPropertyValue("version")).toBe("2.0");
    expect(root.getFirstPropertyValue("prodid")).toBeTruthy();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.uid).toBeTruthy();
      expect(event.component.getFirstPropertyValue("dtstamp")).toBeTruthy();
    }
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it("has each conference as an all-day event over its days, with an exclusive end", async () => {
    const { events } = await calendar();
    const event = events.find((e) => e.summary === TITLE);
    expect(event).toBeDefined();
    expect(event!.startDate.isDate).toBe(true);
    expect(event!.startDate.toString()).toBe("2026-01-05");
    expect(event!.endDate.isDate).toBe(true);
    expect(event!.endDate.toString()).toBe("2026-01-08");
    expect(event!.location).toBe("Hà Nội");
    const planned = events.find((e) => e.summary === "91st conference");
    expect(planned!.startDate.toString()).toBe("2099-05-01");
    expect(planned!.endDate.toString()).toBe("2099-05-02");
  });

  it("has each dated commitment, not dropped, as an all-day event on its due date", async () => {
    const { events } = await calendar();
    const joint = events.find((e) => e.uid === `commitment-${ids.joint}-due.${SLUG}@accord`);
    expect(joint).toBeDefined();
    expect(joint!.summary).toBe(`Due: ${JOINT_TEXT}`);
    expect(joint!.startDate.isDate).toBe(true);
    expect(joint!.startDate.toString()).toBe("2026-02-15");
    expect(joint!.endDate.toString()).toBe("2026-02-16");
    expect(joint!.description).toContain("GACC, VNC");
    expect(events.some((e) => e.uid.startsWith(`commitment-${ids.dropped}-`))).toBe(false);
    expect(events.some((e) => e.uid.startsWith(`commitment-${ids.dueNext}-`))).toBe(false);
  });

  it("gives each title and text in the reader's language where there is one, else another working language's, marked", async () => {
    withDb(server.dbPath, (db) => {
      const translation = db.prepare(
        "INSERT INTO text_translations (subject, subject_id, field, language, text, aligned_language, aligned_text, updated_at) VALUES (?, ?, ?, 'zh', ?, 'en', ?, ?)",
      );
      translation.run("commitment", ids.joint, "text", "每月交换信息，“引号”", JOINT_TEXT, "2026-01-10T08:00:00.000Z");
      translation.run("conference", ids.conference, "title", "第九十次会议", TITLE, "2026-01-10T08:00:00.000Z");
    });
    const setLocale = (locale: string | null) =>
      withDb(server.dbPath, (db) => db.prepare("UPDATE users SET locale = ? WHERE email = ?").run(locale, MEMBER));
    const before = withDb(server.dbPath, (db) => (db.prepare("SELECT locale FROM users WHERE email = ?").get(MEMBER) as { locale: string | null }).locale);
    try {
      setLocale("zh");
      const { events } = await calendar();
      const summary = (uid: string) => events.find((e) => e.uid === uid)?.summary;
      expect(summary(`commitment-${ids.joint}-due.${SLUG}@accord`)).toBe("截止：每月交换信息，“引号”");
      expect(summary(`conference-${ids.conference}.${SLUG}@accord`)).toBe("第九十次会议");
      // No Chinese title: the English one, marked in Chinese.
      expect(summary(`conference-${ids.planned}.${SLUG}@accord`)).toBe("91st conference［English；暂无中文文本］");
      setLocale("vi");
      const vietnamese = await calendar();
      // No Vietnamese text: the next working language's (the series works in vi, zh, en), marked in Vietnamese.
      expect(vietnamese.events.find((e) => e.uid === `commitment-${ids.joint}-due.${SLUG}@accord`)?.summary).toBe("Hạn: 每月交换信息，“引号” [中文; chưa có văn bản Tiếng Việt]");
    } finally {
      setLocale(before);
      withDb(server.dbPath, (db) => db.prepare("DELETE FROM text_translations WHERE subject IN ('commitment', 'conference') AND subject_id IN (?, ?) AND language = 'zh'").run(ids.joint, ids.conference));
    }
    // In English, the English texts as they are, unmarked.
    const { events } = await calendar();
    expect(events.find((e) => e.uid === `commitment-${ids.joint}-due.${SLUG}@accord`)?.summary).toBe(`Due: ${JOINT_TEXT}`);
  });

  it("keeps the same UIDs from one download to the next", async () => {
    const first = (await calendar()).events.map((e) => e.uid).sort();
    const second = (await calendar()).events.map((e) => e.uid).sort();
    expect(second).toEqual(first);
    expect(first).toContain(`conference-${ids.conference}.${SLUG}@accord`);
  });
});

describe("the adopted record", () => {
  it("as DOCX holds the title, dates, venue, agenda with notes and outcomes, the agreed actions and the SHA-256", async () => {
    const response = await member.get(`/series/${SLUG}/conferences/${CONCLUDED}/record.docx`);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${SLUG}-conference-${CONCLUDED}-record.docx"`);
    const buffer = Buffer.from(await response.arrayBuffer());
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    const { value: text, messages } = await mammoth.extractRawText({ buffer });
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
    for (const expected of [
      TITLE,
      "5 January 2026 – 7 January 2026",
      "Hà Nội",
      "Agenda",
      "1. Mekong Dragon: kết quả & 下一阶段",
      "Lead party: GACC",
      "10:00–10:45",
      "More than 4,500 cases *so far*.",
      "# not a heading",
      "Both sides agree to report each stage to the WCO.",
      "2. Closing",
      "Agreed actions",
      ACTIONS[0].text,
      "By the next conference",
      "31 March 2026",
      SHA256,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("as Markdown holds the same, with Markdown in users' text escaped", async () => {
    const response = await member.get(`/series/${SLUG}/conferences/${CONCLUDED}/record.md`);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const md = await response.text();
    expect(md.startsWith(`# ${TITLE}\n`)).toBe(true);
    expect(md).toContain("## Agenda");
    expect(md).toContain("### 1\\. Mekong Dragon: kết quả \\& 下一阶段");
    expect(md).toContain("More than 4,500 cases \\*so far\\*.");
    expect(md).toContain("\\# not a heading");
    expect(md).toContain("## Agreed actions");
    expect(md).toContain(`1. ${ACTIONS[0].text}`);
    expect(md).toMatch(/ {3}- Owners: GACC \(.+\), VNC \(.+\)/);
    expect(md).toContain("   - Due: By the next conference");
    expect(md).toContain(`\`${SHA256}\``);
  });

  it("is not there before the conference is concluded, nor for a conference that does not exist", async () => {
    for (const number of [PLANNED, 999]) {
      for (const ext of ["docx", "md"]) {
        const response = await member.get(`/series/${SLUG}/conferences/${number}/record.${ext}`);
        await response.arrayBuffer();
        expect(response.status, `${number} .${ext}`).toBe(404);
      }
    }
  });
});

describe("leader's view and briefing pack", () => {
  it.each([`/series/${SLUG}/leader`, `/series/${SLUG}/briefing`])("%s: members only", async (path) => {
    expect((await member.getHtml(path)).status).toBe(200);
    expect((await outsider.getHtml(path)).status).toBe(404);
    const signedOut = await anonymous.get(path);
    await signedOut.arrayBuffer();
    expect(redirectPath(signedOut, server.url)).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });

  it("draws the charts as SVG on the server, each with a title and a text alternative", async () => {
    const { html } = await member.getHtml(`/series/${SLUG}/leader`);
    const svgs = html.match(/<svg class="chart-svg"[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    for (const svg of svgs) expect(svg).toMatch(/role="img" aria-labelledby="[^"]+" aria-describedby="[^"]+"/);
    expect(html).toContain("Completion per party");
    expect(html).toContain("items of information exchanged");
  });
});
