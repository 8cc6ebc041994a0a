import { parse as parseCsv } from "csv-parse/sync";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { commitmentsCsv, neutraliseFormula } from "../../../../app/exports/commitments-csv.server";
import { escapeMarkdown } from "../../../../app/exports/record-markdown.server";
import { recordTexts } from "../../../../app/exports/record.server";
import { dayAfter, foldOctets, seriesCalendar } from "../../../../app/exports/series-calendar.server";
import { vi } from "../../../../app/i18n/catalogs/vi";
import { zh } from "../../../../app/i18n/catalogs/zh";
import { i18nFor } from "../../../../app/i18n/i18n";

const t = i18nFor("en").t;

describe("neutraliseFormula", () => {
  it.each(["=1+1", "+33 phone", "-2 lines", "@SUM(A1)", "\tTab", "\rCR"])("writes %j as text", (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });
  it("leaves ordinary text alone", () => {
    expect(neutraliseFormula("Trao đổi 2 600 items = good")).toBe("Trao đổi 2 600 items = good");
  });
});

describe("commitmentsCsv", () => {
  it("writes translated headers and a row a CSV parser reads back", () => {
    const csv = commitmentsCsv(
      [
        {
          id: 7,
          text: 'Line with "quotes", commas; and 中文',
          owners: [
            { agencyId: 1, code: "VNC", name: "", shareDone: true },
            { agencyId: 2, code: "GACC", name: "", shareDone: false },
          ],
          status: "in_progress",
          dueOn: null,
          dueNext: true,
          agreedAt: { conferenceId: 1, number: 14 },
          carriedOver: 2,
          overdue: true,
          lastFollowUp: { at: "2025-06-30T09:00:00.000Z", note: "multi\nline" },
        },
      ],
      i18nFor("vi").t,
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = parseCsv(csv, { bom: true }) as string[][];
    expect(header[1]).toBe(vi.exports.columns.text);
    expect(row).toEqual([
      "7",
      'Line with "quotes", commas; and 中文',
      "",
      "VNC; GACC",
      vi.commitment.statuses.in_progress,
      vi.commitment.dueNext,
      "14",
      "2",
      vi.common.yes,
      "2025-06-30",
      "multi\nline",
      "",
    ]);
  });
});

describe("commitmentsCsv against formulas in the due column", () => {
  it("writes a due value that is not a date as text, like every other column typed by people", () => {
    const csv = commitmentsCsv(
      [
        {
          id: 8,
          text: "Exchange information",
          owners: [{ agencyId: 1, code: "VNC", name: "", shareDone: false }],
          status: "open",
          dueOn: '=HYPERLINK("http://evil.example","x")',
          dueNext: false,
          agreedAt: { conferenceId: 1, number: 14 },
          carriedOver: 0,
          overdue: false,
          lastFollowUp: null,
        },
      ],
      t,
    );
    const [, row] = parseCsv(csv, { bom: true }) as string[][];
    expect(row[5]).toBe(`'=HYPERLINK("http://evil.example","x")`);
  });
});

describe("commitmentsCsv in the reader's language", () => {
  it("names the language of each text, and says when it is not the reader's because theirs is missing", () => {
    const csv = commitmentsCsv(
      [
        {
          id: 9,
          text: "Trao đổi thông tin hằng tháng",
          shown: { language: "vi", wanted: "zh" },
          owners: [{ agencyId: 1, code: "VNC", name: "", shareDone: false }],
          status: "open",
          dueOn: null,
          dueNext: true,
          agreedAt: { conferenceId: 1, number: 14 },
          carriedOver: 0,
          overdue: false,
          lastFollowUp: { at: "2025-06-30T09:00:00.000Z", note: "已交换2,600条信息", shown: { language: "zh", wanted: null } },
        },
      ],
      i18nFor("zh").t,
    );
    const [header, row] = parseCsv(csv, { bom: true }) as string[][];
    expect(header[2]).toBe(zh.exports.columns.textLanguage);
    expect(row[1]).toBe("Trao đổi thông tin hằng tháng");
    expect(row[2]).toBe("Tiếng Việt（暂无中文文本）");
    expect(row.at(-2)).toBe("已交换2,600条信息");
    expect(row.at(-1)).toBe("中文");
  });
});

describe("calendar writing", () => {
  it("lets no control character of a title, venue or text end a content line", () => {
    const text = seriesCalendar({
      series: { slug: "s", name: "Series\rX-INJECTED:1" },
      conferences: [
        { id: 3, number: 17, title: "17th\rEND:VEVENT\x00\x1b", status: "planned", startsOn: "2025-08-12", endsOn: "2025-08-14", venue: "Hà Nội\r\nATTENDEE:evil", format: "in_person" },
      ],
      commitments: [{ id: 9, text: "Do it\rRRULE:FREQ=SECONDLY\u0007", owners: [{ agencyId: 1, code: "VNC", name: "", shareDone: false }], status: "open", dueOn: "2025-12-31", agreedAt: { conferenceId: 3, number: 17 } }],
      origin: "http://localhost",
      t,
    });
    // Every line break is a CRLF, and nothing else in the file is a control character.
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\p{Cc}/u);
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual(["17th END:VEVENT ", "Due: Do it RRULE:FREQ=SECONDLY "]);
    expect(events[0].location).toBe("Hà Nội ATTENDEE:evil");
    expect(text).not.toMatch(/^(X-INJECTED|ATTENDEE|RRULE)/m);
  });


  it("gives the exclusive end day of an all-day event, across months and leap days", () => {
    expect(dayAfter("2025-08-14")).toBe("2025-08-15");
    expect(dayAfter("2025-12-31")).toBe("2026-01-01");
    expect(dayAfter("2024-02-28")).toBe("2024-02-29");
  });

  it("folds lines at 75 octets without splitting a character, and unfolds to the same text", () => {
    const long = `SUMMARY:${"Hội nghị 海关总署缉私局 ".repeat(12)}😀 end`;
    const folded = foldOctets(`BEGIN:VCALENDAR\r\n${long}\r\nEND:VCALENDAR`);
    const lines = folded.split("\r\n");
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.slice(2, -1).every((l) => l.startsWith(" "))).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(`BEGIN:VCALENDAR\r\n${long}\r\nEND:VCALENDAR`);
  });

  it("writes a calendar ical.js reads, with DATE values for all-day events", () => {
    const text = seriesCalendar({
      series: { slug: "s", name: "Series ưu tiên" },
      conferences: [{ id: 3, number: 17, title: "17th", status: "concluded", startsOn: "2025-08-12", endsOn: "2025-08-14", venue: "", format: "online" }],
      commitments: [{ id: 9, text: "Do it; now, please", owners: [{ agencyId: 1, code: "VNC", name: "", shareDone: false }], status: "open", dueOn: "2025-12-31", agreedAt: { conferenceId: 3, number: 17 } }],
      origin: "http://localhost",
      t,
    });
    const events = new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events.map((e) => [e.uid, e.summary, e.startDate.toString(), e.endDate.toString(), e.startDate.isDate])).toEqual([
      ["conference-3.s@accord", "17th", "2025-08-12", "2025-08-15", true],
      ["commitment-9-due.s@accord", "Due: Do it; now, please", "2025-12-31", "2026-01-01", true],
    ]);
    expect(events[0].location).toBe("Online");
  });
});

