import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

const SERIES = "/series/vn-cn-anti-smuggling";
const AI = "Share findings on the use of AI against customs fraud";
/** The same commitment's Vietnamese text (db/seed/demo-translations.ts), which Lan reads. */
const AI_VI = "Chia sẻ kết quả nghiên cứu ứng dụng trí tuệ nhân tạo trong phòng, chống gian lận hải quan";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});


/** "GACC: 14% done (1 of 7)", as the leader's view describes each party's bar. */
async function completionOf(page: Page, party: string) {
  await page.goto(`${SERIES}/leader`);
  await page.getByRole("heading", { level: 1, name: en.leader.title }).waitFor();
  const match = new RegExp(`${party}: (\\d+)% done \\((\\d+) of (\\d+)\\)`).exec(await page.content());
  expect(match, `completion of ${party} on the leader's view`).not.toBeNull();
  return { percent: Number(match![1]), done: Number(match![2]), owned: Number(match![3]) };
}

describe("follow-through from one conference to the next", () => {
  it("secretariat prepares the next conference, a delegate reports done, the leader sees it", async () => {
    const leader = await openPage(browser, server.url);
    const secretariat = await openPage(browser, server.url);
    const delegate = await openPage(browser, server.url);
    try {
      await signIn(leader.page, "hung.pham@vnc.test");
      const before = await completionOf(leader.page, "GACC");

      // Lan (in Vietnamese) creates the 19th conference; its review lists what is still open.
      await signIn(secretariat.page, "lan.nguyen@vnc.test");
      await secretariat.page.goto(SERIES);
      // Styled as a button (Pico), so that is its role.
      await secretariat.page.getByRole("button", { name: vi.conference.newButton }).click();
      await secretariat.page.getByLabel(vi.conference.startsOn).fill("2027-09-07");
      await secretariat.page.getByLabel(vi.conference.endsOn).fill("2027-09-08");
      await secretariat.page.getByLabel(vi.conference.venue).fill("Hạ Long");
      await secretariat.page.getByRole("button", { name: vi.conference.create }).click();
      await secretariat.page.waitForURL((url) => url.pathname === `${SERIES}/conferences/19`);
      await secretariat.page.getByRole("link", { name: vi.review.open }).click();
      await secretariat.page.getByRole("heading", { level: 1, name: vi.review.title }).waitFor();
      const aiCard = secretariat.page.getByRole("article").filter({ hasText: AI_VI });
      await aiCard.waitFor();
      expect(await aiCard.textContent()).toContain(vi.commitment.agreedAt.replace("{{number}}", "17"));

      // Li Na, a GACC delegate, marks it done from her desk and reports progress with a figure.
      await signIn(delegate.page, "li.na@gacc.test");
      await delegate.page.getByRole("link", { name: en.nav.myCommitments }).click();
      const card = delegate.page.getByRole("article").filter({ hasText: AI });
      await card.getByRole("button", { name: en.commitment.markAs.replace("{{status}}", en.commitment.statuses.done) }).click();
      await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain(en.commitment.statuses.done);
      // The leader's open page follows live through the series register: no reload.
      const live = new RegExp(`GACC: \\d+% done \\(${before.done + 1} of ${before.owned}\\)`);
      await expect.poll(async () => live.test(await leader.page.content()), { timeout: 10_000 }).toBe(true);
      // The drawing, made on the server, is named by its figure's title and follows too: "(done/owned)" beside GACC's bar.
      const drawing = leader.page.getByRole("img", { name: en.leader.completionTitle });
      await expect.poll(async () => drawing.textContent(), { timeout: 10_000 }).toContain(`(${before.done + 1}/${before.owned})`);
      await card.getByText(en.commitment.addFollowUp, { exact: true }).first().click();
      await card.getByLabel(en.commitment.note).fill("Findings shared with Vietnam Customs at the technical meeting.");
      await card.getByLabel(en.commitment.figureLabel).fill("fraud cases detected with AI");
      await card.getByLabel(en.commitment.figureValue).fill("37");
      await card.getByRole("button", { name: en.commitment.addFollowUp }).click();
      await card.getByRole("status").filter({ hasText: en.commitment.saved }).waitFor();

      // The leader's view now counts it.
      const after = await completionOf(leader.page, "GACC");
      expect(after.done).toBe(before.done + 1);
      expect(after.owned).toBe(before.owned);
      expect(after.percent).toBeGreaterThan(before.percent);
      await leader.page.getByText("fraud cases detected with AI").first().waitFor();

      // From the series page to its register, where it is listed as done.
      await leader.page.goto(SERIES);
      await leader.page.getByRole("navigation", { name: en.exports.heading }).getByRole("link", { name: en.commitment.register, exact: true }).click();
      await leader.page.getByRole("heading", { level: 1, name: en.commitment.register }).waitFor();
      const listed = leader.page.getByRole("article").filter({ hasText: AI });
      expect(await listed.textContent()).toContain(en.commitment.statuses.done);

      for (const { problems } of [leader, secretariat, delegate]) expect(problems.errors).toEqual([]);
    } finally {
      for (const { context } of [leader, secretariat, delegate]) await context.close();
    }
  });
});
