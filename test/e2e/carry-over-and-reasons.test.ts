import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

// Issue 10 items 4 and 5 as people meet them: the leader's view between two
// conferences and once the next one is opened; a delegate blocking with a
// reason and, on a joint commitment, seeing whom it awaits and proposing a drop.

const SERIES = "/series/vn-cn-anti-smuggling";
// Agreed at the 17th (concluded); the 18th is planned.
const AI = "Share findings on the use of AI against customs fraud";
const MONTHLY = "Exchange information on high-risk consignments every month";
// Joint (VNC and GACC): Vietnam has confirmed its share, GACC has not.
const WCO = "Keep the Mekong Dragon campaign going";
// GACC's alone.
const PARCELS = "Pilot the exchange of risk profiles for cross-border e-commerce parcels";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

/** The "Carried over" tile's figure on the leader's view. */
async function carriedTile(page: Page): Promise<number> {
  const tile = page.locator(".leader-tile").filter({ has: page.getByText(en.leader.tiles.carried, { exact: true }) });
  return Number(await tile.locator(".leader-tile-value").textContent());
}

describe("carried over means a later conference was held", () => {
  it("the day after a conference nothing it agreed is carried; once the next one is opened, what is still open is", async () => {
    const leader = await openPage(browser, server.url);
    const secretariat = await openPage(browser, server.url);
    try {
      await signIn(leader.page, "hung.pham@vnc.test");
      await leader.page.goto(`${SERIES}/leader`);
      await leader.page.getByRole("heading", { level: 1, name: en.leader.title }).waitFor();
      const carriedTable = leader.page.getByRole("region", { name: en.leader.carriedTitle });
      await carriedTable.waitFor();
      expect(await carriedTable.textContent()).not.toContain(AI);
      const before = await carriedTile(leader.page);

      // Its commitment page: on the 18th's review list, not carried yet.
      await leader.page.goto(`${SERIES}/commitments?status=open`);
      const card = leader.page.getByRole("article").filter({ hasText: AI });
      expect(await card.textContent()).toContain(en.workflow.toBeReviewedAt.replace("{{number}}", "18"));
      expect(await card.textContent()).not.toContain(en.commitment.carried.replace("{{count}}", "1"));

      // Lan opens the 18th conference's session.
      await signIn(secretariat.page, "lan.nguyen@vnc.test");
      await secretariat.page.goto(`${SERIES}/conferences/18`);
      await secretariat.page.getByRole("button", { name: vi.lifecycle.openSession }).click();
      await secretariat.page.getByText(vi.conference.statuses.in_session).first().waitFor();

      await leader.page.goto(`${SERIES}/leader`);
      await leader.page.getByRole("heading", { level: 1, name: en.leader.title }).waitFor();
      expect(await leader.page.getByRole("region", { name: en.leader.carriedTitle }).textContent()).toContain(AI);
      expect(await carriedTile(leader.page)).toBeGreaterThan(before);
      await leader.page.goto(`${SERIES}/commitments?status=open`);
      const after = leader.page.getByRole("article").filter({ hasText: AI });
      expect(await after.textContent()).toContain(en.commitment.carried.replace("{{count}}", "1"));

      for (const { problems } of [leader, secretariat]) expect(problems.errors).toEqual([]);
    } finally {
      for (const { context } of [leader, secretariat]) await context.close();
    }
  });
});

describe("workflow with reasons", () => {
  it("a delegate blocks with a reason, sees whom a joint commitment awaits, and can only propose dropping it", async () => {
    const delegate = await openPage(browser, server.url);
    try {
      const { page } = delegate;
      await signIn(page, "minh.tran@vnc.test");
      await page.getByRole("link", { name: en.nav.myCommitments }).click();

      // Blocked asks for a reason: the field is required, and the reason shows on the card.
      const monthly = page.getByRole("article").filter({ hasText: MONTHLY });
      const blockAs = en.commitment.markAs.replace("{{status}}", en.commitment.statuses.blocked);
      await monthly.getByText(blockAs, { exact: true }).first().click();
      const reason = monthly.getByRole("textbox", { name: en.workflow.reasonBlocked });
      expect(await reason.evaluate((el) => (el as HTMLTextAreaElement).required)).toBe(true);
      await monthly.getByRole("button", { name: blockAs }).click();
      // Not sent without a reason: the browser asks for it first.
      expect(await reason.evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
      await reason.fill("Waiting for GACC's new risk-profile format.");
      await monthly.getByRole("button", { name: blockAs }).click();
      await expect.poll(() => monthly.textContent(), { timeout: 10_000 }).toContain(`${en.workflow.blockedBecause} Waiting for GACC's new risk-profile format.`);
      expect(await monthly.textContent()).toContain(en.commitment.statuses.blocked);

      // A joint commitment says whose confirmation it awaits, and offers no drop, only a proposal.
      const wco = page.getByRole("article").filter({ hasText: WCO });
      expect(await wco.textContent()).toContain(en.workflow.awaiting.replace("{{parties}}", "GACC"));
      const dropAs = en.commitment.markAs.replace("{{status}}", en.commitment.statuses.dropped);
      expect(await wco.getByText(dropAs, { exact: true }).count()).toBe(0);
      await wco.getByText(en.workflow.proposeDrop, { exact: true }).first().click();
      await wco.getByRole("textbox", { name: en.workflow.reasonDropped }).fill("The campaign ended with stage 4.");
      await wco.getByRole("button", { name: en.workflow.proposeDrop }).click();
      await wco.getByRole("status").filter({ hasText: en.workflow.dropProposed }).waitFor();
      await expect.poll(() => wco.textContent(), { timeout: 10_000 }).toContain(en.workflow.dropProposedBy.replace("{{party}}", "VNC"));
      expect(await wco.textContent()).toContain(en.workflow.dropAwaiting.replace("{{parties}}", "GACC"));
      expect(await wco.textContent()).not.toContain(en.commitment.statuses.dropped);

      // The commitment page keeps the reason in its history.
      await page.getByRole("link", { name: new RegExp(MONTHLY) }).click();
      const history = page.getByRole("region", { name: en.commitment.history });
      await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain(`${en.workflow.reason}: Waiting for GACC's new risk-profile format.`);

      expect(delegate.problems.errors).toEqual([]);
    } finally {
      await delegate.context.close();
    }
  });

  it("blocking with a reason works without JavaScript", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "en-GB", javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, "li.na@gacc.test");
      await page.goto("/my/commitments");
      await page.getByRole("link", { name: PARCELS }).click();
      await page.getByRole("heading", { level: 1, name: PARCELS }).waitFor();
      const blockAs = en.commitment.markAs.replace("{{status}}", en.commitment.statuses.blocked);
      await page.getByText(blockAs, { exact: true }).first().click();
      await page.getByRole("textbox", { name: en.workflow.reasonBlocked }).fill("No parcel data from the platforms yet.");
      await page.getByRole("button", { name: blockAs }).click();
      await page.getByText(`${en.workflow.blockedBecause} No parcel data from the platforms yet.`).first().waitFor();
      expect(await page.getByRole("region", { name: en.commitment.history }).textContent()).toContain(`${en.workflow.reason}: No parcel data from the platforms yet.`);
    } finally {
      await context.close();
    }
  });
});