describe("escapeMarkdown", () => {
  it("escapes inline formatting and block markers at the start of a line", () => {
    expect(escapeMarkdown("*bold* _it_ `code` [link](x) <b> a|b ~s~ & c")).toBe("\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\> a\\|b \\~s\\~ \\& c");
    expect(escapeMarkdown("# title\n- item\n+ item\n= under\n12. point\n3) point")).toBe("\\# title\n\\- item\n\\+ item\n\\= under\n12\\. point\n3\\) point");
    expect(escapeMarkdown("Hội nghị 2025 - 海关")).toBe("Hội nghị 2025 - 海关");
  });
});

describe("dates in the record's exports", () => {
  const record = {
    seriesName: "S",
    conference: { number: 2, title: "T", startsOn: "2027-03-01", endsOn: "2027-03-02", venue: "Hà Nội", format: "in_person" as const, host: null },
    adoptedAt: "2027-03-02T10:00:00.000Z",
    adoptedBy: "Lan",
    sha256: "x",
    agenda: [],
    actions: [],
    languages: { base: "en", working: ["en"], authentic: ["en"] },
    parties: [],
  };
  const action = (due: string | null) => ({ id: "a", text: "x", owners: [], due }) as unknown as Parameters<ReturnType<typeof recordTexts>["due"]>[0];

  it("writes due dates and conference dates the reader's way, never as raw 2027-03-01", () => {
    for (const locale of ["en", "vi", "zh"] as const) {
      const x = recordTexts(record, locale);
      expect(x.due(action("2027-03-01"))).not.toContain("2027-03-01");
      expect(x.dates).not.toContain("2027-03-01");
    }
    expect(recordTexts(record, "en").due(action("2027-03-01"))).toBe("1 March 2027");
    expect(recordTexts(record, "zh").due(action("2027-03-01"))).toBe("2027年3月1日");
  });

  it("shows a due value that is not a date as typed instead of failing the export", () => {
    expect(recordTexts(record, "en").due(action("soon"))).toBe("soon");
  });
});
