import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDueDate, formatNumber } from "../../../../app/i18n/format";

describe("formatting for the reader's language", () => {
  const day = "2026-03-05T10:00:00Z";

  it("writes dates the way each language does", () => {
    expect(formatDate("en", day)).toBe("5 Mar 2026");
    expect(formatDate("zh", day)).toBe("2026年3月5日");
    // Vietnamese puts the day first and names the month "tháng"/"thg".
    expect(formatDate("vi", day)).toMatch(/^0?5 (thg|tháng) 0?3,? 2026$/);
  });

  it("writes numbers with each language's separators", () => {
    expect(formatNumber("en", 1234567.5)).toBe("1,234,567.5");
    expect(formatNumber("vi", 1234567.5)).toBe("1.234.567,5");
    expect(formatNumber("zh", 1234567.5)).toBe("1,234,567.5");
  });
});

describe("date and time together", () => {
  it("puts the date before the time in Vietnamese, as in the other languages", () => {
    const at = new Date(2026, 2, 5, 10, 0);
    const vi = formatDateTime("vi", at);
    expect(vi).toMatch(/^0?5 (thg|tháng) 0?3,? 2026, 10:00$/);
    expect(formatDateTime("en", at)).toBe("5 Mar 2026, 10:00");
    expect(formatDateTime("zh", at)).toBe("2026年3月5日 10:00");
  });
});

describe("due dates from a shared document", () => {
  it("are written the reader's way, and a value that is not a date is shown as typed", () => {
    expect(formatDueDate("en", "2027-03-01")).toBe("1 Mar 2027");
    expect(formatDueDate("zh", "2027-03-01", "long")).toBe("2027年3月1日");
    expect(formatDueDate("vi", "2027-03-01")).not.toContain("2027-03-01");
    expect(formatDueDate("en", "2027-02-31x")).toBe("2027-02-31x");
    expect(formatDueDate("en", "2027-13-45")).toBe("2027-13-45");
  });
});
