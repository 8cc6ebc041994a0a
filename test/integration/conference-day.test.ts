import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionsOf, addAgendaItem, addDraftAction, setActionOwner, setItemField } from "../../app/collab/conference-doc";
import { en } from "../../app/i18n/catalogs/en";
import { vi } from "../../app/i18n/catalogs/vi";
import { conferenceDocName, connectCollab, cookieHeader, DEMO_PASSWORD, until, waitSynced, type CollabClient } from "../helpers/collab";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { createConference, createSeries } from "../helpers/series-setup";

// The lifecycle of a conference on the server: what open screens are told,
// what concluding refuses, and what the adopted record leaves out.
const SLUG = "conference-day";
let server: TestServer;
let lan: HttpClient; // secretariat, VNC (Tiếng Việt)
let zhang: HttpClient; // secretariat, GACC
let minh: HttpClient; // delegate, VNC (English)
const clients: CollabClient[] = [];

function open(client: HttpClient, docName: string) {
  const c = connectCollab(server, docName, { cookie: cookieHeader(client) });
  clients.push(c);
  return c;
}

async function statusOf(number: number) {
  const { body } = await lan.getJson<{ conferences: { number: number; status: string }[] }>(`/api/v1/series/${SLUG}`);
  return body.conferences.find((c) => c.number === number)?.status;
}

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_PROJECTION_DELAY_MS: "50" } });
  await createSeries(server, {
    slug: SLUG,
    name: "Hải quan – Biên phòng",
    parties: ["VNC", "GACC"],
    members: [
      { email: "lan.nguyen@vnc.test", agency: "VNC", role: "secretariat" },
      { email: "zhang.wei@gacc.test", agency: "GACC", role: "secretariat" },
      { email: "minh.tran@vnc.test", agency: "VNC", role: "delegate" },
    ],
  });
  [lan, zhang, minh] = await Promise.all(
    ["lan.nguyen@vnc.test", "zhang.wei@gacc.test", "minh.tran@vnc.test"].map((email) => new HttpClient(server.url).signIn(email, DEMO_PASSWORD)),
  );
  for (const number of [1, 2, 3]) {
    await createConference(lan, SLUG, { number, title: `Conference ${number}`, startsOn: `209${number}-05-01`, endsOn: `209${number}-05-02` });
  }
});

afterAll(() => {
  for (const c of clients) c.destroy();
});

