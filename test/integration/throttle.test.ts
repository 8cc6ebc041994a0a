import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/catalogs/en";
import { ACCOUNT_CEILING, PAIR_FREE_FAILURES, SIGNIN_WINDOW_MINUTES, pairDelaySeconds } from "../../app/models/signin.server";
import { addUser } from "../helpers/cli";
import { auditEvents, withDb } from "../helpers/db";
import { HttpClient, htmlText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// Each scenario gets its own server, so that one scenario's failures never
// count in the next one. Addresses come from X-Forwarded-For behind a trusted
// (loopback) proxy, so that one test can play many clients.

const PASSWORD = "correct horse battery";
const VICTIM = "victim@throttle.test";

async function serverWithUser(env: Record<string, string> = { ACCORD_TRUST_PROXY: "loopback" }) {
  const server = await startServer({ demo: false, env });
  await addUser(server.dbPath, { email: VICTIM, name: "Victim", password: PASSWORD });
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
  const text = htmlText(await response.text());
  expect(text).toMatch(/Too many failed attempts from here\. Please wait \d+ minutes? and try again\./);
  expect(text).not.toContain(en.login.invalid);
}

/** Failures as the server would have recorded them, `minutesAgo` in the past: what a long attack leaves behind. */
function plantFailures(server: TestServer, rows: Array<{ email: string; ip: string; minutesAgo?: number }>) {
  withDb(server.dbPath, (db) => {
    const insert = db.prepare("INSERT INTO signin_failures (at, email, ip) VALUES (?, ?, ?)");
    for (const row of rows) insert.run(new Date(Date.now() - (row.minutesAgo ?? 0) * 60_000).toISOString(), row.email, row.ip);
  });
}

describe("the delay of an (account, address) pair", () => {
  it("is nothing for the first failures, then doubles up to the window", () => {
    expect(pairDelaySeconds(PAIR_FREE_FAILURES - 1)).toBe(0);
    const delays = Array.from({ length: 8 }, (_, i) => pairDelaySeconds(PAIR_FREE_FAILURES + i));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(delays[1]).toBe(delays[0] * 2);
    expect(Math.max(...delays)).toBe(SIGNIN_WINDOW_MINUTES * 60);
  });
});

describe("sign-in throttling that an attacker cannot turn into a lock-out", () => {
  it("slows the guessing address, and lets the owner in from an address with no failures", async () => {
    const server = await serverWithUser();
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect((await attempt(server, VICTIM, "wrong guess", "198.51.100.7")).status).toBe(401);
    // The guesser waits, even with the right password.
    await expectThrottled(await attempt(server, VICTIM, "wrong guess", "198.51.100.7"));
    await expectThrottled(await attempt(server, VICTIM, PASSWORD, "198.51.100.7"));
    // The owner, elsewhere, is not locked out.
    expect((await attempt(server, VICTIM, PASSWORD, "203.0.113.20")).status).toBe(303);
    // Nor is anyone else behind the guesser's address (a shared NAT).
    expect((await attempt(server, "bystander@throttle.test", PASSWORD, "198.51.100.7")).status).toBe(303);

    expect(auditEvents(server.dbPath, "signin.failed")).toHaveLength(PAIR_FREE_FAILURES);
    const throttled = auditEvents(server.dbPath, "signin.throttled");
    // Two refused attempts in the same minute: one audit row.
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ subject: VICTIM, ip: "198.51.100.7" });
  });

  it("gets no more guesses through by firing them all at once", async () => {
    const server = await serverWithUser();
    const statuses = await Promise.all(Array.from({ length: 24 }, () => attempt(server, VICTIM, "wrong guess", "198.51.100.10").then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(PAIR_FREE_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(24 - PAIR_FREE_FAILURES);
    // Refused attempts are not failures: the pair's record holds the checked ones only.
    expect(withDb(server.dbPath, (db) => db.prepare("SELECT count(*) AS n FROM signin_failures").get())).toEqual({ n: PAIR_FREE_FAILURES });
    expect((await attempt(server, VICTIM, PASSWORD, "203.0.113.40")).status).toBe(303);
  });

  it("answers a throttled attempt with how long to wait, growing with each failure", async () => {
    const server = await serverWithUser();
    plantFailures(server, Array.from({ length: PAIR_FREE_FAILURES + 2 }, () => ({ email: VICTIM, ip: "198.51.100.8" })));
    const response = await attempt(server, VICTIM, PASSWORD, "198.51.100.8");
    await expectThrottled(response);
    const wait = Number(response.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(pairDelaySeconds(PAIR_FREE_FAILURES + 1));
    expect(wait).toBeLessThanOrEqual(pairDelaySeconds(PAIR_FREE_FAILURES + 2));
  });

  it("hears a pair again once its delay has passed", async () => {
    const server = await serverWithUser();
    // Failures old enough that the first delay has passed, but still in the window.
    plantFailures(server, Array.from({ length: PAIR_FREE_FAILURES }, () => ({ email: VICTIM, ip: "198.51.100.9", minutesAgo: 2 })));
    expect((await attempt(server, VICTIM, PASSWORD, "198.51.100.9")).status).toBe(303);
  });

  it("keeps a ceiling per account: past it, only addresses that have not failed for the account are heard", async () => {
    const server = await serverWithUser();
    // A guesser spread over many addresses, each under its own pair limit.
    plantFailures(server, Array.from({ length: ACCOUNT_CEILING }, (_, i) => ({ email: VICTIM, ip: `192.0.2.${(i % 250) + 1}` })));
    await expectThrottled(await attempt(server, VICTIM, "wrong guess", "192.0.2.1"));
    await expectThrottled(await attempt(server, VICTIM, PASSWORD, "192.0.2.2"));
    // A clean address is heard: the owner's right password gets in ...
    expect((await attempt(server, VICTIM, PASSWORD, "203.0.113.30")).status).toBe(303);
    // ... and a wrong one from another clean address counts, after which that address waits too.
    expect((await attempt(server, VICTIM, "wrong guess", "203.0.113.31")).status).toBe(401);
    await expectThrottled(await attempt(server, VICTIM, PASSWORD, "203.0.113.31"));
    // Other accounts are untouched.
    expect((await attempt(server, "bystander@throttle.test", PASSWORD, "192.0.2.1")).status).toBe(303);
  });

  it("throttles an unknown email the same way as a real one", async () => {
    const server = await serverWithUser();
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect((await attempt(server, "ghost@throttle.test", "wrong guess", "198.18.0.1")).status).toBe(401);
    await expectThrottled(await attempt(server, "ghost@throttle.test", "wrong guess", "198.18.0.1"));
  });

  it("ignores X-Forwarded-For when no proxy is configured, so it cannot be used to dodge the limit", async () => {
    const server = await serverWithUser({});
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect((await attempt(server, VICTIM, "wrong guess", `192.0.2.${i + 1}`)).status).toBe(401);
    await expectThrottled(await attempt(server, VICTIM, PASSWORD, "192.0.2.250"));
    const ips = new Set(auditEvents(server.dbPath, "signin.failed").map((e) => e.ip));
    expect([...ips]).toEqual(["127.0.0.1"]);
  });
});
