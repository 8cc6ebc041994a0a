import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn } from "../helpers/browser";
import { DEMO_PASSWORD } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Each delegation keeps notes on the agenda that only its own members see.
const WORKSPACE = "/series/vn-cn-anti-smuggling/conferences/18";
const NOTE = "Giữ lập trường về chia sẻ dữ liệu thương mại điện tử";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
});

describe("a delegation's private notes", () => {
  it("are co-edited by its members and never shown to the other party", async () => {
    const lan = await openPage(browser, server.url);
    const minh = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    try {
      await Promise.all([signIn(lan.page, "lan.nguyen@vnc.test"), signIn(minh.page, "minh.tran@vnc.test"), signIn(zhang.page, "zhang.wei@gacc.test")]);
      await Promise.all([lan.page.goto(WORKSPACE), minh.page.goto(WORKSPACE), zhang.page.goto(WORKSPACE)]);

      // Lan (VNC secretariat) starts her delegation's note on the conference and writes in it.
      const heading = vi.privateNotes.heading.replace("{{agency}}", "VNC");
      await lan.page.getByRole("heading", { name: heading }).waitFor();
      await lan.page.getByRole("button", { name: vi.privateNotes.start.replace("{{agency}}", "VNC") }).first().click();
      const lanNote = lan.page.getByRole("textbox", { name: `${vi.privateNotes.conference} · ${vi.privateNotes.onlyUs.replace("{{agency}}", "VNC")}` });
      await lanNote.click();
      await lanNote.pressSequentially(NOTE);

      // Minh (VNC delegate, in English) sees it live and can add to it.
      const minhNote = minh.page.getByRole("textbox", { name: `${en.privateNotes.conference} · ${en.privateNotes.onlyUs.replace("{{agency}}", "VNC")}` });
      await expect.poll(() => minhNote.textContent(), { timeout: 10_000 }).toContain(NOTE);

      // Zhang (GACC) has his own delegation's notes, and nothing of VNC's: opened (its button there), not only placed.
      await zhang.page.getByRole("heading", { name: zh.privateNotes.heading.replace("{{agency}}", "GACC") }).waitFor();
      await zhang.page.getByRole("button", { name: zh.privateNotes.start.replace("{{agency}}", "GACC") }).first().waitFor();
      await zhang.page.waitForTimeout(500);
      expect(await zhang.page.content()).not.toContain(NOTE);
      await lan.page.screenshot({ path: "/tmp/accord-private-notes.png", fullPage: false });

      // On a commitment too: Minh keeps VNC's note on it; Zhang, on the same page, has only GACC's.
      const api = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
      const { body } = await api.getJson<{ id: number }[]>("/api/v1/series/vn-cn-anti-smuggling/commitments");
      const page = `/commitments/${body[0].id}`;
      await Promise.all([minh.page.goto(page), zhang.page.goto(page)]);
      await minh.page.getByRole("button", { name: en.privateNotes.start.replace("{{agency}}", "VNC") }).click();
      const minhCommitmentNote = minh.page.getByRole("textbox", { name: `${en.privateNotes.commitment} · ${en.privateNotes.onlyUs.replace("{{agency}}", "VNC")}` });
      await minhCommitmentNote.click();
      await minhCommitmentNote.pressSequentially("Ask GACC for the March figures first");
      await zhang.page.getByRole("button", { name: zh.privateNotes.start.replace("{{agency}}", "GACC") }).first().waitFor();
      await minh.page.waitForTimeout(500);
      expect(await zhang.page.content()).not.toContain("March figures");
    } finally {
      await Promise.all([lan.context.close(), minh.context.close(), zhang.context.close()]);
    }
  });
});
