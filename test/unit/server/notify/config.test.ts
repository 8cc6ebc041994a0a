import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../../server/config";
import { retryDelay } from "../../../../server/notify/delivery";

describe("notification settings in the environment", () => {
  it("sends no mail by default, scans every minute, and holds the lease longer than a round and a slow send", () => {
    const { notify } = loadConfig({});
    expect(notify.smtpUrl).toBeNull();
    expect(notify.mailFrom).toBe("Accord <accord@localhost>");
    expect(notify.intervalMs).toBe(60_000);
    expect(notify.leaseMs).toBeGreaterThanOrEqual(3 * notify.intervalMs);
    expect(loadConfig({ ACCORD_NOTIFY_INTERVAL_MS: "200" }).notify.leaseMs).toBe(60_000);
    expect(loadConfig({ SMTP_URL: "" }).notify.smtpUrl).toBeNull();
  });

  it("reads an smtp:// or smtps:// URL and a from-address", () => {
    const config = loadConfig({ SMTP_URL: "smtps://mailer:secret@mail.example.org:465", ACCORD_MAIL_FROM: "Accord <no-reply@example.org>" });
    expect(config.notify.smtpUrl).toBe("smtps://mailer:secret@mail.example.org:465");
    expect(config.notify.mailFrom).toBe("Accord <no-reply@example.org>");
  });

  it("refuses what is not a mail server URL or an address, naming the variable", () => {
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: "not a url" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ACCORD_MAIL_FROM: "nobody" })).toThrow(/ACCORD_MAIL_FROM/);
    expect(() => loadConfig({ ACCORD_NOTIFY_INTERVAL_MS: "0" })).toThrow(/ACCORD_NOTIFY_INTERVAL_MS/);
  });
});

describe("retryDelay", () => {
  it("doubles from the base and stops at an hour", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(60_000, n))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelay(60_000, 30)).toBe(3_600_000);
  });
});
