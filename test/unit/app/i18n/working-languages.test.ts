import { describe, expect, it } from "vitest";
import { contentLanguage, parseWorkingLanguages } from "../../../../app/i18n/working-languages";

describe("a series' working languages", () => {
  it.each([
    ['["vi","zh"]', ["vi", "zh"]],
    ['["zh","vi","en"]', ["zh", "vi", "en"]],
    ['["en"]', ["en"]],
    ['["vi","vi","xx"]', ["vi"]],
    ["[]", ["en"]],
    ["not json", ["en"]],
    [null, ["en"]],
    ['{"vi":true}', ["en"]],
  ] as const)("%s is read as %j", (stored, expected) => {
    expect(parseWorkingLanguages(stored)).toEqual(expected);
  });

  it("writes new content in the first working language", () => {
    expect(contentLanguage(["vi", "zh"])).toBe("vi");
    expect(contentLanguage(["zh", "vi"])).toBe("zh");
    expect(contentLanguage([])).toBe("en");
  });
});
