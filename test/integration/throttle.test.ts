import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { addUser } from "../helpers/cli";
import { auditEvents } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Each scenario gets its own server: failures from 127.0.0.1 count against the
// address, so one scenario's guesses would throttle the next one's sign-ins.

const LIMIT = 10;
const PASSWORD = "correct horse battery";

async function serverWithUser(env: Record<string, string> = {}) {
  const server = await startServer({ demo: false, env });
  await addUser(server.dbPath, { email: "victim@throttle.test", name: "Victim", password: PASSWORD });
  await addUser(server.dbPath, { email: "bystander@throttle.test", name: "Bystander", password: PASSWORD });
  return server;
}

function attempt(server: TestServer, email: string, password: string, forwardedFor?: string) {
  const headers: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  return new HttpClient(server.url).login(email, password, { headers });
}

async function expectThrottled(response: Response) {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(htmlText(await response.text())).toContain(en.login.throttled);
}

describe("sign-in throttling", () => {
  it(`stops an account after ${LIMIT} failures, even with the right password, wherever they come from`, async () => {
    const server = await serverWithUser({ ACCORD_TRUST_PROXY: "loopback" });
    for (let i = 0; i < LIMIT; i++) {
      expect((await attempt(server, "victim@throttle.test", "wrong guess", `198.51.100.${i + 1}`)).status).toBe(401);
    }
    await expectThrottled(await attempt(server, "victim@throttle.test", PASSWORD, "198.51.100.200"));
    // Another account from the same addresses is not affected.
    expect((await attempt(server, "bystander@throttle.test", PASSWORD, "198.51.100.1")).status).toBe(303);

    const throttled = auditEvents(server.dbPath, "signin.throttled");
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ subject: "victim@throttle.test", ip: "198.51.100.200" });
    expect(auditEvents(server.dbPath, "signin.failed")).toHaveLength(LIMIT);
  });

  it(`stops an address after ${LIMIT} failures across different emails`, async () => {
    const server = await serverWithUser({ ACCORD_TRUST_PROXY: "loopback" });
    for (let i = 0; i < LIMIT; i++) {
      expect((await attempt(server, `guess${i}@throttle.test`, "wrong guess", "203.0.113.7")).status).toBe(401);
    }
    await expectThrottled(await attempt(server, "victim@throttle.test", PASSWORD, "203.0.113.7"));
    // Behind a trusted proxy, another address is another client.
    expect((await attempt(server, "victim@throttle.test", PASSWORD, "203.0.113.8")).status).toBe(303);
    expect(auditEvents(server.dbPath, "signin.throttled")[0]).toMatchObject({ ip: "203.0.113.7" });
  });

  it("ignores X-Forwarded-For when no proxy is configured, so it cannot be used to dodge the limit", async () => {
    const server = await serverWithUser();
    for (let i = 0; i < LIMIT; i++) {
      const response = await attempt(server, `guess${i}@throttle.test`, "wrong guess", `192.0.2.${i + 1}`);
      expect(response.status).toBe(401);
    }
    await expectThrottled(await attempt(server, "victim@throttle.test", PASSWORD, "192.0.2.250"));
    const ips = new Set(auditEvents(server.dbPath, "signin.failed").map((e) => e.ip));
    expect([...ips]).toEqual(["127.0.0.1"]);
  });

  it("throttles an unknown email the same way as a real one", async () => {
    const server = await serverWithUser({ ACCORD_TRUST_PROXY: "loopback" });
    for (let i = 0; i < LIMIT; i++) {
      expect((await attempt(server, "ghost@throttle.test", "wrong guess", `198.18.0.${i + 1}`)).status).toBe(401);
    }
    await expectThrottled(await attempt(server, "ghost@throttle.test", "wrong guess", "198.18.0.200"));
  });
});
