import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDraftAction } from "../../app/collab/conference-doc";
import { vi } from "../../app/i18n/catalogs/vi";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, waitSynced } from "../helpers/collab";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const SERIES = "vn-cn-anti-smuggling";

interface ApiCommitment {
  id: number;
  text: string;
  owners: string[];
  status: string;
  due: string | null;
  agreedAt: { conferenceId: number; number: number };
  reviews: { conferenceId: number; number: number; held: boolean; outcome: string | null }[];
  carriedOver: number;
  history: { at: string; by: string | null; from: string | null; to: string | null; note: string }[];
  followUps: { at: string; by: string | null; note: string; figure?: { label: string; value: number; unit: string } }[];
}

let server: TestServer;
const people: Record<string, HttpClient> = {};

async function as(email: string) {
  people[email] ??= await new HttpClient(server.url).signIn(email, DEMO_PASSWORD);
  return people[email];
}

async function commitments(slug = SERIES) {
  const { status, body } = await (await as("lan.nguyen@vnc.test")).getJson<ApiCommitment[]>(`/api/v1/series/${slug}/commitments`);
  expect(status).toBe(200);
  return body;
}

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_PROJECTION_DELAY_MS: "20" } });
});

afterAll(async () => {
  await server.stop();
});

describe("my agency's commitments", () => {
  it("lists late ones first, then the rest still to do, and closed ones last", async () => {
    const { status, html } = await (await as("li.na@gacc.test")).getHtml("/my/commitments");
    expect(status).toBe(200);
    const at = (text: string) => {
      const index = html.indexOf(text);
      expect(index, text).toBeGreaterThan(-1);
      return index;
    };
    const late = at("Pilot the exchange of risk profiles for cross-border e-commerce parcels");
    const stillOpen = at("Share findings on the use of AI against customs fraud");
    const done = at("Develop a joint cooperation plan against drug trafficking");
    const dropped = at("Set up a joint working group on cigarette smuggling");
    expect(late).toBeLessThan(stillOpen);
    expect(stillOpen).toBeLessThan(done);
    expect(stillOpen).toBeLessThan(dropped);
  });
});

describe("who may do what with a commitment", () => {
  // One owner party (GACC): "Share findings on the use of AI against customs fraud".
  const ACTORS = {
    secretariatOtherParty: "lan.nguyen@vnc.test",
    secretariatOwner: "zhang.wei@gacc.test",
    delegateOwner: "li.na@gacc.test",
    delegateOtherAgency: "minh.tran@vnc.test",
    observer: "hung.pham@vnc.test",
    otherSeriesMember: "mai.hoang@langson.test",
    adminNotMember: "admin@accord.test",
  } as const;
  type Actor = keyof typeof ACTORS | "anonymous";
  const progress = { status: { intent: "status", to: "in_progress" }, followUp: { intent: "followUp", note: "Progress reported." } };
  const edit = { due: { intent: "due", dueKind: "date", dueOn: "2027-01-31" }, text: { intent: "text", text: "Share findings on the use of AI against customs fraud, with examples" } };
  const allow = 200;
  // Remix answers a thrown 403/404 with its error page; anonymous is sent to sign in.
  const table: [Actor, keyof typeof progress | keyof typeof edit, number][] = [];
  const expected: Record<Actor, { progress: number; edit: number }> = {
    secretariatOtherParty: { progress: allow, edit: allow },
    secretariatOwner: { progress: allow, edit: allow },
    delegateOwner: { progress: allow, edit: 403 },
    delegateOtherAgency: { progress: 403, edit: 403 },
    observer: { progress: 403, edit: 403 },
    otherSeriesMember: { progress: 404, edit: 404 },
    adminNotMember: { progress: 403, edit: 403 },
    anonymous: { progress: 302, edit: 302 },
  };
  for (const actor of Object.keys(expected) as Actor[]) {
    for (const intent of Object.keys(progress) as (keyof typeof progress)[]) table.push([actor, intent, expected[actor].progress]);
    for (const intent of Object.keys(edit) as (keyof typeof edit)[]) table.push([actor, intent, expected[actor].edit]);
  }

  it.each(table)("%s → %s answers %i", async (actor, intent, status) => {
    const target = (await commitments()).find((c) => c.text.startsWith("Share findings on the use of AI"));
    expect(target?.owners).toEqual(["GACC"]);
    const client = actor === "anonymous" ? new HttpClient(server.url) : await as(ACTORS[actor]);
    const fields = { ...progress, ...edit }[intent];
    const before = (await commitments()).find((c) => c.id === target!.id)!;
    const response = await client.postForm(`/commitments/${target!.id}`, fields);
    await response.body?.cancel();
    expect(response.status).toBe(status);
    const after = (await commitments()).find((c) => c.id === target!.id)!;
    if (status !== allow) {
      // Refused means nothing changed.
      expect(after.history.length).toBe(before.history.length);
      expect(after.followUps.length).toBe(before.followUps.length);
      expect(after.due).toBe(before.due);
      expect(after.text).toBe(before.text);
    }
  });
});

