import { describe, expect, it } from "vitest";
import { contentLanguage, parseAuthenticLanguages, parseWorkingLanguages } from "../../../../app/i18n/working-languages";

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

describe("a series' authentic languages", () => {
  it.each([
    ["[]", ["vi", "zh", "en"], ["vi", "zh", "en"]],
    ['["zh","vi"]', ["vi", "zh", "en"], ["vi", "zh"]],
    ['["en"]', ["vi", "zh", "en"], ["en"]],
    ['["lo","vi"]', ["vi", "lo"], ["vi", "lo"]],
    ['["zh"]', ["vi", "en"], ["vi", "en"]],
    ["not json", ["vi", "zh"], ["vi", "zh"]],
    [null, ["vi"], ["vi"]],
    ['["vi","xx","vi"]', ["vi", "zh"], ["vi"]],
  ] as const)("%s of %j is read as %j", (stored, working, expected) => {
    expect(parseAuthenticLanguages(stored, working)).toEqual(expected);
  });

  it("keeps Lao as a working language while the interface speaks English, Vietnamese and Chinese", () => {
    expect(parseWorkingLanguages('["vi","lo"]')).toEqual(["vi", "lo"]);
    expect(contentLanguage(["lo", "vi"])).toBe("vi");
    expect(contentLanguage(["lo"])).toBe("en");
  });
});
