import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { DEMO_PASSWORD, launchBrowser, openPage } from "../helpers/browser";
import { withDb } from "../helpers/db";
import { startServer, type TestServer } from "../helpers/server";

/*
 * Every form takes its constraints, its browser checks and its server checks
 * from one zod schema (decision 0041). Without JavaScript the server's answer
 * is the whole story: its message in the reader's language and what was typed.
 * With JavaScript the constraints sit on the inputs and a broken one is named
 * before anything is sent.
 */

let server: TestServer;
const SLUG = "vn-cn-anti-smuggling";

const commitmentId = () =>
  (withDb(server.dbPath, (db) => db.prepare("SELECT id FROM commitments WHERE text LIKE 'Keep exchanging information on smuggling routes%'").get()) as { id: number }).id;

/** Every POST the page sends, to prove a check happened before sending. */
function countPosts(page: Page): () => number {
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST") posts += 1;
  });
  return () => posts;
}
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

/** A Vietnamese reader whose browser runs no script at all. */
async function withoutScript(run: (page: Page, context: BrowserContext) => Promise<void>) {
  const context = await browser.newContext({ baseURL: server.url, locale: "vi-VN", javaScriptEnabled: false });
  try {
    await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** Minh (English) signs in through the form, which checks its fields in the browser. */
async function signInAsMinh(page: Page) {
  await page.goto("/login");
  await page.getByLabel(en.login.email).fill("minh.tran@vnc.test");
  await page.getByLabel(en.login.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: en.login.submit }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

async function signInWithoutScript(page: Page, email: string) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
}

describe("without JavaScript, every form is answered by the server in the reader's language", () => {
  it("sign-in: a wrong password is refused, the address stays typed, the password does not", async () => {
    await withoutScript(async (page) => {
      await page.goto("/login");
      await page.getByLabel(vi.login.email).fill("minh.tran@vnc.test");
      await page.getByLabel(vi.login.password).fill("not the password");
      await page.getByRole("button", { name: vi.login.submit }).click();
      await page.getByRole("alert").filter({ hasText: vi.login.invalid }).waitFor();
      expect(await page.getByLabel(vi.login.email).inputValue()).toBe("minh.tran@vnc.test");
      expect(await page.getByLabel(vi.login.password).inputValue()).toBe("");
    });
  });
});

describe("without JavaScript (continued)", () => {
  it("a follow-up: an unreadable figure is refused and kept, and “2.600” is read the Vietnamese way once confirmed", async () => {
    await withoutScript(async (page) => {
      // Nguyễn Thị Lan reads Accord in Vietnamese (her own setting).
      await signInWithoutScript(page, "lan.nguyen@vnc.test");
      await page.goto(`/commitments/${commitmentId()}`);
      const main = page.getByRole("main");
      const label = "số tin trao đổi (không JavaScript)";
      await main.getByLabel(vi.commitment.note).fill("Trao đổi tin tháng 3.");
      await main.getByLabel(vi.commitment.figureLabel).fill(label);
      await main.getByLabel(vi.commitment.figureValue).fill("hai nghìn");
      await main.getByRole("button", { name: vi.commitment.addFollowUp, exact: true }).click();
      // Said beside the field, and only there: the notice at the top does not repeat it.
      await main.locator(".field-error").filter({ hasText: vi.errors.figureInvalid }).waitFor();
      expect(await main.getByText(vi.errors.figureInvalid).count()).toBe(1);
      // What was typed is still there to be corrected.
      expect(await main.getByLabel(vi.commitment.note).inputValue()).toBe("Trao đổi tin tháng 3.");
      expect(await main.getByLabel(vi.commitment.figureLabel).inputValue()).toBe(label);
      await main.getByLabel(vi.commitment.figureValue).fill("2.600");
      await main.getByRole("button", { name: vi.commitment.addFollowUp, exact: true }).click();
      const yes = vi.commitment.figureConfirmYes.replace("{{figure}}", "2.600");
      await main.getByRole("button", { name: yes }).click();
      await page.getByRole("status").filter({ hasText: vi.commitment.saved }).first().waitFor();
      const stored = withDb(server.dbPath, (db) => db.prepare("SELECT figure_value AS value FROM follow_ups WHERE figure_label = ?").all(label)) as { value: number }[];
      expect(stored.map((r) => r.value)).toEqual([2600]);
    });
  });

  it("a new conference: a rule only the server knows (ends before it starts) is named, and the title stays", async () => {
    await withoutScript(async (page) => {
      await signInWithoutScript(page, "lan.nguyen@vnc.test");
      await page.goto(`/series/${SLUG}/conferences/new`);
      const form = page.getByRole("form", { name: vi.conference.newTitle });
      await form.getByLabel(vi.conference.number).fill("99");
      await form.getByLabel(vi.conference.title).fill("Hội nghị thử không JavaScript");
      await form.getByLabel(vi.conference.startsOn).fill("2027-03-10");
      await form.getByLabel(vi.conference.endsOn).fill("2027-03-09");
      await form.getByLabel(vi.conference.venue).fill("Hà Nội");
      await form.getByRole("button", { name: vi.conference.create }).click();
      await form.getByText(vi.errors.endsBeforeStarts).waitFor();
      expect(await form.getByLabel(vi.conference.title).inputValue()).toBe("Hội nghị thử không JavaScript");
      expect(await form.getByLabel(vi.conference.endsOn).getAttribute("aria-invalid")).toBe("true");
    });
  });
});

describe("the register's folded forms, drawn once on the server and reused on every card", () => {
  const ids = (page: Page) =>
    page.evaluate(() => {
      const all = Array.from(document.querySelectorAll("[id]"), (el) => el.id);
      return { count: all.length, unique: new Set(all).size };
    });

  it("without JavaScript, each card's copy names its own controls and posts to its own commitment", async () => {
    await withoutScript(async (page) => {
      await signInWithoutScript(page, "lan.nguyen@vnc.test");
      await page.goto(`/series/${SLUG}/commitments`);
      // One cached copy, fifty cards: every id (and so every label) still belongs to one control.
      const { count, unique } = await ids(page);
      expect(count).toBeGreaterThan(100);
      expect(unique).toBe(count);
      const card = page.getByRole("article").filter({ has: page.getByText(vi.commitment.addFollowUp, { exact: true }) }).nth(2);
      const link = await card.getByRole("heading", { level: 3 }).getByRole("link").getAttribute("href");
      const id = Number(link?.split("/").pop());
      await card.getByText(vi.commitment.addFollowUp, { exact: true }).first().click();
      await card.getByLabel(vi.commitment.note).fill("Cập nhật từ sổ theo dõi, không JavaScript.");
      await card.getByLabel(vi.commitment.figureUnit).fill("chuyến");
      await card.getByRole("button", { name: vi.commitment.addFollowUp, exact: true }).click();
      await page.getByRole("status").filter({ hasText: vi.commitment.saved }).first().waitFor();
      const stored = withDb(server.dbPath, (db) => db.prepare("SELECT commitment_id AS id FROM follow_ups WHERE note = ?").all("Cập nhật từ sổ theo dõi, không JavaScript.")) as { id: number }[];
      expect(stored.map((r) => r.id)).toEqual([id]);
    });
  });

  it("with JavaScript, a card's form once opened is checked in the browser before anything is sent", async () => {
    const { context, page } = await openPage(browser, server.url);
    try {
      await signInAsMinh(page);
      await page.goto(`/series/${SLUG}/commitments`);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      const card = page.getByRole("article").filter({ has: page.getByText(en.commitment.addFollowUp, { exact: true }) }).first();
      await card.getByText(en.commitment.addFollowUp, { exact: true }).first().click();
      const note = card.getByLabel(en.commitment.note);
      expect(await note.getAttribute("maxlength")).toBe("4000");
      const posts = countPosts(page);
      await card.getByRole("button", { name: en.commitment.addFollowUp, exact: true }).click();
      await card.getByText(en.errors.required).waitFor();
      expect(await note.getAttribute("aria-invalid")).toBe("true");
      expect(posts()).toBe(0);
      const { count, unique } = await ids(page);
      expect(unique).toBe(count);
    } finally {
      await context.close();
    }
  });
});

describe("without JavaScript: the administration and agreement forms", () => {
  it("a new agency: a country code the schema refuses is named beside its field, and what was typed stays", async () => {
    await withoutScript(async (page) => {
      // The administrator reads Accord in English (his own setting wins over the browser's).
      await signInWithoutScript(page, "admin@accord.test");
      await page.goto("/admin/agencies");
      const form = page.locator("form").filter({ has: page.getByRole("button", { name: en.admin.addAgency }) });
      const country = form.getByLabel(en.admin.agencyCountry);
      // The limit comes from the schema (countryField), sent by the loader.
      expect(await country.getAttribute("maxlength")).toBe("2");
      await form.getByLabel(en.admin.agencyCode, { exact: true }).fill("HPC");
      await form.getByLabel(en.admin.agencyName, { exact: true }).fill("Hải quan Hải Phòng");
      await country.fill("V1");
      await form.getByRole("button", { name: en.admin.addAgency }).click();
      await form.locator(".field-error").filter({ hasText: en.errors.countryInvalid }).waitFor();
      expect(await form.getByLabel(en.admin.agencyCountry).getAttribute("aria-invalid")).toBe("true");
      expect(await form.getByLabel(en.admin.agencyCode, { exact: true }).inputValue()).toBe("HPC");
      expect(await form.getByLabel(en.admin.agencyName, { exact: true }).inputValue()).toBe("Hải quan Hải Phòng");
      const stored = withDb(server.dbPath, (db) => db.prepare("SELECT count(*) AS n FROM agencies WHERE code = 'HPC'").get()) as { n: number };
      expect(stored.n).toBe(0);
    });
  });

  it("a new agreement: “signed” without a signing date is refused by the server's rule, and the title stays", async () => {
    await withoutScript(async (page) => {
      await signInWithoutScript(page, "lan.nguyen@vnc.test");
      await page.goto(`/series/${SLUG}/agreements/new`);
      const form = page.getByRole("form", { name: vi.agreement.newTitle });
      const title = form.getByLabel(vi.agreement.name);
      expect(await title.getAttribute("maxlength")).toBe("300");
      await title.fill("Bản ghi nhớ thử không JavaScript");
      await form.locator('select[name="status"]').selectOption("signed");
      await form.getByRole("button", { name: vi.agreement.create }).click();
      await form.getByText(vi.errors.signingDateRequired).waitFor();
      expect(await form.getByLabel(vi.agreement.name).inputValue()).toBe("Bản ghi nhớ thử không JavaScript");
      expect(await form.locator('select[name="status"]').inputValue()).toBe("signed");
      expect(await form.getByLabel(vi.agreement.signedOn).getAttribute("aria-invalid")).toBe("true");
    });
  });
});

describe("with JavaScript, the schema's constraints are on the inputs and checked before sending", () => {
  it("sign-in: both fields are required and an empty one is named without a request", async () => {
    const { context, page } = await openPage(browser, server.url);
    try {
      await page.goto("/login");
      const email = page.getByLabel(en.login.email);
      expect(await email.getAttribute("required")).not.toBeNull();
      expect(await email.getAttribute("maxlength")).toBe("254");
      await page.waitForFunction(() => document.querySelector("form#login")?.hasAttribute("novalidate"));
      let posted = false;
      page.on("request", (r) => {
        if (r.method() === "POST") posted = true;
      });
      await page.getByRole("button", { name: en.login.submit }).click();
      await page.getByText(en.errors.required).first().waitFor();
      expect(await email.getAttribute("aria-invalid")).toBe("true");
      expect(posted).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("a follow-up: the note's schema limits are on it, and an empty note is named before anything is sent", async () => {
    const { context, page } = await openPage(browser, server.url);
    try {
      await signInAsMinh(page);
      await page.goto(`/commitments/${commitmentId()}`);
      const main = page.getByRole("main");
      const note = main.getByLabel(en.commitment.note);
      expect(await note.getAttribute("required")).not.toBeNull();
      expect(await note.getAttribute("maxlength")).toBe("4000");
      expect(await main.getByLabel(en.commitment.figureValue).getAttribute("maxlength")).toBe("40");
      await page.waitForFunction(() => document.querySelector("form[id^=followUp]")?.hasAttribute("novalidate"));
      const posts = countPosts(page);
      await main.getByRole("button", { name: en.commitment.addFollowUp, exact: true }).click();
      await main.getByText(en.errors.required).first().waitFor();
      expect(await note.getAttribute("aria-invalid")).toBe("true");
      expect(posts()).toBe(0);
      // Typing clears the message again.
      await note.fill("Routes shared with the other side.");
      await main.getByText(en.errors.required).first().waitFor({ state: "detached" });
    } finally {
      await context.close();
    }
  });
});
