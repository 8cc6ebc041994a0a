import { describe, expect, it } from "vitest";
import { inEveryLanguage, textsByLanguage } from "../../../../app/http/api-texts.server";

describe("a text field as /api/v1 answers it", () => {
  const reader = (locale: string) => ({ locale, working: ["vi", "zh", "en"] });

  it("is named by one rule, 'text' answering `texts`", () => {
    expect(inEveryLanguage("title", reader("zh"), { language: "vi", text: "Hợp tác" }, { zh: "合作" })).toEqual({
      title: "Hợp tác",
      titleLanguage: "vi",
      titleTexts: { vi: "Hợp tác", zh: "合作" },
      viewerTitle: { text: "合作", language: "zh" },
    });
    expect(inEveryLanguage("text", reader("vi"), { language: "vi", text: "Trao đổi" })).toEqual({
      text: "Trao đổi",
      textLanguage: "vi",
      texts: { vi: "Trao đổi" },
      viewerText: { text: "Trao đổi", language: "vi" },
    });
  });

  it.each([
    ["the reader's own", "zh", { zh: "合作", en: "Cooperation" }, { text: "合作", language: "zh" }],
    ["the first working language's when the reader's is missing", "en", { zh: "合作" }, { text: "Hợp tác", language: "vi" }],
    ["the next working language's when the base is empty too", "en", { zh: "合作" }, { text: "合作", language: "zh" }, ""],
    ["a blank text counts as none", "en", { en: "  " }, { text: "Hợp tác", language: "vi" }],
  ])("shows the viewer %s", (_what, locale, others, viewer, baseText = "Hợp tác") => {
    expect(inEveryLanguage("notes", reader(locale), { language: "vi", text: baseText }, others).viewerNotes).toEqual(viewer);
  });

  it("keeps the base text even empty, and other languages only with a text", () => {
    expect(textsByLanguage({ language: "vi", text: "" }, { zh: "", en: " ", lo: "ການຮ່ວມມື", vi: "ignored" })).toEqual({ vi: "", lo: "ການຮ່ວມມື" });
  });
});