describe("the conference lifecycle", () => {
  it("refuses to conclude a conference whose session was never opened", async () => {
    const response = await lan.postForm(`/series/${SLUG}/conferences/1/lifecycle`, { intent: "conclude" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/series/${SLUG}/conferences/1?error=openSessionFirst`);
    expect(await statusOf(1)).toBe("planned");
  });

  it("tells every open screen when the session opens and when the record is adopted", async () => {
    const { docName } = await conferenceDocName(lan, SLUG, 1);
    const writer = open(zhang, docName);
    const reader = open(minh, docName);
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    expect(reader.notices.some((n) => n.kind === "status")).toBe(false);

    expect((await lan.postForm(`/series/${SLUG}/conferences/1/lifecycle`, { intent: "open" })).status).toBe(303);
    for (const c of [writer, reader]) {
      await until(() => c.notices.some((n) => n.kind === "status" && n.status === "in_session"), "the opening to be announced");
    }

    addDraftAction(writer.doc, { text: "Exchange lists of contact points", owners: ["VNC", "GACC"], due: "next" });
    await writer.waitStored("the draft action to be stored");
    const concluded = await lan.postForm(`/series/${SLUG}/conferences/1/lifecycle`, { intent: "conclude" });
    expect(concluded.headers.get("location")).toBe(`/series/${SLUG}/conferences/1/record`);
    for (const c of [writer, reader]) {
      await until(() => c.notices.some((n) => n.kind === "status" && n.status === "concluded"), "the adoption to be announced");
    }

    // A screen that opens the adopted record later is told at once, before it could send anything.
    const late = open(zhang, docName);
    await until(() => late.notices.some((n) => n.kind === "status" && n.status === "concluded"), "a late opener to be told");
  });

  it("does not adopt a record while something blocks it, and leaves blank entries out of the one it adopts", async () => {
    const { docName } = await conferenceDocName(lan, SLUG, 2);
    expect((await lan.postForm(`/series/${SLUG}/conferences/2/lifecycle`, { intent: "open" })).status).toBe(303);
    const writer = open(lan, docName);
    await waitSynced(writer);
    const actionId = addDraftAction(writer.doc, { text: "Share the list of high-risk goods", owners: [], due: "2020-01-15" });
    addAgendaItem(writer.doc, { title: "", kind: "other" });
    await writer.waitStored("the edits to be stored");

    const refused = await lan.postForm(`/series/${SLUG}/conferences/2/lifecycle`, { intent: "conclude" });
    expect(refused.headers.get("location")).toBe(`/series/${SLUG}/conferences/2/conclude`);
    expect(await statusOf(2)).toBe("in_session");

    // The check page says what is wrong, in the secretariat's language.
    const page = await lan.getHtml(`/series/${SLUG}/conferences/2/conclude`);
    expect(page.status).toBe(200);
    const text = htmlText(page.html);
    expect(text).toContain(vi.conclusion.problems.actionWithoutOwners.replace("{{number}}", "1").replace("{{text}}", "Share the list of high-risk goods"));
    expect(text).toContain(vi.conclusion.problems.actionDuePast.replace("{{number}}", "1").replace("{{text}}", "Share the list of high-risk goods").split("{{due}}")[0]);
    expect(text).toContain(vi.conclusion.problems.blankItemsLeftOut_other.replace("{{count}}", "1"));

    // The document was not left frozen: the secretariat puts it right through the socket.
    writer.doc.transact(() => {
      setActionOwner(writer.doc, actionId, "GACC", true);
      setItemField(actionsOf(writer.doc), actionId, "due", "2099-12-31");
    });
    await writer.waitStored("the fix to be stored");

    const adopted = await lan.postForm(`/series/${SLUG}/conferences/2/lifecycle`, { intent: "conclude" });
    expect(adopted.headers.get("location")).toBe(`/series/${SLUG}/conferences/2/record`);
    const markdown = await (await minh.get(`/series/${SLUG}/conferences/2/record.md`)).text();
    expect(markdown).not.toContain(en.workspace.agenda.untitled);
    expect(markdown).toContain("Share the list of high-risk goods");
    // The four default items, and not the blank fifth.
    expect(markdown).toMatch(/### 4\\?\./);
    expect(markdown).not.toMatch(/### 5\\?\./);
  });

  it("is not concluded by a delegate, who is refused", async () => {
    expect((await lan.postForm(`/series/${SLUG}/conferences/3/lifecycle`, { intent: "open" })).status).toBe(303);
    const response = await minh.postForm(`/series/${SLUG}/conferences/3/lifecycle`, { intent: "conclude" });
    expect([403, 404]).toContain(response.status);
    expect(await statusOf(3)).toBe("in_session");
    expect((await minh.get(`/series/${SLUG}/conferences/3/conclude`)).status).toBeGreaterThanOrEqual(403);
  });
});

describe("presence in one document", () => {
  it("gives each person a colour no one else there has, whatever their client claims", async () => {
    const { docName } = await conferenceDocName(lan, SLUG, 3);
    const a = open(lan, docName);
    const b = open(zhang, docName);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    await until(() => a.notices.some((n) => n.kind === "colour") && b.notices.some((n) => n.kind === "colour"), "colours to be given");
    const colourOf = (c: CollabClient) => c.notices.find((n) => n.kind === "colour");
    const [ca, cb] = [colourOf(a), colourOf(b)];
    expect(ca && cb && ca.kind === "colour" && cb.kind === "colour" && ca.color !== cb.color).toBe(true);

    // Both claim the same colour; each is seen by the other in the one the hub gave.
    a.provider.awareness.setLocalStateField("user", { name: "x", color: "#000000" });
    b.provider.awareness.setLocalStateField("user", { name: "y", color: "#000000" });
    const seen = (by: CollabClient, of: CollabClient) =>
      (by.provider.awareness.getStates().get(of.doc.clientID) as { user?: { color?: string } } | undefined)?.user?.color;
    await until(() => seen(a, b) !== undefined && seen(b, a) !== undefined, "presence to cross");
    expect(seen(a, b)).toBe(cb?.kind === "colour" ? cb.color : null);
    expect(seen(b, a)).toBe(ca?.kind === "colour" ? ca.color : null);
    expect(seen(a, b)).not.toBe(seen(b, a));
  });
});
