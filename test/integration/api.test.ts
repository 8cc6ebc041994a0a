import { beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PASSWORD = "accord-demo-2026";
const VN_CN = "vn-cn-anti-smuggling";
const FOUR = "two-countries-four-agencies";

interface SeriesItem {
  slug: string;
  name: string;
  parties: Array<{ code: string; name: string; country: string }>;
}

let server: TestServer;
let anonymous: HttpClient;
let lan: HttpClient;
let admin: HttpClient;

beforeAll(async () => {
  server = await startServer();
  anonymous = new HttpClient(server.url);
  [lan, admin] = await Promise.all([
    new HttpClient(server.url).signIn("lan.nguyen@vnc.test", PASSWORD),
    new HttpClient(server.url).signIn("admin@accord.test", PASSWORD),
  ]);
});

function expectJsonError(result: { status: number; contentType: string; body: unknown }, status: number) {
  expect(result.status).toBe(status);
  expect(result.contentType).toMatch(/^application\/json/);
  expect(result.body).toEqual({ error: expect.any(String), status });
}

describe("anonymously", () => {
  it.each(["/api/v1/me", "/api/v1/series", `/api/v1/series/${VN_CN}`])("GET %s is a 401 in JSON, not a redirect", async (path) => {
    expectJsonError(await anonymous.getJson(path), 401);
  });
});

describe("GET /api/v1/me", () => {
  it("names the signed-in person", async () => {
    const { status, body } = await lan.getJson("/api/v1/me");
    expect(status).toBe(200);
    expect(body).toEqual({ id: expect.any(String), email: "lan.nguyen@vnc.test", name: "Nguyễn Thị Lan", isAdmin: false });
    expect((await admin.getJson("/api/v1/me")).body).toMatchObject({ email: "admin@accord.test", isAdmin: true });
  });

  it("is never cached", async () => {
    const response = await lan.get("/api/v1/me");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("GET /api/v1/series", () => {
  it("lists only the caller's series, with their parties", async () => {
    const { status, body } = await lan.getJson<SeriesItem[]>("/api/v1/series");
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        slug: VN_CN,
        name: "Vietnam–China Customs Anti-Smuggling Cooperation Conference",
        viewerName: "Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc",
        parties: [
          { code: "VNC", name: "Cục Hải quan Việt Nam — Anti-Smuggling and Investigation Department", country: "VN" },
          { code: "GACC", name: "海关总署缉私局 — GACC Anti-Smuggling Bureau", country: "CN" },
        ],
      },
    ]);
  });

  it("lists every series for an admin", async () => {
    const { body } = await admin.getJson<SeriesItem[]>("/api/v1/series");
    expect(body.map((s) => s.slug).sort()).toEqual([FOUR, VN_CN]);
    expect(body.find((s) => s.slug === FOUR)!.parties.map((p) => p.code)).toEqual(["LSC", "CBC", "QNC", "NNC"]);
  });
});

describe("GET /api/v1/series/:slug", () => {
  it("gives a member the series with parties and members", async () => {
    const { status, body } = await lan.getJson<{
      slug: string;
      parties: SeriesItem["parties"];
      members: Array<{ id: string; name: string; role: string; agency: string }>;
      conferences: unknown[];
    }>(`/api/v1/series/${VN_CN}`);
    expect(status).toBe(200);
    expect(body.slug).toBe(VN_CN);
    expect(body.parties.map((p) => p.code)).toEqual(["VNC", "GACC"]);
    expect(body.members).toContainEqual({ id: expect.any(String), name: "Nguyễn Thị Lan", role: "secretariat", agency: "VNC" });
    expect(body.members).toContainEqual({ id: expect.any(String), name: "张伟", role: "secretariat", agency: "GACC" });
    expect(body.members.every((m) => m.agency === "VNC" || m.agency === "GACC")).toBe(true);
    expect(Array.isArray(body.conferences)).toBe(true);
    // Member emails are not part of this answer.
    expect(JSON.stringify(body.members)).not.toContain("@");
  });

  it("answers 404 in JSON to a non-member, the same as for a missing series", async () => {
    const hidden = await lan.getJson(`/api/v1/series/${FOUR}`);
    const missing = await lan.getJson("/api/v1/series/no-such-series");
    expectJsonError(hidden, 404);
    expect(hidden.body).toEqual(missing.body);
  });

  it("opens any series to an admin", async () => {
    expect((await admin.getJson(`/api/v1/series/${FOUR}`)).status).toBe(200);
  });
});

describe("errors", () => {
  it.each(["/api/v1/nope", "/api/v1", "/api/v2/series", "/api/v1/series/x/y", "/api/anything"])("GET %s is a 404 in JSON", async (path) => {
    expectJsonError(await lan.getJson(path), 404);
    expectJsonError(await anonymous.getJson(path), 404);
  });

  it.each(["/api/v1/me", "/api/v1/series", `/api/v1/series/${VN_CN}`, "/api/v1/nope"])("POST %s is a 405 in JSON: the API is read-only", async (path) => {
    const response = await lan.postForm(path, {});
    const body: unknown = await response.json();
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body).toEqual({ error: expect.any(String), status: 405 });
  });
});