describe("joint commitments", () => {
  it("are done only when every owner party has confirmed its share, with attributed history", async () => {
    const joint = (await commitments()).find((c) => c.text.startsWith("Exchange information on high-risk consignments"))!;
    expect(joint.owners).toEqual(["GACC", "VNC"]);
    const minh = await as("minh.tran@vnc.test");
    let response = await minh.postForm(`/commitments/${joint.id}`, { intent: "status", to: "done", note: "Vietnam's share is done." });
    expect(response.status).toBe(200);
    let now = (await commitments()).find((c) => c.id === joint.id)!;
    expect(now.status).toBe("in_progress");
    const li = await as("li.na@gacc.test");
    response = await li.postForm(`/commitments/${joint.id}`, { intent: "status", to: "done", note: "China's share is done." });
    expect(response.status).toBe(200);
    now = (await commitments()).find((c) => c.id === joint.id)!;
    expect(now.status).toBe("done");
    const last = now.history.at(-1)!;
    expect(last).toMatchObject({ by: "李娜", from: "in_progress", to: "done", note: "China's share is done." });
  });

  it("records follow-ups with figures", async () => {
    const target = (await commitments()).find((c) => c.text.startsWith("Keep exchanging information on smuggling routes"))!;
    const minh = await as("minh.tran@vnc.test");
    const response = await minh.postForm(`/commitments/${target.id}`, {
      intent: "followUp",
      note: "Year-end figure.",
      figureLabel: "items of information exchanged",
      figureValue: "4,200",
      figureUnit: "items",
      // "4,200" reads two ways; the writer (in English) confirmed 4200.
      figureConfirm: "4200",
    });
    expect(response.status).toBe(200);
    const now = (await commitments()).find((c) => c.id === target.id)!;
    expect(now.followUps.at(-1)).toMatchObject({ by: "Trần Văn Minh", note: "Year-end figure.", figure: { label: "items of information exchanged", value: 4200, unit: "items" } });
  });

  it("refuses a figure without a number, and stores nothing", async () => {
    const target = (await commitments()).find((c) => c.text.startsWith("Keep exchanging information on smuggling routes"))!;
    const response = await (await as("minh.tran@vnc.test")).postForm(`/commitments/${target.id}`, {
      intent: "followUp",
      note: "Bad figure.",
      figureLabel: "items",
      figureValue: "many",
    });
    expect(response.status).toBe(400);
    const now = (await commitments()).find((c) => c.id === target.id)!;
    expect(now.followUps.some((f) => f.note === "Bad figure.")).toBe(false);
  });
});

