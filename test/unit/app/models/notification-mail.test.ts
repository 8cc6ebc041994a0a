import { describe, expect, it } from "vitest";
import { renderNotificationMail, signInLink } from "../../../../app/models/notification-mail.server";

const base = { path: "/commitments/42", origin: "https://accord.example.org" };

describe("notification mail", () => {
  it("is written in the recipient's language, with the same sentence as in the app", () => {
    const params = { series: "Mekong", commitment: "Joint patrol", dueOn: "2026-03-05", days: 3 };
    expect(renderNotificationMail({ ...base, kind: "due", params, recipient: { name: "Alice", locale: "en" } }).subject).toBe("Mekong: “Joint patrol” is due in 3 days, on 5 March 2026.");
    expect(renderNotificationMail({ ...base, kind: "due", params: { ...params, days: 1 }, recipient: { name: "Alice", locale: "en" } }).subject).toBe("Mekong: “Joint patrol” is due in 1 day, on 5 March 2026.");
    expect(renderNotificationMail({ ...base, kind: "due", params, recipient: { name: "An", locale: "vi" } }).subject).toBe("Mekong: “Joint patrol” đến hạn sau 3 ngày, vào 5 tháng 3, 2026.");
    expect(renderNotificationMail({ ...base, kind: "due", params, recipient: { name: "王芳", locale: "zh" } }).subject).toBe("Mekong：“Joint patrol”将于3天后（2026年3月5日）到期。");
    expect(renderNotificationMail({ ...base, kind: "due", params: { ...params, days: 0 }, recipient: { name: "Alice", locale: "en" } }).subject).toBe("Mekong: “Joint patrol” is due today.");
  });

  it("links to the thing through sign-in and to the preferences, in text and HTML", () => {
    const mail = renderNotificationMail({ ...base, kind: "assigned", params: { series: "Mekong", commitment: "Patrol" }, recipient: { name: "Alice", locale: "en" } });
    expect(mail.text).toContain("Open in Accord: https://accord.example.org/login?redirectTo=%2Fcommitments%2F42");
    expect(mail.text).toContain("https://accord.example.org/login?redirectTo=%2Fnotifications%2Fsettings");
    expect(mail.html).toContain('href="https://accord.example.org/login?redirectTo=%2Fcommitments%2F42"');
    expect(signInLink("https://a.example", "/series/x/conferences/2/record")).toBe("https://a.example/login?redirectTo=%2Fseries%2Fx%2Fconferences%2F2%2Frecord");
  });

  it("escapes what people typed in the HTML part", () => {
    const mail = renderNotificationMail({ ...base, kind: "assigned", params: { series: "S", commitment: "<script>alert(1)</script> & co" }, recipient: { name: "<b>Eve</b>", locale: "en" } });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect(mail.html).toContain("Hello &lt;b&gt;Eve&lt;/b&gt;,");
  });

  it("gives the commitment in the recipient's language where it has a text in it, else another working language's, marked", () => {
    const commitmentIn = { texts: { vi: "Tuần tra chung", zh: "联合巡逻" }, working: ["vi", "zh", "en"], base: "vi" };
    const params = { series: "Mekong", commitment: "Tuần tra chung", commitmentIn, dueOn: "2026-03-05", days: 3 };
    const mail = (locale: string) => renderNotificationMail({ ...base, kind: "due", params, recipient: { name: "X", locale } });
    expect(mail("zh").subject).toBe("Mekong：“联合巡逻”将于3天后（2026年3月5日）到期。");
    expect(mail("zh").html).toContain("联合巡逻");
    expect(mail("vi").subject).toBe("Mekong: “Tuần tra chung” đến hạn sau 3 ngày, vào 5 tháng 3, 2026.");
    expect(mail("en").subject).toBe("Mekong: “Tuần tra chung [Tiếng Việt; no English text yet]” is due in 3 days, on 5 March 2026.");
    expect(mail("en").text).toContain("Tuần tra chung [Tiếng Việt; no English text yet]");
    // A digest gathers them the same way.
    const digest = renderNotificationMail({ ...base, kind: "digest", params: { items: [{ kind: "assigned", params, path: "/commitments/42" }] }, recipient: { name: "X", locale: "zh" } });
    expect(digest.text).toContain("联合巡逻");
    expect(digest.text).not.toContain("Tuần tra chung");
  });

  it("falls back to English for an unknown language", () => {
    expect(renderNotificationMail({ ...base, kind: "concluded", params: { series: "S", conference: 17 }, recipient: { name: "X", locale: "fr" } }).subject).toBe("S: conference No. 17 has concluded and its record is adopted.");
  });
});
