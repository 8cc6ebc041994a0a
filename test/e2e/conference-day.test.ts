import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { zh } from "../../app/i18n/catalogs/zh";
import { launchBrowser, openPage, signIn, secretariatsInWorkspace } from "../helpers/browser";
import { DEMO_PASSWORD } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { createConference, member, PEOPLE, seriesWithFirstConference } from "../helpers/series-setup";

// The day of a conference on a series of its own: Lan (Tiếng Việt) and Zhang
// (中文) are its secretariats, Minh (English) follows as a delegate. Zhang's
// last edits never reach the server before Lan adopts the record.
const SLUG = "lang-son-border-day";
const WORKSPACE = `/series/${SLUG}/conferences/1`;
const LATE_NOTE = "这句话在纪要通过之后才到。";
const ACTION = "Trao đổi danh sách đầu mối liên lạc tại các cửa khẩu";

// While Zhang is offline, requests his page makes in the background fail, and the browser says so: the
// routes Remix asks for when new links are drawn (it asks again later). Nothing else may appear.
const OFFLINE = [/net::ERR_INTERNET_DISCONNECTED/, /^console: Failed to fetch manifest patches/];

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await seriesWithFirstConference(server, {
    slug: SLUG,
    name: "Phối hợp Hải quan – Biên phòng Lạng Sơn",
    parties: ["VNC", "GACC"],
    members: [
      member(PEOPLE.lan, "secretariat"),
      member(PEOPLE.zhang, "secretariat"),
      member(PEOPLE.minh, "delegate"),
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("conference day", () => {
  it("open screens follow the lifecycle, concluding checks first, and late edits are shown, not lost", async () => {
    const lan = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url, { allowErrors: OFFLINE });
    const minh = await openPage(browser, server.url);
    try {
      await Promise.all([
        signIn(lan.page, "lan.nguyen@vnc.test"),
        signIn(zhang.page, "zhang.wei@gacc.test"),
        signIn(minh.page, "minh.tran@vnc.test"),
      ]);
      await Promise.all([lan.page.goto(WORKSPACE), zhang.page.goto(WORKSPACE), minh.page.goto(WORKSPACE)]);
      await lan.page.getByRole("status").filter({ hasText: vi.workspace.status.connected }).waitFor();
      await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.connected }).waitFor();

      // Planned: the next step is opening the session, not concluding.
      const concludeVi = lan.page.getByRole("button", { name: `${vi.lifecycle.conclude}…` });
      expect(await concludeVi.count()).toBe(0);
      await lan.page.getByRole("button", { name: vi.lifecycle.openSession }).click();

      // Zhang and Minh learn it without reloading.
      await zhang.page.locator(".workspace-title-tools .badge", { hasText: zh.conference.statuses.in_session }).waitFor();
      await zhang.page.getByRole("button", { name: `${zh.lifecycle.conclude}…` }).waitFor();
      await minh.page.locator(".workspace-title-tools .badge", { hasText: en.conference.statuses.in_session }).waitFor();

      // Lan drafts an action with no owner and a date that has passed: said where she types it.
      await lan.page.getByRole("button", { name: `+ ${vi.workspace.actions.add}` }).click();
      const actionText = lan.page.getByLabel(vi.workspace.actions.text.replace("{{number}}", "1"), { exact: true });
      await actionText.pressSequentially(ACTION);
      await lan.page.getByLabel(vi.workspace.actions.dueDate, { exact: true }).fill("2020-01-15");
      await lan.page.getByText(vi.conclusion.inline.duePast).waitFor();
      await lan.page.getByText(vi.conclusion.inline.ownersNeeded).waitFor();

      // The conclusion dialog lists what is wrong, and will not adopt.
      await lan.page.getByRole("button", { name: `${vi.lifecycle.conclude}…` }).click();
      const dialog = lan.page.getByRole("dialog", { name: vi.conclusion.title });
      await dialog.waitFor();
      await dialog.getByRole("heading", { name: vi.conclusion.mustFix }).waitFor();
      const dialogText = (await dialog.textContent()) ?? "";
      expect(dialogText).toContain(vi.conclusion.problems.actionWithoutOwners.replace("{{number}}", "1").replace("{{text}}", ACTION));
      expect(dialogText).toContain("2020");
      expect(await dialog.getByRole("button", { name: vi.conclusion.adopt }).isDisabled()).toBe(true);
      await lan.page.screenshot({ path: "/tmp/accord-conclude-blocked.png" });
      await dialog.getByRole("button", { name: vi.workspace.cancel }).click();

      // She puts it right.
      await lan.page.getByRole("checkbox", { name: "VNC" }).check();
      await lan.page.getByLabel(vi.workspace.actions.dueDate, { exact: true }).fill("2099-06-30");
      await expect.poll(() => lan.page.getByText(vi.conclusion.inline.duePast).count()).toBe(0);

      // Zhang loses his connection and keeps typing.
      await zhang.context.setOffline(true);
      await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.offline.slice(0, 4) }).waitFor();
      const zhangNotes = zhang.page.getByRole("textbox", { name: zh.workspace.agenda.notes, exact: true }).first();
      await zhangNotes.click();
      await zhangNotes.pressSequentially(LATE_NOTE);

      // Lan adopts the record.
      await lan.page.getByRole("button", { name: `${vi.lifecycle.conclude}…` }).click();
      await dialog.getByRole("heading", { name: vi.conclusion.willHappen }).waitFor();
      await expect.poll(() => dialog.getByRole("button", { name: vi.conclusion.adopt }).isEnabled()).toBe(true);
      await dialog.getByRole("button", { name: vi.conclusion.adopt }).click();
      await lan.page.waitForURL((url) => url.pathname === `${WORKSPACE}/record`);
      const record = (await lan.page.textContent("main")) ?? "";
      expect(record).toContain(ACTION);
      expect(record).not.toContain(LATE_NOTE);

      // Minh's open screen says it is concluded, once, and links to what it agreed.
      await minh.page.getByRole("heading", { name: en.conclusion.concludedHeading }).waitFor();
      await minh.page.getByRole("link", { name: ACTION }).waitFor();
      await minh.page.screenshot({ path: "/tmp/accord-concluded-minh.png", fullPage: true });

      // Zhang comes back: he is told his note is not in the record, and can copy it.
      await zhang.context.setOffline(false);
      const leftovers = zhang.page.getByRole("alert").filter({ has: zhang.page.getByRole("heading", { name: zh.conclusion.leftovers.heading }) });
      await leftovers.waitFor({ timeout: 15_000 });
      const kept = leftovers.getByRole("textbox").first();
      expect(await kept.inputValue()).toContain(LATE_NOTE);
      await zhang.page.locator(".workspace-title-tools .badge", { hasText: zh.conference.statuses.concluded }).waitFor();
      await zhang.page.screenshot({ path: "/tmp/accord-leftovers-zhang.png", fullPage: true });
      // The agenda itself shows the adopted record, read-only.
      const agendaNotes = zhang.page.locator(".agenda-list");
      expect(await agendaNotes.textContent()).not.toContain(LATE_NOTE);
      expect(await zhang.page.locator('.agenda-list [contenteditable="true"]').count()).toBe(0);

      // After a reload the device's copy still does not change the record, and the note is still offered.
      await zhang.page.reload();
      await leftovers.waitFor();
      await zhang.page.locator(".agenda-list").waitFor();
      expect(await zhang.page.locator(".agenda-list").textContent()).not.toContain(LATE_NOTE);

      // Once he has what he needs, he removes it from the device.
      await leftovers.getByRole("button", { name: zh.conclusion.leftovers.discard }).click();
      await zhang.page.getByRole("dialog", { name: zh.conclusion.leftovers.discardTitle }).getByRole("button", { name: zh.conclusion.leftovers.discard }).click();
      await expect.poll(() => zhang.page.getByRole("heading", { name: zh.conclusion.leftovers.heading }).count()).toBe(0);
      await zhang.page.reload();
      await zhang.page.getByRole("heading", { name: zh.conclusion.concludedHeading }).waitFor();
      expect(await zhang.page.getByRole("heading", { name: zh.conclusion.leftovers.heading }).count()).toBe(0);

      for (const { problems } of [lan, minh]) expect(problems.errors).toEqual([]);
      expect(zhang.problems.errors.filter((error) => !OFFLINE.some((expected) => expected.test(error)))).toEqual([]);
    } finally {
      await Promise.all([lan.context.close(), zhang.context.close(), minh.context.close()]);
    }
  });

  it("a secretariat typing while the other adopts is never left with edits that silently vanish", async () => {
    const lanHttp = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    await createConference(lanHttp, SLUG, { number: 2, title: "Hội nghị lần thứ hai", startsOn: "2099-09-01", endsOn: "2099-09-02" });
    expect((await lanHttp.postForm(`/series/${SLUG}/conferences/2/lifecycle`, { intent: "open" })).status).toBe(303);
    const second = `/series/${SLUG}/conferences/2`;
    const typed = "Phía Trung Quốc đề nghị bổ sung nội dung về thương mại điện tử xuyên biên giới.";
    const lan = await openPage(browser, server.url);
    const zhang = await openPage(browser, server.url);
    try {
      await secretariatsInWorkspace(lan, zhang, second);

      const notes = zhang.page.getByRole("textbox", { name: zh.workspace.agenda.notes, exact: true }).first();
      await notes.click();
      const typing = zhang.page.keyboard.type(typed, { delay: 35 });
      await new Promise((r) => setTimeout(r, 800));
      await lan.page.getByRole("button", { name: `${vi.lifecycle.conclude}…` }).click();
      const dialog = lan.page.getByRole("dialog", { name: vi.conclusion.title });
      await dialog.getByRole("button", { name: vi.conclusion.adopt }).click();
      await lan.page.waitForURL((url) => url.pathname === `${second}/record`);
      await typing;

      // Zhang's screen is read-only and concluded, without a reload, and never "saving" for ever.
      await zhang.page.getByRole("heading", { name: zh.conclusion.concludedHeading }).waitFor({ timeout: 15_000 });
      expect(await zhang.page.locator('.agenda-list [contenteditable="true"]').count()).toBe(0);
      expect(await zhang.page.getByRole("status").filter({ hasText: zh.workspace.status.saving_other.slice(0, 3) }).count()).toBe(0);

      // What reached the server before the freeze is in the record, in order; whatever his screen
      // held beyond it is offered to him to copy; the agenda on his screen is the record's.
      const record = await (await lanHttp.get(`${second}/record.md`)).text();
      const adoptedNotes = typed.slice(0, [...typed].findLastIndex((_c, i) => record.includes(typed.slice(0, i + 1))) + 1);
      await zhang.page.waitForTimeout(500);
      const leftovers = zhang.page.getByRole("heading", { name: zh.conclusion.leftovers.heading });
      const offered = (await leftovers.count()) > 0 ? await zhang.page.locator(".leftovers textarea").first().inputValue() : "";
      if (offered) {
        expect(typed.startsWith(offered)).toBe(true);
        expect(offered.length).toBeGreaterThan(adoptedNotes.length);
      }
      expect(adoptedNotes.length + offered.length).toBeGreaterThan(0);
      const shown = (await zhang.page.locator(".agenda-list").textContent()) ?? "";
      expect(shown).toContain(adoptedNotes);
      if (offered) expect(shown).not.toContain(offered);
      await zhang.page.screenshot({ path: "/tmp/accord-typing-while-adopted.png", fullPage: true });
    } finally {
      await Promise.all([lan.context.close(), zhang.context.close()]);
    }
  });
});
