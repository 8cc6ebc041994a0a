import { describe, expect, it } from "vitest";
import { commitmentForReader, pickText, textState, type StoredText } from "../../../../app/models/parallel-text-rules";

const BASE = { language: "vi", text: "Trao đổi thông tin hằng tháng" };
const aligned = (text: string, alignedText: string | null, alignedLanguage: string | null = "vi"): StoredText => ({ text, alignedText, alignedLanguage });

describe("whether a text is still in line with its base", () => {
  it.each([
    ["the base language itself", "vi", undefined, "base"],
    ["no text in that language", "zh", undefined, "missing"],
    ["an empty text", "zh", aligned("  ", BASE.text), "missing"],
    ["confirmed against the base as it is", "zh", aligned("每月交换信息", BASE.text), "current"],
    ["confirmed against an earlier base", "zh", aligned("每月交换信息", "Trao đổi thông tin"), "stale"],
    ["confirmed against a base changed and changed back differently", "zh", aligned("每月交换信息", "Trao đổi thông tin hằng  tháng"), "stale"],
    ["confirmed against another language (the base language changed)", "zh", aligned("每月交换信息", BASE.text, "en"), "stale"],
    ["never confirmed", "en", aligned("Exchange information monthly", null, null), "unconfirmed"],
  ] as const)("%s → %s", (_, language, stored, kind) => {
    expect(textState(language, BASE, stored).kind).toBe(kind);
  });

  it("shows the words added to and removed from the base since the last confirmation", () => {
    const state = textState("zh", { language: "vi", text: "Trao đổi thông tin hằng quý về ma túy" }, aligned("每月交换信息", "Trao đổi thông tin hằng tháng"));
    expect(state.kind).toBe("stale");
    if (state.kind !== "stale") return;
    expect(state.changes.filter((p) => p.type === "delete").map((p) => p.text.trim())).toEqual(["tháng"]);
    expect(state.changes.filter((p) => p.type === "insert").map((p) => p.text.trim())).toEqual(["quý về ma túy"]);
  });
});

describe("which text a reader is shown", () => {
  const working = ["vi", "zh", "en"];
  it.each([
    ["their own language when it exists", { vi: "Trao đổi", zh: "交换" }, "zh", "zh", null],
    ["else the series' first working language, marked", { vi: "Trao đổi", zh: "交换" }, "en", "vi", "en"],
    ["else the next working language", { zh: "交换", en: "" }, "en", "zh", "en"],
    ["an empty text counts as none", { vi: "  ", zh: "交换" }, "vi", "zh", "vi"],
    ["else the base, even outside the working languages", { lo: "ແລກປ່ຽນ" }, "vi", "lo", "vi"],
  ] as const)("%s", (_, texts, reader, language, wanted) => {
    const shown = pickText(texts, reader, working, "lo");
    expect(shown.language).toBe(language);
    expect(shown.wanted).toBe(wanted);
    expect(shown.text).toBe((texts as Record<string, string>)[language]);
  });

  it("gives a commitment's text and its latest note each in the reader's language where they exist", () => {
    const shown = commitmentForReader(
      {
        text: "Trao đổi",
        baseLanguage: "vi",
        texts: { vi: "Trao đổi", zh: "交换" },
        languages: ["vi", "zh"],
        lastFollowUp: { at: "2026-01-01", note: "Đã trao đổi 2.600 tin", baseLanguage: "vi", texts: { vi: "Đã trao đổi 2.600 tin" } },
      },
      "zh",
    );
    expect(shown.text).toBe("交换");
    expect(shown.shown).toEqual({ language: "zh", wanted: null });
    expect(shown.lastFollowUp?.note).toBe("Đã trao đổi 2.600 tin");
    expect(shown.lastFollowUp?.shown).toEqual({ language: "vi", wanted: "zh" });
  });
});
