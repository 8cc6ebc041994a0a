import { describe, expect, it } from "vitest";
import { isLocale, localeFromAcceptLanguage } from "../../../../app/i18n/locales";

describe("localeFromAcceptLanguage", () => {
  it("takes the first supported language, regional variants included", () => {
    expect(localeFromAcceptLanguage("vi-VN,vi;q=0.9,en;q=0.8")).toBe("vi");
    expect(localeFromAcceptLanguage("zh-CN")).toBe("zh");
    expect(localeFromAcceptLanguage("zh-Hant-TW")).toBe("zh");
    expect(localeFromAcceptLanguage("en-US")).toBe("en");
  });

  it("ranks by quality, not by position", () => {
    expect(localeFromAcceptLanguage("en;q=0.5, vi;q=0.9")).toBe("vi");
    expect(localeFromAcceptLanguage("fr, zh;q=0.3, en;q=0.2")).toBe("zh");
  });

  it("skips languages it does not have and those refused with q=0", () => {
    expect(localeFromAcceptLanguage("fr-FR, de;q=0.9, vi;q=0.1")).toBe("vi");
    expect(localeFromAcceptLanguage("vi;q=0, en;q=0.1")).toBe("en");
  });

  it("is not fooled by case or spaces", () => {
    expect(localeFromAcceptLanguage("  VI-vn ; q=0.8 ,  EN ; q=0.7")).toBe("vi");
  });

  it("answers null when nothing matches or there is no header", () => {
    expect(localeFromAcceptLanguage("fr, de")).toBeNull();
    expect(localeFromAcceptLanguage("*")).toBeNull();
    expect(localeFromAcceptLanguage("")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });

  it("treats a malformed quality as zero rather than crashing", () => {
    expect(localeFromAcceptLanguage("vi;q=abc, zh;q=0.5")).toBe("zh");
  });
});

describe("isLocale", () => {
  it("accepts exactly en, vi and zh", () => {
    expect(["en", "vi", "zh"].every(isLocale)).toBe(true);
    for (const other of ["EN", "vi-VN", "fr", "", null, undefined, 1]) expect(isLocale(other)).toBe(false);
  });
});
