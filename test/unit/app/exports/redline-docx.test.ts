import { describe, expect, it } from "vitest";
import { redlineDocx } from "../../../../app/exports/redline-docx.server";
import { readZip } from "../../../helpers/zip";

// The Word redline's tracked changes, read back from document.xml: each
// insertion a w:ins and each deletion a w:del, by "Name (PARTY)" and dated;
// one document per language, holding that language's texts only.
const who = {
  marks: { 0: { userId: "u-vn", at: "2026-12-01T08:15:30.123Z" }, 1: { userId: "u-cn", at: "2026-12-02T09:00:00.000Z" } },
  people: { "u-vn": { userId: "u-vn", name: "Nguyễn Thị Lan", party: "VNC" }, "u-cn": { userId: "u-cn", name: "张伟", party: "GACC" } },
  parties: [{ code: "VNC", name: "Vietnam Customs" }, { code: "GACC", name: "GACC" }],
};

async function documentXml(language: string) {
  const buffer = await redlineDocx(
    {
      seriesName: "Vietnam–China",
      conferenceTitle: "18th conference",
      language,
      between: "From A to B.",
      entries: [
        {
          list: "agenda",
          id: "a1",
          change: "changed",
          number: 1,
          by: [0, 1],
          fields: [
            { key: "title", field: "title", language: "vi", parts: [{ type: "equal", text: "Chống buôn lậu " }, { type: "delete", text: "ma túy", by: 1 }, { type: "insert", text: "động vật hoang dã", by: 0 }] },
            { key: "title@zh", field: "title", language: "zh", parts: [{ type: "insert", text: "打击野生动物走私", by: 1 }] },
          ],
        },
        { list: "action", id: "b1", change: "added", number: 1, by: [1], fields: [{ key: "owners", field: "owners", language: null, parts: [{ type: "insert", text: "GACC", by: 1 }] }] },
      ],
      who,
    },
    "en",
  );
  return readZip(buffer).get("word/document.xml")!.toString("utf8");
}

describe("redline as Word", () => {
  it("writes each change as a tracked change by its author and party, with its date", async () => {
    const xml = await documentXml("vi");
    expect(xml).toContain('<w:t xml:space="preserve">Chống buôn lậu </w:t>');
    expect(xml).toMatch(/<w:del w:id="\d+" w:author="张伟 \(GACC\)" w:date="2026-12-02T09:00:00Z"><w:r><w:delText xml:space="preserve">ma túy<\/w:delText><\/w:r><\/w:del>/);
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Nguyễn Thị Lan \(VNC\)" w:date="2026-12-01T08:15:30Z"><w:r><w:t xml:space="preserve">động vật hoang dã<\/w:t><\/w:r><\/w:ins>/);
    // Fields without a language (owners) are in every language's document; the Chinese title is not in the Vietnamese one.
    expect(xml).toMatch(/<w:ins [^>]*w:author="张伟 \(GACC\)"[^>]*><w:r><w:t xml:space="preserve">GACC<\/w:t>/);
    expect(xml).not.toContain("打击野生动物走私");
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("holds the other language's texts in its own document", async () => {
    const xml = await documentXml("zh");
    expect(xml).toMatch(/<w:ins [^>]*w:author="张伟 \(GACC\)"[^>]*><w:r><w:t xml:space="preserve">打击野生动物走私<\/w:t>/);
    expect(xml).not.toContain("ma túy");
  });
});
