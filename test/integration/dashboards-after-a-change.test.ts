import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNumber } from "../../app/i18n/format";
import { i18nFor } from "../../app/i18n/i18n";
import { LOCALES } from "../../app/i18n/locales";
import { DEMO_PASSWORD } from "../helpers/collab";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// The leader's view and the register are kept in memory between changes
// (per conference, by revision). Right after a status change, in every
// interface language, both pages already show it.

const SERIES = "vn-cn-anti-smuggling";
const LAN = "lan.nguyen@vnc.test"; // secretariat, Viet Nam

interface ApiCommitment {
  id: number;
  status: string;
  overdue: boolean;
  owners: string[];
  viewerText: { text: string };
}

let server: TestServer;
let lan: HttpClient;

beforeAll(async () => {
  server = await startServer();
  lan = await new HttpClient(server.url).signIn(LAN, DEMO_PASSWORD);
});

afterAll(async () => {
  await server.stop();
});

async function commitments() {
  const { status, body } = await lan.getJson<ApiCommitment[]>(`/api/v1/series/${SERIES}/commitments`);
  expect(status).toBe(200);
  return body;
}

async function page(path: string) {
  const response = await lan.get(path);
  expect(response.status, path).toBe(200);
  return htmlText(await response.text()).replace(/\s+/g, " ");
}

describe("right after a change, the dashboards show it", () => {
  it.each(LOCALES)("in %s: the leader's view and the register's overdue list", async (locale) => {
    expect((await lan.postForm("/settings/language", { locale })).status).toBeLessThan(400);
    const t = i18nFor(locale).t;
    const n = (value: number) => formatNumber(locale, value);
    const doneLine = (list: ApiCommitment[]) =>
      t("leader.tiles.doneDetail", { done: n(list.filter((c) => c.status === "done").length), dropped: n(list.filter((c) => c.status === "dropped").length) });

    const before = await commitments();
    // One owner: a joint commitment is done only once every owner has confirmed its share.
    const target = before.find((c) => c.overdue && c.status !== "done" && c.owners.length === 1);
    expect(target, "the demo has an overdue commitment left").toBeDefined();
    // Both pages are read once first, so that what they keep in memory is the state before the change.
    const leaderBefore = await page(`/series/${SERIES}/leader`);
    expect(leaderBefore).toContain(doneLine(before));
    expect(await page(`/series/${SERIES}/commitments?overdue=1`)).toContain(target!.viewerText.text);

    const changed = await lan.postForm(`/commitments/${target!.id}`, { intent: "status", to: "done", note: "" });
    expect(changed.status).toBeLessThan(400);

    const after = await commitments();
    expect(after.find((c) => c.id === target!.id)?.status).toBe("done");
    const leaderAfter = await page(`/series/${SERIES}/leader`);
    expect(leaderAfter).toContain(doneLine(after));
    expect(leaderAfter).not.toContain(doneLine(before));
    expect(await page(`/series/${SERIES}/commitments?overdue=1`)).not.toContain(target!.viewerText.text);
  });
});