describe("figures read the way their writer writes numbers", () => {
  const target = async () => (await commitments()).find((c) => c.text.startsWith("Keep exchanging information on smuggling routes"))!;
  const figureNotes = async (note: string) => (await target()).followUps.filter((f) => f.note === note);

  it("asks a Vietnamese writer to confirm “1.200” as 1200, stores nothing until then, then stores 1200", async () => {
    const { id } = await target();
    const lan = await as("lan.nguyen@vnc.test");
    const fields = { intent: "followUp", note: "Số tin trao đổi quý IV.", figureLabel: "số tin trao đổi", figureValue: "1.200", figureUnit: "tin" };
    let response = await lan.postForm(`/commitments/${id}`, fields);
    expect(response.status).toBe(200);
    const page = await response.text();
    // The question, in Vietnamese, with the figure written the Vietnamese way and the other reading named.
    expect(page).toContain(vi.commitment.figureConfirm.replace("{{figure}}", "1.200 tin"));
    expect(page).toContain(vi.commitment.figureConfirmOther.replace("{{typed}}", "1.200").replace("{{other}}", "1,2"));
    expect(page).toMatch(/<input type="hidden" name="figureConfirm" value="1200"\/?>/);
    // What was typed is kept in the form, so that confirming re-posts it.
    expect(page).toContain('value="1.200"');
    expect(await figureNotes(fields.note)).toEqual([]);

    response = await lan.postForm(`/commitments/${id}`, { ...fields, figureConfirm: "1200" });
    expect(response.status).toBe(200);
    const stored = await figureNotes(fields.note);
    expect(stored).toHaveLength(1);
    expect(stored[0].figure).toEqual({ label: "số tin trao đổi", value: 1200, unit: "tin" });
  });

  it("asks again when the figure changed after it was confirmed", async () => {
    const { id } = await target();
    const lan = await as("lan.nguyen@vnc.test");
    const note = "Changed after confirming.";
    const response = await lan.postForm(`/commitments/${id}`, { intent: "followUp", note, figureLabel: "tin", figureValue: "1.300", figureConfirm: "1200" });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/name="figureConfirm" value="1300"/);
    expect(await figureNotes(note)).toEqual([]);
  });

  it("stores an unambiguous figure at once: “2 600” with a no-break space, “1.234.567” in Vietnamese", async () => {
    const { id } = await target();
    const lan = await as("lan.nguyen@vnc.test");
    for (const [typed, value] of [["2\u00A0600", 2600], ["1.234.567", 1234567], ["12,5", 12.5]] as const) {
      const note = `Unambiguous ${typed}`;
      const response = await lan.postForm(`/commitments/${id}`, { intent: "followUp", note, figureLabel: "tin", figureValue: typed });
      expect(response.status).toBe(200);
      expect((await figureNotes(note))[0]?.figure?.value).toBe(value);
    }
  });

  it("refuses a figure that is not a number with a clear message in the writer's language, never a 500", async () => {
    const { id } = await target();
    const lan = await as("lan.nguyen@vnc.test");
    for (const typed of ["1.2.3", "mười hai", "1,2,3", "12 tin"]) {
      const note = `Unreadable ${typed}`;
      const response = await lan.postForm(`/commitments/${id}`, { intent: "followUp", note, figureLabel: "tin", figureValue: typed });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(vi.errors.figureInvalid);
      expect(await figureNotes(note)).toEqual([]);
    }
  });
});

