import JSZip from "jszip";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { agreementDocx, type AgreementExport } from "../../../../app/exports/agreement-docx.server";
import { closingFormula } from "../../../../app/exports/closing-formula";
import { recordDocx } from "../../../../app/exports/record-docx.server";
import { markdownLanguage, recordMarkdown } from "../../../../app/exports/record-markdown.server";
import type { RecordExport } from "../../../../app/exports/record.server";
import { vi } from "../../../../app/i18n/catalogs/vi";
import { zh } from "../../../../app/i18n/catalogs/zh";

// Records with texts in several languages, built here as adoption will store
// them (agenda items and actions with `texts` per language), read back with
// real parsers: mammoth for the text of the Word file, its XML for the layout.

function parallelRecord(authentic: string[], working = authentic): RecordExport {
  return {
    seriesName: "Vietnam–China Customs Anti-Smuggling Cooperation Conference",
    conference: {
      number: 18,
      title: "Hội nghị lần thứ 18",
      titles: { vi: "Hội nghị lần thứ 18", zh: "第十八次会议", en: "18th Conference" },
      startsOn: "2026-08-12",
      endsOn: "2026-08-13",
      venue: "Hà Nội",
      format: "in_person",
      host: { code: "VNC", name: "Tổng cục Hải quan Việt Nam" },
    },
    adoptedAt: "2026-08-13T10:00:00.000Z",
    adoptedBy: "Nguyễn Thị Lan",
    sha256: "ab".repeat(32),
    agenda: [
      {
        id: "a1",
        position: "a0",
        title: "Chiến dịch Rồng Mê Kông",
        kind: "thematic",
        leadParty: "GACC",
        startTime: "09:00",
        durationMinutes: 60,
        notesText: "Đã phát hiện hơn 4.500 vụ việc.",
        outcomeText: "Hai bên nhất trí tiếp tục chiến dịch.",
        texts: {
          vi: { title: "Chiến dịch Rồng Mê Kông", notesText: "Đã phát hiện hơn 4.500 vụ việc.", outcomeText: "Hai bên nhất trí tiếp tục chiến dịch." },
          zh: { title: "湄公龙联合行动", notesText: "已查获案件逾4,500起。", outcomeText: "双方同意继续开展联合行动。" },
          en: { title: "Operation Mekong Dragon", notesText: "", outcomeText: "" },
        },
      },
    ],
    actions: [
      {
        id: "x1",
        position: "a0",
        text: "Trao đổi thông tin hằng tháng",
        owners: ["VNC", "GACC"],
        due: "next",
        texts: { vi: { text: "Trao đổi thông tin hằng tháng" }, zh: { text: "每月交换信息" }, en: { text: "" } },
      },
    ],
    languages: { base: "vi", working, authentic },
    parties: [
      { code: "VNC", name: "Tổng cục Hải quan Việt Nam" },
      { code: "GACC", name: "中华人民共和国海关总署" },
    ],
  };
}

