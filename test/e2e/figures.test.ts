import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { withDb } from "../helpers/db";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

const storedFigures = (label: string) =>
  withDb(server.dbPath, (db) => db.prepare("SELECT figure_value AS value FROM follow_ups WHERE figure_label = ? ORDER BY id").all(label) as { value: number }[]).map(
    (r) => r.value,
  );

describe("a figure typed the Vietnamese way", () => {
  it("is confirmed when it reads two ways, stored as 1200, and shown as 1.200 in Vietnamese and 1,200 in English", async () => {
    const { id } = withDb(server.dbPath, (db) =>
      db.prepare("SELECT id FROM commitments WHERE text LIKE 'Keep exchanging information on smuggling routes%'").get(),
    ) as { id: number };
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      // Nguyễn Thị Lan reads Accord in Vietnamese.
      await signIn(page, "lan.nguyen@vnc.test");
      await page.goto(`/commitments/${id}`);
      // The follow-up form is open on the commitment page; its labels are unique there.
      const form = page.getByRole("main");
      const label = "số tin trao đổi (kiểm thử)";

      await form.getByLabel(vi.commitment.note).fill("Số tin trao đổi tháng 1.");
      await form.getByLabel(vi.commitment.figureLabel).fill(label);
      await form.getByLabel(vi.commitment.figureValue).fill("1.200");
      await form.getByLabel(vi.commitment.figureUnit).fill("tin");
      await form.getByRole("button", { name: vi.commitment.addFollowUp, exact: true }).click();

      // "1.200 tin — có đúng không?", naming the other reading (1,2); nothing is stored yet.
      const question = page.getByRole("alert").filter({ hasText: vi.commitment.figureConfirm.replace("{{figure}}", "1.200 tin") });
      await question.waitFor();
      expect(await question.textContent()).toContain(vi.commitment.figureConfirmOther.replace("{{typed}}", "1.200").replace("{{other}}", "1,2"));
      expect(storedFigures(label)).toEqual([]);

      await form.getByRole("button", { name: vi.commitment.figureConfirmYes.replace("{{figure}}", "1.200 tin") }).click();
      await form.getByRole("status").filter({ hasText: vi.commitment.saved }).waitFor();
      expect(storedFigures(label)).toEqual([1200]);
      await page.getByText(`${label}: 1.200 tin`).waitFor();

      // "2.600" reads two ways too; she corrects it to plain digits instead, which needs no question.
      await form.getByLabel(vi.commitment.note).fill("Số tin trao đổi tháng 2.");
      await form.getByLabel(vi.commitment.figureLabel).fill(label);
      await form.getByLabel(vi.commitment.figureValue).fill("2.600");
      await form.getByRole("button", { name: vi.commitment.addFollowUp, exact: true }).click();
      await page.getByRole("alert").filter({ hasText: vi.commitment.figureConfirm.replace("{{figure}}", "2.600") }).waitFor();
      expect(storedFigures(label)).toEqual([1200]);
      await form.getByLabel(vi.commitment.figureValue).fill("2600");
      await form.getByRole("button", { name: vi.commitment.figureConfirmYes.replace("{{figure}}", "2.600") }).click();
      await form.getByRole("status").filter({ hasText: vi.commitment.saved }).waitFor();
      expect(storedFigures(label)).toEqual([1200, 2600]);

      // The same figure, read in English.
      // Exactly: the commitment page also has a section named "Văn bản bằng từng ngôn ngữ làm việc".
      await page.getByLabel(vi.language.label, { exact: true }).selectOption("en");
      await page.getByRole("heading", { level: 2, name: en.commitment.followUps }).waitFor();
      await page.getByText(`${label}: 1,200 tin`).waitFor();
      await page.getByText(`${label}: 2,600`).waitFor();
      // "Unable to compute message" comes from the live register on commitment pages (issue 10 item 11,
      // fixed on another branch); any other console error fails this test.
      expect(problems.errors.filter((e) => !e.includes("Unable to compute message"))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
