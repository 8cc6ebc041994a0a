import { describe, expect, it } from "vitest";
import { collatorFor, sortByText } from "../../../../app/i18n/collate";

const names = (list: string[], locale: "en" | "vi" | "zh") => sortByText(list, locale, (n) => n);

describe("lists sorted the way the viewer reads", () => {
  it("sorts Vietnamese names in the Vietnamese alphabet: Dương, Đặng, Vũ", () => {
    expect(names(["Vũ Đức Thắng", "Đặng Văn Hải", "Dương Thị Hoa", "Nông Văn Bình"], "vi")).toEqual([
      "Dương Thị Hoa",
      "Đặng Văn Hải",
      "Nông Văn Bình",
      "Vũ Đức Thắng",
    ]);
    // Byte order, as SQL would give it, puts Đ after V.
    expect(["Vũ", "Đặng"].sort()).toEqual(["Vũ", "Đặng"]);
  });

  it("sorts Chinese names by pinyin", () => {
    // 黄 huáng, 李 lǐ, 张 zhāng
    expect(names(["张伟", "李娜", "黄海"], "zh")).toEqual(["黄海", "李娜", "张伟"]);
  });

  it("sorts by several keys in turn, and numbers by value", () => {
    const rows = [
      { role: "secretariat", name: "Vũ" },
      { role: "delegate", name: "Vũ" },
      { role: "delegate", name: "Đặng" },
    ];
    expect(sortByText(rows, "vi", (r) => r.role, (r) => r.name)).toEqual([rows[2], rows[1], rows[0]]);
    expect(names(["Conference 10", "Conference 9"], "en")).toEqual(["Conference 9", "Conference 10"]);
  });

  it("builds one collator per language", () => {
    expect(collatorFor("vi")).toBe(collatorFor("vi"));
  });
});