async function documentXml(buffer: Buffer): Promise<string> {
  return (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
}

describe("the closing formula of equal authenticity", () => {
  it.each([
    ["en", ["vi", "zh"], "This record is done in two originals, in the Vietnamese and Chinese languages, both texts being equally authentic."],
    ["vi", ["vi", "zh"], "Biên bản này được lập thành hai bản gốc bằng tiếng Việt và tiếng Trung Quốc, hai văn bản có giá trị như nhau."],
    ["zh", ["vi", "zh"], "本纪要一式两份，分别以越南文和中文写成，两种文本同等作准。"],
    ["lo", ["vi", "lo"], "ເຮັດເປັນສອງສະບັບ ເປັນພາສາຫວຽດນາມ ແລະ ພາສາລາວ, ທັງສອງສະບັບມີຄຸນຄ່າເທົ່າທຽມກັນ."],
    ["en", ["vi", "zh", "en"], "This record is done in three originals, in the Vietnamese, Chinese and English languages, all texts being equally authentic."],
    ["vi", ["vi", "zh", "en"], "Biên bản này được lập thành ba bản gốc bằng tiếng Việt, tiếng Trung Quốc và tiếng Anh, các văn bản có giá trị như nhau."],
    ["zh", ["vi", "zh", "en"], "本纪要一式三份，分别以越南文、中文和英文写成，各种文本同等作准。"],
    ["vi", ["vi"], "Biên bản này được lập thành một bản gốc bằng tiếng Việt."],
  ] as const)("in %s for %j", (language, authentic, expected) => {
    expect(closingFormula(language, authentic)).toBe(expected);
  });

  it("names an agreement as such", () => {
    expect(closingFormula("zh", ["vi", "zh"], "agreement")).toBe("本协议一式两份，分别以越南文和中文写成，两种文本同等作准。");
    expect(closingFormula("vi", ["vi", "zh"], "agreement")).toMatch(/^Văn bản thỏa thuận này được lập thành hai bản gốc/);
  });
});

describe("the record in Word, each authentic language in turn", () => {
  it("writes the Vietnamese version, then the Chinese one, each whole in its language and closed by its formula", async () => {
    const buffer = await recordDocx(parallelRecord(["vi", "zh"], ["vi", "zh", "en"]), "en");
    const { value: text, messages } = await mammoth.extractRawText({ buffer });
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
    const viStart = text.indexOf("Hội nghị lần thứ 18");
    const zhStart = text.indexOf("第十八次会议");
    expect(viStart).toBeGreaterThanOrEqual(0);
    expect(zhStart).toBeGreaterThan(viStart);
    const viPart = text.slice(viStart, zhStart);
    const zhPart = text.slice(zhStart);
    for (const expected of [vi.record.agenda, "1. Chiến dịch Rồng Mê Kông", "Đã phát hiện hơn 4.500 vụ việc.", vi.record.actions, "Trao đổi thông tin hằng tháng", closingFormula("vi", ["vi", "zh"])]) {
      expect(viPart).toContain(expected);
    }
    for (const expected of [zh.record.agenda, "1. 湄公龙联合行动", "已查获案件逾4,500起。", "双方同意继续开展联合行动。", zh.record.actions, "每月交换信息", closingFormula("zh", ["vi", "zh"])]) {
      expect(zhPart).toContain(expected);
    }
    // English is a working language here, not an authentic one: not in the originals.
    expect(text).not.toContain("Operation Mekong Dragon");
    expect(viPart).not.toContain("湄公龙");
    const xml = await documentXml(buffer);
    // One section (its own pages) per language, its runs tagged with the language.
    expect(xml.match(/<w:sectPr/g)).toHaveLength(2);
    expect(xml).toContain('w:val="vi-VN"');
    expect(xml).toContain('w:eastAsia="zh-CN"');
  });

  it("says where an authentic language has no text, rather than putting another language's words in its place", async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: await recordDocx(parallelRecord(["vi", "en"], ["vi", "en"]), "en") });
    const enPart = text.slice(text.indexOf("18th Conference"));
    expect(enPart).toContain("1. Operation Mekong Dragon");
    expect(enPart).toContain("(no English text)");
    expect(enPart).not.toContain("Trao đổi thông tin hằng tháng");
    expect(enPart).toContain("This record is done in two originals, in the Vietnamese and English languages, both texts being equally authentic.");
  });
});

