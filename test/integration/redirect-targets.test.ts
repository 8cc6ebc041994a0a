import { beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../helpers/cli";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Where the server sends a browser after sign-in and after a language change:
// same-site paths only, and never a 500 (least of all after the old session ended).

const PASSWORD = "correct horse battery";
let server: TestServer;
let seq = 0;

beforeAll(async () => {
  server = await startServer({ demo: false });
});

async function newUser() {
  const email = `traveller${++seq}@redirect.test`;
  await addUser(server.dbPath, { email, name: "Traveller", password: PASSWORD });
  return email;
}

const PROBES: Array<[string, string]> = [
  ["a tab that a browser drops, leaving //", "/\t/evil.example"],
  ["a newline that a browser drops", "/\n/evil.example"],
  ["a carriage return", "/\r/evil.example"],
  ["a backslash", "/\\evil.example"],
  ["a dot segment that leaves //", "/.//evil.example"],
  ["an encoded dot segment", "/%2e//evil.example"],
  ["a protocol-relative URL", "//evil.example"],
  ["an absolute URL", "https://evil.example/"],
  ["a javascript: URL", "javascript:alert(1)"],
];

function expectSameSite(location: string | null) {
  expect(location).toBeTruthy();
  expect(location).toMatch(/^\/[\x21-\x7e]*$/);
  expect(location!.startsWith("//")).toBe(false);
  // What a browser makes of it stays on this site.
  expect(new URL(location!, server.url).origin).toBe(new URL(server.url).origin);
}

describe("after sign-in", () => {
  it.each(PROBES)("refuses %s", async (_what, target) => {
    const response = await new HttpClient(server.url).login(await newUser(), PASSWORD, { redirectTo: target });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
  });

  it("follows a target with non-Latin-1 text or a newline without failing, and the new session works", async () => {
    const email = await newUser();
    const client = await new HttpClient(server.url).signIn(email, PASSWORD);
    for (const target of ["/search?q=Đặng 张伟", "/account\nSet-Cookie: x=1", "/account?x=\u0000"]) {
      const response = await client.login(email, PASSWORD, { redirectTo: target });
      expect(response.status, JSON.stringify(target)).toBe(303);
      expectSameSite(response.headers.get("location"));
      expect(response.headers.get("set-cookie")).not.toContain("x=1");
      expect((await client.getJson("/api/v1/me")).status).toBe(200);
    }
  });
});

describe("after a language change", () => {
  it.each(PROBES)("refuses %s", async (_what, target) => {
    const response = await new HttpClient(server.url).postForm("/settings/language", { locale: "vi", redirectTo: target });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
  });

  it("never answers 500 for text a header cannot hold", async () => {
    const response = await new HttpClient(server.url).postForm("/settings/language", { locale: "zh", redirectTo: "/login?x=会议\r\n" });
    expect(response.status).toBe(303);
    expectSameSite(response.headers.get("location"));
  });
});
