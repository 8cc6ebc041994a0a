import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { addUser } from "../helpers/cli";
import { withDb } from "../helpers/db";
import { HttpClient, htmlLang, htmlText, redirectPath } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery";
let server: TestServer;
let seq = 0;

beforeAll(async () => {
  server = await startServer({ demo: false });
});

async function newUser() {
  const email = `reader${++seq}@i18n.test`;
  await addUser(server.dbPath, { email, name: "Reader", password: PASSWORD });
  return email;
}

function localeOf(email: string): string {
  return (withDb(server.dbPath, (db) => db.prepare("SELECT locale FROM users WHERE email = ?").get(email)) as { locale: string }).locale;
}

describe("the catalogs under test", () => {
  // Otherwise "renders Vietnamese" below would pass on English text.
  it("are real translations of the strings these tests look for", () => {
    for (const key of ["title", "intro"] as const) {
      expect(vi.home[key]).not.toBe(en.home[key]);
      expect(zh.home[key]).not.toBe(en.home[key]);
    }
    expect(vi.login.title).not.toBe(en.login.title);
    expect(zh.login.title).not.toBe(en.login.title);
  });
});

describe("choosing a language without an account", () => {
  it.each([
    ["vi-VN,vi;q=0.9,en;q=0.5", "vi-VN", vi.login.title],
    ["zh-CN,zh;q=0.9", "zh-CN", zh.login.title],
    ["fr-FR,fr;q=0.9", "en-GB", en.login.title],
  ])("follows Accept-Language %s on the sign-in page", async (header, lang, title) => {
    const html = await (await new HttpClient(server.url).get("/login", { "accept-language": header })).text();
    expect(htmlLang(html)).toBe(lang);
    expect(htmlText(html)).toContain(title);
  });

  it("remembers a choice made on the sign-in page in a cookie", async () => {
    const visitor = new HttpClient(server.url);
    const response = await visitor.postForm("/settings/language", { locale: "zh", redirectTo: "/login" });
    expect(response.status).toBe(303);
    expect(redirectPath(response, server.url)).toBe("/login");
    expect(visitor.cookie("accord_lang")).toBe("zh");
    const page = await (await visitor.get("/login", { "accept-language": "en" })).text();
    expect(htmlLang(page)).toBe("zh-CN");
    expect(htmlText(page)).toContain(zh.login.title);
  });
});

describe("choosing a language when signed in", () => {
  it("switches every page to Vietnamese and keeps it on the account for the next sign-in", async () => {
    const email = await newUser();
    const reader = await new HttpClient(server.url).signIn(email, PASSWORD);
    const before = await reader.getHtml("/");
    expect(htmlLang(before.html)).toBe("en-GB");
    expect(htmlText(before.html)).toContain(en.home.title);

    const response = await reader.postForm("/settings/language", { locale: "vi", redirectTo: "/account" });
    expect(response.status).toBe(303);
    expect(redirectPath(response, server.url)).toBe("/account");

    const home = await reader.getHtml("/");
    expect(htmlLang(home.html)).toBe("vi-VN");
    expect(htmlText(home.html)).toContain(vi.home.title);
    expect(htmlText(home.html)).not.toContain(en.home.title);
    const account = await reader.getHtml("/account");
    expect(htmlText(account.html)).toContain(vi.account.title);
    expect(localeOf(email)).toBe("vi");

    // A new browser that asks for English still gets the account's language.
    const elsewhere = await new HttpClient(server.url).signIn(email, PASSWORD);
    const there = await (await elsewhere.get("/", { "accept-language": "en-GB,en" })).text();
    expect(htmlLang(there)).toBe("vi-VN");
    expect(htmlText(there)).toContain(vi.home.title);
  });

  it("can also be set from the account page", async () => {
    const email = await newUser();
    const reader = await new HttpClient(server.url).signIn(email, PASSWORD);
    const response = await reader.postForm("/account", { intent: "language", locale: "zh" });
    expect(response.status).toBe(200);
    expect(localeOf(email)).toBe("zh");
    const home = await reader.getHtml("/");
    expect(htmlLang(home.html)).toBe("zh-CN");
    expect(htmlText(home.html)).toContain(zh.home.title);
  });

  it("ignores a language Accord does not have", async () => {
    const email = await newUser();
    const reader = await new HttpClient(server.url).signIn(email, PASSWORD);
    await reader.postForm("/settings/language", { locale: "xx", redirectTo: "/" });
    expect(localeOf(email)).toBe("en");
    expect(reader.cookie("accord_lang")).toBeUndefined();
  });
});

describe("names in any script", () => {
  it("round-trip through the admin forms, the pages and the API", async () => {
    await addUser(server.dbPath, { email: "root@i18n.test", name: "Root", password: PASSWORD, admin: true });
    const admin = await new HttpClient(server.url).signIn("root@i18n.test", PASSWORD);
    const agencies = [
      { code: "HQHN", name: "Cục Hải quan thành phố Hà Nội — Đội Kiểm soát", country: "VN" },
      { code: "GZC", name: "广州海关缉私局 (Guangzhou) 🛃", country: "CN" },
    ];
    for (const agency of agencies) {
      expect((await admin.postForm("/admin/agencies", { intent: "create", ...agency })).status).toBe(200);
    }
    const created = await admin.postForm("/admin/series", [
      ["slug", "ha-noi-guangzhou"],
      ["name", "Hội nghị Hà Nội – 广州 hợp tác"],
      ["description", "Mô tả: chống buôn lậu — 反走私"],
      ["parties", "HQHN"],
      ["parties", "GZC"],
    ]);
    expect(created.status).toBe(303);

    const list = await admin.getHtml("/admin/agencies");
    for (const agency of agencies) expect(htmlText(list.html)).toContain(agency.name);
    const series = await admin.getJson<{ name: string; description: string; parties: Array<{ name: string }> }>("/api/v1/series/ha-noi-guangzhou");
    expect(series.body.name).toBe("Hội nghị Hà Nội – 广州 hợp tác");
    expect(series.body.description).toBe("Mô tả: chống buôn lậu — 反走私");
    expect(series.body.parties.map((p) => p.name)).toEqual(agencies.map((a) => a.name));
    const page = await admin.getHtml("/series/ha-noi-guangzhou");
    expect(htmlText(page.html)).toContain("Hội nghị Hà Nội – 广州 hợp tác");
  });
});