describe("the record in Word, side by side", () => {
  it("puts each authentic language in a column of its own, landscape, closed by the formula in each", async () => {
    const record = parallelRecord(["vi", "zh", "en"]);
    const buffer = await recordDocx(record, "en", "side-by-side");
    const { value: text } = await mammoth.extractRawText({ buffer });
    for (const expected of ["Tiếng Việt", "中文", "English", "Chiến dịch Rồng Mê Kông", "湄公龙联合行动", "Operation Mekong Dragon", "每月交换信息"]) {
      expect(text).toContain(expected);
    }
    for (const language of ["vi", "zh", "en"]) expect(text).toContain(closingFormula(language, ["vi", "zh", "en"]));
    const xml = await documentXml(buffer);
    expect(xml.match(/<w:sectPr/g)).toHaveLength(1);
    expect(xml).toContain('w:orient="landscape"');
    // A single table of three columns, each row holding the three languages of one part of the record.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    // Three equal fixed columns across the landscape page, in twips (a grid of 100-twip columns would be taken literally).
    const widths = [...xml.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(new Set(widths).size).toBe(1);
    expect(widths[0] * 3).toBeGreaterThan(13000);
    const itemRow = xml.split("<w:tr>").find((row) => row.includes("Chiến dịch Rồng Mê Kông"))!;
    expect(itemRow).toContain("湄公龙联合行动");
    expect(itemRow).toContain("Operation Mekong Dragon");
  });
});

describe("the record in Markdown, one language at a time", () => {
  it("writes the Chinese record with Chinese headings and texts and the Chinese formula", () => {
    const record = parallelRecord(["vi", "zh"]);
    const md = recordMarkdown(record, "zh");
    expect(md.startsWith("# 第十八次会议\n")).toBe(true);
    expect(md).toContain(`## ${zh.record.agenda}`);
    expect(md).toContain("### 1\\. 湄公龙联合行动");
    expect(md).toContain("1. 每月交换信息");
    expect(md).not.toContain("Trao đổi");
    expect(md.trimEnd().endsWith(closingFormula("zh", ["vi", "zh"]))).toBe(true);
  });

  it("has no closing formula in a language that is only a working one", () => {
    const md = recordMarkdown(parallelRecord(["vi", "zh"], ["vi", "zh", "en"]), "en");
    expect(md).toContain("### 1\\. Operation Mekong Dragon");
    expect(md).toContain("1. *(no English text)*");
    expect(md).not.toContain("equally authentic");
  });

  it("is written in the language asked for, else the reader's, else the record's base", () => {
    const record = parallelRecord(["vi", "zh"]);
    expect(markdownLanguage(record, "zh", "en")).toBe("zh");
    expect(markdownLanguage(record, "fr", "zh")).toBe("zh");
    expect(markdownLanguage(record, null, "en")).toBe("vi");
  });
});

describe("an agreement in Word", () => {
  const data: AgreementExport = {
    agreement: {
      title: "Bản ghi nhớ về trao đổi chuyên môn",
      baseLanguage: "vi",
      signedOn: "2025-08-14",
      signedAt: "Thành phố Hồ Chí Minh",
      validFrom: null,
      validUntil: null,
      parties: [
        { id: 1, code: "VNC", name: "Cục Điều tra chống buôn lậu", country: "VN" },
        { id: 2, code: "GACC", name: "海关总署缉私局", country: "CN" },
      ],
      signatories: [{ id: 1, name: "张伟", title: "副局长", agency: { id: 2, code: "GACC", name: "海关总署缉私局" } }],
      clauses: [
        { id: 10, position: 1, label: "1", text: "Hai bên chỉ định đầu mối kỹ thuật.", commitmentId: null },
        { id: 11, position: 2, label: "2", text: "Hai bên trao đổi thông tin hằng quý.", commitmentId: null },
      ],
    },
    seriesName: "Vietnam–China Customs Anti-Smuggling Cooperation Conference",
    titles: { vi: "Bản ghi nhớ về trao đổi chuyên môn", zh: "关于业务交流的谅解备忘录" },
    clauseTexts: new Map<number, Record<string, string>>([
      [10, { vi: "Hai bên chỉ định đầu mối kỹ thuật.", zh: "双方指定技术联络点。" }],
      [11, { vi: "Hai bên trao đổi thông tin hằng quý." }],
    ]),
    authentic: ["vi", "zh"],
  };

  it("holds each authentic language's version in turn, closed by the agreement's formula in that language", async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: await agreementDocx(data) });
    const zhPart = text.slice(text.indexOf("关于业务交流的谅解备忘录"));
    expect(text.indexOf("Bản ghi nhớ về trao đổi chuyên môn")).toBeLessThan(text.indexOf("关于业务交流的谅解备忘录"));
    expect(text).toContain("Điều 1");
    expect(text).toContain(closingFormula("vi", ["vi", "zh"], "agreement"));
    expect(zhPart).toContain("第1条");
    expect(zhPart).toContain("双方指定技术联络点。");
    expect(zhPart).toContain("（暂无中文文本）");
    expect(zhPart).toContain("本协议一式两份，分别以越南文和中文写成，两种文本同等作准。");
    expect(zhPart).toContain("张伟");
  });

  it("side by side, puts each clause's languages on one row", async () => {
    const xml = await documentXml(await agreementDocx(data, "side-by-side"));
    expect(xml).toContain('w:orient="landscape"');
    const clauseRow = xml.split("<w:tr>").find((row) => row.includes("Hai bên chỉ định đầu mối kỹ thuật."))!;
    expect(clauseRow).toContain("双方指定技术联络点。");
    expect(clauseRow).not.toContain("Hai bên trao đổi thông tin hằng quý.");
  });
});
