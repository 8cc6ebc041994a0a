import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { DEMO_PASSWORD } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Workflow with reasons (issue 10 item 5) and a party speaking only for itself
// on a joint commitment (issue 11 item 2), through the real forms and the API.

const SERIES = "vn-cn-anti-smuggling";
const LAN = "lan.nguyen@vnc.test"; // secretariat (VNC)
const MINH = "minh.tran@vnc.test"; // delegate (VNC)
const LI = "li.na@gacc.test"; // delegate (GACC)

interface ApiCommitment {
  id: number;
  text: string;
  owners: string[];
  status: string;
  statusReason: string | null;
  dropRequests: { party: string; reason: string }[];
  events: { kind: string; from: string | null; to: string | null; reason: string | null; by: string | null }[];
}

let server: TestServer;
const people: Record<string, HttpClient> = {};
const as = async (email: string) => (people[email] ??= await new HttpClient(server.url).signIn(email, DEMO_PASSWORD));

async function find(prefix: string): Promise<ApiCommitment> {
  const { status, body } = await (await as(LAN)).getJson<ApiCommitment[]>(`/api/v1/series/${SERIES}/commitments`);
  expect(status).toBe(200);
  const found = body.find((c) => c.text.startsWith(prefix));
  expect(found, prefix).toBeDefined();
  return found!;
}

async function post(email: string, id: number, fields: Record<string, string>) {
  const response = await (await as(email)).postForm(`/commitments/${id}`, { intent: "status", ...fields });
  const body = await response.text();
  return { status: response.status, body };
}

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
});

describe("blocking and dropping ask for a reason", () => {
  it("refuses Blocked without a reason, or with one too long, and stores nothing", async () => {
    const target = await find("Exchange information on high-risk consignments");
    expect((await post(MINH, target.id, { to: "blocked" })).status).toBe(400);
    expect((await post(MINH, target.id, { to: "blocked", reason: "   " })).status).toBe(400);
    expect((await post(MINH, target.id, { to: "blocked", reason: "x".repeat(501) })).status).toBe(400);
    const after = await find("Exchange information on high-risk consignments");
    expect(after.status).toBe(target.status);
    expect(after.events.length).toBe(target.events.length);
  });

  it("keeps the reason with the status event and shows it on the commitment, the leader view and the briefing", async () => {
    const target = await find("Exchange information on high-risk consignments");
    const reason = "Waiting for the new data-sharing decree — chờ nghị định mới";
    expect((await post(MINH, target.id, { to: "blocked", reason })).status).toBe(200);
    const after = await find("Exchange information on high-risk consignments");
    expect(after.status).toBe("blocked");
    expect(after.statusReason).toBe(reason);
    expect(after.events.at(-1)).toMatchObject({ kind: "status", to: "blocked", reason });
    const lan = await as(LAN);
    await lan.postForm("/settings/language", { locale: "en", redirectTo: "/" });
    const page = await lan.getHtml(`/commitments/${target.id}`);
    expect(page.html).toContain(en.workflow.blockedBecause);
    expect(page.html).toContain(reason);
    // In the briefing's list of what is still open.
    expect((await lan.getHtml(`/series/${SERIES}/briefing`)).html).toContain(reason);
    // The leader's view lists the overdue ones with theirs: GACC's policy changes, blocked in the demo with its reason.
    const leader = await lan.getHtml(`/series/${SERIES}/leader`);
    expect(leader.html).toMatch(
      new RegExp(`${en.workflow.blockedBecause}</strong>(<!-- -->| )*<span lang="en">Waiting for the new risk-management regulation to be published.</span>`),
    );
  });

  it("a delegate is not offered a drop, only a proposal to drop", async () => {
    const target = await find("Keep exchanging information on smuggling routes");
    const minh = await as(MINH);
    await minh.postForm("/settings/language", { locale: "en", redirectTo: "/" });
    const page = await minh.getHtml(`/commitments/${target.id}`);
    expect(page.html).toContain(en.workflow.proposeDrop);
    expect(page.html).not.toContain(en.commitment.markAs.replace("{{status}}", en.commitment.statuses.dropped));
  });
});

describe("a conference that drops a commitment says why", () => {
  it("refuses the outcome Dropped without a note, and keeps the note as the reason", async () => {
    const target = await find("Propose extending cooperation to border localities");
    const lan = await as(LAN);
    const review = `/series/${SERIES}/conferences/18/review`;
    let response = await lan.postForm(review, { commitmentId: String(target.id), outcome: "dropped", note: "" });
    await response.body?.cancel();
    expect(response.status).toBe(400);
    expect((await find("Propose extending cooperation to border localities")).status).toBe(target.status);
    response = await lan.postForm(review, { commitmentId: String(target.id), outcome: "dropped", note: "Overtaken by the provincial agreements." });
    await response.body?.cancel();
    expect(response.status).toBe(200);
    const after = await find("Propose extending cooperation to border localities");
    expect(after.status).toBe("dropped");
    expect(after.statusReason).toBe("Overtaken by the provincial agreements.");
  });
});

