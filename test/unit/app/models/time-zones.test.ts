import { describe, expect, it } from "vitest";
import { effectiveTimeZone, endOfQuietHours, isTimeZone } from "../../../../app/models/time-zones";

describe("time zones", () => {
  it("knows real zone names and refuses others", () => {
    expect(isTimeZone("Asia/Ho_Chi_Minh")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("../../etc")).toBe(false);
  });

  it("takes the person's zone, else the agency's, else one from its country, else UTC", () => {
    expect(effectiveTimeZone("Europe/London", "Asia/Shanghai", "CN")).toBe("Europe/London");
    expect(effectiveTimeZone(null, "Asia/Shanghai", "VN")).toBe("Asia/Shanghai");
    expect(effectiveTimeZone(null, null, "VN")).toBe("Asia/Ho_Chi_Minh");
    expect(effectiveTimeZone("Bad/Zone", null, "US")).toBe("UTC");
  });
});

describe("quiet hours", () => {
  it("are from 21:00 to 07:00 where the recipient is", () => {
    // 14:00 UTC is 21:00 in Hanoi: quiet until 07:00 there (00:00 UTC).
    expect(endOfQuietHours(new Date("2026-03-20T14:00:00Z"), "Asia/Ho_Chi_Minh")?.toISOString()).toBe("2026-03-21T00:00:00.000Z");
    expect(endOfQuietHours(new Date("2026-03-20T13:59:00Z"), "Asia/Ho_Chi_Minh")).toBeNull();
    // 23:30 UTC is 06:30 in Hanoi: half an hour to go.
    expect(endOfQuietHours(new Date("2026-03-20T23:30:00Z"), "Asia/Ho_Chi_Minh")?.toISOString()).toBe("2026-03-21T00:00:00.000Z");
    expect(endOfQuietHours(new Date("2026-03-21T00:00:00Z"), "Asia/Ho_Chi_Minh")).toBeNull();
    // The same instant is daytime in London.
    expect(endOfQuietHours(new Date("2026-03-20T14:00:00Z"), "Europe/London")).toBeNull();
  });
});
