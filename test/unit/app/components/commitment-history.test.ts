import { describe, expect, it } from "vitest";
import { historySentence } from "../../../../app/components/commitment-history";
import { i18nFor } from "../../../../app/i18n/i18n";
import type { Locale } from "../../../../app/i18n/locales";

const say = (locale: Locale, kind: string, from: string | null, to: string | null) => historySentence({ kind, from, to }, i18nFor(locale).t, locale);

describe("a status history entry reads as a sentence", () => {
  it.each([
    ["en", "share_done", null, "GACC", "GACC confirmed its share"],
    ["vi", "share_done", null, "GACC", "GACC đã xác nhận hoàn thành phần việc của mình"],
    ["zh", "share_done", null, "GACC", "GACC已确认完成其部分"],
    ["en", "status", "open", "done", "Status changed from Open to Done"],
    ["en", "status", null, "open", "Status set to Open"],
    ["en", "owners", null, "VNC, GACC", "Owners: VNC, GACC"],
    ["en", "owners", "VNC", "VNC, GACC", "Owners changed from VNC to VNC, GACC"],
    ["en", "due", "2027-03-01", "next", "Due date changed from 1 Mar 2027 to By the next conference"],
    ["en", "due", null, "2027-03-01", "Due date set: 1 Mar 2027"],
    ["en", "due", "next", null, "Due date removed"],
    ["en", "created", null, "open", "Commitment recorded"],
    ["en", "review", null, "carried", "Reviewed: Carried over"],
    ["vi", "review", null, "carried", "Rà soát: Chuyển kỳ"],
    ["zh", "review", null, "carried", "审议结果：顺延至下次会议"],
  ] as const)("%s %s %s → %s", (locale, kind, from, to, expected) => {
    expect(say(locale, kind, from, to)).toBe(expected);
  });

  it("never shows an arrow from nothing", () => {
    for (const locale of ["en", "vi", "zh"] as const) {
      for (const kind of ["created", "status", "share_done", "share_reopened", "owners", "due", "text", "review"]) {
        expect(say(locale, kind, null, "X")).not.toMatch(/—|→/);
      }
    }
  });

  it("names an event kind it does not know by its label or its key, not a catalog path", () => {
    expect(say("en", "proposed_drop", null, null)).toBe("proposed_drop");
  });
});