describe("a party speaks only for itself on a joint commitment", () => {
  it("refuses a delegate moving a done joint commitment back, and keeps the other owner's confirmed share", async () => {
    const target = await find("Develop a joint cooperation plan against drug trafficking");
    expect(target.status).toBe("done");
    const refused = await post(MINH, target.id, { to: "in_progress" });
    expect(refused.status).toBe(403);
    const after = await find("Develop a joint cooperation plan against drug trafficking");
    expect(after.status).toBe("done");
    expect(after.events.length).toBe(target.events.length);
    // The secretariat may reopen it for the conference.
    expect((await post(LAN, target.id, { to: "in_progress" })).status).toBe(200);
    expect((await find("Develop a joint cooperation plan against drug trafficking")).status).toBe("in_progress");
  });

  it("refuses a delegate reopening a commitment the conference dropped", async () => {
    const target = await find("Set up a joint working group on cigarette smuggling");
    expect(target.status).toBe("dropped");
    expect((await post(MINH, target.id, { to: "open" })).status).toBe(403);
    expect((await post(LI, target.id, { to: "in_progress" })).status).toBe(403);
    expect((await find("Set up a joint working group on cigarette smuggling")).status).toBe("dropped");
  });

  it("records a delegate's drop as a proposal; the joint commitment is dropped once every owner has asked", async () => {
    const target = await find("Keep exchanging information on smuggling routes");
    const first = await post(MINH, target.id, { to: "dropped", reason: "The hotline is replaced by the monthly exchange." });
    expect(first.status).toBe(200);
    let now = await find("Keep exchanging information on smuggling routes");
    expect(now.status).toBe(target.status);
    expect(now.dropRequests).toEqual([{ party: "VNC", reason: "The hotline is replaced by the monthly exchange.", at: expect.any(String) as string }]);
    expect(now.events.at(-1)).toMatchObject({ kind: "drop_requested", reason: "The hotline is replaced by the monthly exchange." });
    const li = await as(LI);
    await li.postForm("/settings/language", { locale: "en", redirectTo: "/" });
    const page = await li.getHtml(`/commitments/${target.id}`);
    expect(page.html).toContain(en.workflow.dropProposedBy.replace("{{party}}", "VNC"));
    expect(page.html).toContain(en.workflow.dropAwaiting.replace("{{parties}}", "GACC"));
    expect(page.html).toContain(en.workflow.joinDrop);

    expect((await post(LI, target.id, { to: "dropped", reason: "Agreed: the monthly exchange covers it." })).status).toBe(200);
    now = await find("Keep exchanging information on smuggling routes");
    expect(now.status).toBe("dropped");
    expect(now.statusReason).toBe("Agreed: the monthly exchange covers it.");
    expect(now.dropRequests).toEqual([]);
  });

  it("lets the owner that proposed a drop withdraw it, and a secretariat decline one", async () => {
    const target = await find("Pilot the exchange of risk profiles");
    expect((await post(LI, target.id, { to: "dropped", reason: "Platforms will not share data." })).status).toBe(200);
    expect((await find("Pilot the exchange of risk profiles")).dropRequests.map((r) => r.party)).toEqual(["GACC"]);
    const withdraw = async (email: string) => {
      const response = await (await as(email)).postForm(`/commitments/${target.id}`, { intent: "withdrawDrop" });
      await response.body?.cancel();
      return response.status;
    };
    // A delegate of another party cannot touch it.
    expect(await withdraw(MINH)).toBe(403);
    expect((await find("Pilot the exchange of risk profiles")).dropRequests).toHaveLength(1);
    expect(await withdraw(LI)).toBe(200);
    let now = await find("Pilot the exchange of risk profiles");
    expect(now.dropRequests).toEqual([]);
    expect(now.events.at(-1)).toMatchObject({ kind: "drop_withdrawn" });

    expect((await post(LI, target.id, { to: "dropped", reason: "Asked again." })).status).toBe(200);
    expect(await withdraw(LAN)).toBe(200);
    now = await find("Pilot the exchange of risk profiles");
    expect(now.dropRequests).toEqual([]);
    expect(now.status).toBe(target.status);
  });

  it("a single owner's delegate proposes; a secretariat drops, with a reason", async () => {
    const target = await find("Share findings on the use of AI against customs fraud");
    expect((await post(LI, target.id, { to: "dropped", reason: "Covered by the WCO study." })).status).toBe(200);
    let now = await find("Share findings on the use of AI against customs fraud");
    expect(now.status).toBe(target.status);
    expect(now.dropRequests.map((r) => r.party)).toEqual(["GACC"]);
    expect((await post(LAN, target.id, { to: "dropped" })).status).toBe(400);
    expect((await post(LAN, target.id, { to: "dropped", reason: "Confirmed: covered by the WCO study." })).status).toBe(200);
    now = await find("Share findings on the use of AI against customs fraud");
    expect(now.status).toBe("dropped");
    expect(now.statusReason).toBe("Confirmed: covered by the WCO study.");
    expect(now.dropRequests).toEqual([]);
  });

  it("shows on a joint commitment's card whose confirmation it still awaits", async () => {
    const minh = await as(MINH);
    const { html } = await minh.getHtml("/my/commitments");
    // Mekong Dragon: Vietnam has confirmed its share, GACC has not.
    expect(html).toContain(en.workflow.awaiting.replace("{{parties}}", "GACC"));
  });
});
