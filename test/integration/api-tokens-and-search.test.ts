import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
});

async function createToken(client: HttpClient, name: string) {
  const response = await client.postForm("/account", { intent: "createToken", name });
  expect(response.status).toBe(200);
  const token = /accord_[A-Za-z0-9_-]{20,}/.exec(await response.text())?.[0];
  expect(token, "the new token is shown once").toBeTruthy();
  return token!;
}

describe("personal API tokens", () => {
  it("open the read-only API as their owner, are stored only as a hash, and stop working when revoked", async () => {
    const minh = await new HttpClient(server.url).signIn("minh.tran@vnc.test", DEMO_PASSWORD);
    const token = await createToken(minh, "Monthly report script");
    const stored = withDb(server.dbPath, (db) => db.prepare("SELECT token_hash FROM api_tokens").all() as { token_hash: string }[]);
    expect(stored.some((row) => row.token_hash === token)).toBe(false);

    const bearer = { authorization: `Bearer ${token}`, accept: "application/json" };
    let response = await fetch(`${server.url}/api/v1/me`, { headers: bearer });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ email: "minh.tran@vnc.test" });
    response = await fetch(`${server.url}/api/v1/series/vn-cn-anti-smuggling/commitments`, { headers: bearer });
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBeGreaterThan(5);
    // A member of one series only: the other is as if it did not exist.
    response = await fetch(`${server.url}/api/v1/series/two-countries-four-agencies/commitments`, { headers: bearer });
    expect(response.status).toBe(404);

    // A token opens the API only: not pages, and never commands.
    response = await fetch(`${server.url}/my/commitments`, { headers: bearer, redirect: "manual" });
    expect(response.status).toBe(302);
    response = await fetch(`${server.url}/commitments/1`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=status&to=done",
      redirect: "manual",
    });
    expect(response.status).toBe(302);

    const account = await minh.getHtml("/account");
    const id = /name="id" value="(\d+)"/.exec(account.html)?.[1];
    expect(htmlText(account.html)).toContain("Monthly report script");
    response = await minh.postForm("/account", { intent: "revokeToken", id: id! });
    expect(response.status).toBe(200);
    response = await fetch(`${server.url}/api/v1/me`, { headers: bearer });
    expect(response.status).toBe(401);
  });

  it("refuses a made-up token", async () => {
    const response = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: "Bearer accord_not-a-real-token-at-all" } });
    expect(response.status).toBe(401);
  });
});

describe("search", () => {
  it("finds agenda items, commitments and agreements of the user's own series only", async () => {
    const minh = await new HttpClient(server.url).signIn("minh.tran@vnc.test", DEMO_PASSWORD);
    let page = htmlText((await minh.getHtml(`/search?q=${encodeURIComponent("mekong drag")}`)).html);
    expect(page).toContain("Mekong Dragon joint operation");
    page = htmlText((await minh.getHtml(`/search?q=${encodeURIComponent("contact points")}`)).html);
    expect(page).toContain("Memorandum of Understanding on professional exchanges");
    // Series Minh is not a member of stays invisible.
    page = htmlText((await minh.getHtml(`/search?q=${encodeURIComponent("Móng Cái")}`)).html);
    expect(page).toContain("0 results");

    const mai = await new HttpClient(server.url).signIn("mai.hoang@langson.test", DEMO_PASSWORD);
    // Vietnamese with or without tone marks, and Chinese by substring.
    expect(htmlText((await mai.getHtml(`/search?q=${encodeURIComponent("mong cai")}`)).html)).toContain("Share alerts on maritime smuggling");
    expect(htmlText((await mai.getHtml(`/search?q=${encodeURIComponent("Móng Cái")}`)).html)).toContain("Share alerts on maritime smuggling");
  });

  it("keeps up with new commitments", async () => {
    const lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
    const { body } = await lan.getJson<{ id: number; text: string }[]>("/api/v1/series/vn-cn-anti-smuggling/commitments");
    const target = body.find((c) => c.text.startsWith("Share findings on the use of AI"))!;
    const response = await lan.postForm(`/commitments/${target.id}`, { intent: "text", text: "Share findings on machine-learning risk scoring of parcels" });
    expect(response.status).toBe(200);
    // Found by its new words; Lan reads its title in Vietnamese, the words found are in the snippet (marked, on SQLite).
    expect(htmlText((await lan.getHtml(`/search?q=${encodeURIComponent("risk scoring")}`)).html)).toMatch(/machine-learning \[?risk\]? \[?scoring/);
  });
});