describe("carry-over across three conferences", () => {
  it("puts an open commitment on each new conference's review list with its lineage", async () => {
    const admin = await as("admin@accord.test");
    let response = await admin.postForm("/admin/series", [
      ["name", "Carry-over test series"],
      ["slug", "carry-test"],
      ["description", ""],
      ["parties", "VNC"],
      ["parties", "GACC"],
    ]);
    expect(response.status).toBe(303);
    const lan = await as("lan.nguyen@vnc.test");
    const { body: me } = await lan.getJson<{ id: string }>("/api/v1/me");
    const { body: vnc } = await admin.getJson<{ parties: { code: string }[] }>("/api/v1/series/carry-test");
    expect(vnc.parties.map((p) => p.code)).toEqual(["VNC", "GACC"]);
    const adminPage = await admin.getHtml("/admin/series/carry-test");
    const vncId = /<option value="(\d+)">VNC/.exec(adminPage.html)?.[1];
    response = await admin.postForm("/admin/series/carry-test", { intent: "grant", userId: me.id, agencyId: vncId!, role: "secretariat" });
    expect(response.status).toBe(200);

    const create = async (number: number) => {
      const r = await lan.postForm("/series/carry-test/conferences/new", {
        number: String(number),
        title: `Conference ${number}`,
        startsOn: `202${number}-05-01`,
        endsOn: `202${number}-05-02`,
        format: "online",
        venue: "",
        hostAgencyId: "",
      });
      expect(r.status).toBe(303);
    };
    const conclude = async (number: number) => {
      // The session is opened first: a conference that never sat is not concluded.
      expect((await lan.postForm(`/series/carry-test/conferences/${number}/lifecycle`, { intent: "open" })).status).toBe(303);
      const r = await lan.postForm(`/series/carry-test/conferences/${number}/lifecycle`, { intent: "conclude" });
      expect(r.status).toBe(303);
      expect(r.headers.get("location")).toBe(`/series/carry-test/conferences/${number}/record`);
    };

    await create(1);
    const { docName } = await conferenceDocName(lan, "carry-test", 1);
    const client = connectCollab(server, docName, { cookie: cookieHeader(lan) });
    await waitSynced(client);
    addDraftAction(client.doc, { text: "Exchange contact lists of border gates", owners: ["VNC", "GACC"], due: "next" });
    await client.waitStored("the hub to store the draft action");
    client.destroy();
    await conclude(1);
    await create(2);
    // The day after: the next conference is planned, nothing has been carried over yet (decision 0013).
    const [agreed] = await commitments("carry-test");
    expect(agreed.reviews.map((r) => [r.number, r.held, r.outcome])).toEqual([[2, false, null]]);
    expect(agreed.carriedOver).toBe(0);
    await conclude(2);
    await create(3);

    const [carried] = await commitments("carry-test");
    expect(carried.text).toBe("Exchange contact lists of border gates");
    expect(carried.agreedAt.number).toBe(1);
    expect(carried.reviews.map((r) => [r.number, r.held, r.outcome])).toEqual([
      [2, true, "carried"],
      [3, false, null],
    ]);
    expect(carried.carriedOver).toBe(1);
    // Once the third conference is in session, it has been held while the commitment is open.
    expect((await lan.postForm("/series/carry-test/conferences/3/lifecycle", { intent: "open" })).status).toBe(303);
    expect((await commitments("carry-test"))[0].carriedOver).toBe(2);
    const reviewPage = await lan.getHtml("/series/carry-test/conferences/3/review");
    expect(reviewPage.status).toBe(200);
    expect(reviewPage.html).toContain(`<h1>${vi.review.title}</h1>`);
    expect(reviewPage.html).toContain("Exchange contact lists of border gates");

    // The record of a concluded conference shows its SHA-256.
    const record = await lan.getHtml("/series/carry-test/conferences/1/record");
    expect(record.html).toContain(vi.record.heading);
    expect(record.html).toMatch(/[0-9a-f]{64}/);

    // At the third conference the secretariat records it as completed: it closes.
    response = await lan.postForm("/series/carry-test/conferences/3/review", { commitmentId: String(carried.id), outcome: "completed", note: "Lists exchanged." });
    expect(response.status).toBe(200);
    const [closed] = await commitments("carry-test");
    expect(closed.status).toBe("done");
    expect(closed.reviews.at(-1)).toMatchObject({ number: 3, outcome: "completed" });
    // Completed at the third: that conference did not carry it over.
    expect(closed.carriedOver).toBe(1);
  });
});
