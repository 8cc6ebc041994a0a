import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../server/config";

describe("loadConfig", () => {
  it("has working defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      databaseUrl: "data/accord.db",
      demoData: true,
      origin: null,
      secureCookies: false,
      trustProxy: false,
      logLevel: "info",
      shutdownGraceMs: 10_000,
    });
    // Twelve hours idle, a week at most: a working day plus a night, and a working week.
    expect(config.session).toEqual({ idleMinutes: 720, absoluteHours: 168 });
  });

  it("never injects the test-only write-deferring fault unless asked to", () => {
    expect(loadConfig({}).collab.testOnlyUnsafeDeferWrites).toBe(false);
    expect(loadConfig({ ACCORD_TEST_UNSAFE_DEFER_WRITES: "1" }).collab.testOnlyUnsafeDeferWrites).toBe(true);
  });

  it("reads each setting", () => {
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: "/tmp/x.db",
      ACCORD_DEMO: "0",
      ACCORD_TRUST_PROXY: "1",
      SESSION_IDLE_MINUTES: "30",
      SESSION_ABSOLUTE_HOURS: "8",
      LOG_LEVEL: "warn",
      SHUTDOWN_GRACE_MS: "500",
    });
    expect(config).toMatchObject({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: "/tmp/x.db",
      demoData: false,
      trustProxy: 1,
      session: { idleMinutes: 30, absoluteHours: 8 },
      logLevel: "warn",
      shutdownGraceMs: 500,
    });
  });

  it("reduces ACCORD_ORIGIN to an origin and turns on secure cookies for https", () => {
    const config = loadConfig({ ACCORD_ORIGIN: "https://accord.example/some/path" });
    expect(config.origin).toBe("https://accord.example");
    expect(config.secureCookies).toBe(true);
    expect(loadConfig({ ACCORD_ORIGIN: "http://intranet:8080" }).secureCookies).toBe(false);
    expect(loadConfig({ ACCORD_ORIGIN: "https://a.example", ACCORD_SECURE_COOKIES: "false" }).secureCookies).toBe(false);
  });

  it.each([
    [{}, true],
    [{ ACCORD_ORIGIN: "http://localhost:3000" }, true],
    [{ ACCORD_ORIGIN: "http://127.0.0.1:8080" }, true],
    [{ ACCORD_ORIGIN: "http://[::1]:3000" }, true],
    [{ ACCORD_ORIGIN: "http://accord.localhost" }, true],
    [{ ACCORD_DEMO: "1", ACCORD_ORIGIN: "http://localhost:3000" }, true],
    [{ ACCORD_ORIGIN: "https://accord.example" }, false],
    [{ ACCORD_ORIGIN: "https://localhost" }, false],
    [{ ACCORD_ORIGIN: "http://intranet:8080" }, false],
    [{ ACCORD_ORIGIN: "http://10.0.0.5" }, false],
    [{ ACCORD_ORIGIN: "http://127.0.0.1.evil.example" }, false],
    [{ ACCORD_DEMO: "1", ACCORD_ORIGIN: "https://accord.example" }, false],
    [{ ACCORD_DEMO: "0" }, false],
    [{ ACCORD_DEMO: "force", ACCORD_ORIGIN: "https://accord.example" }, true],
  ])("loads the demo with its published password only on a developer's machine, or when forced: %j → %s", (env, expected) => {
    expect(loadConfig(env).demoData).toBe(expected);
  });

  it("limits form bodies to 1 MiB unless told otherwise", () => {
    expect(loadConfig({}).maxFormBytes).toBe(1024 * 1024);
    expect(loadConfig({ ACCORD_MAX_FORM_KB: "64" }).maxFormBytes).toBe(64 * 1024);
  });

  it.each([
    ["false", false],
    ["true", true],
    ["2", 2],
    ["loopback, 10.0.0.0/8", "loopback, 10.0.0.0/8"],
  ])("takes ACCORD_TRUST_PROXY=%s as Express does", (value, expected) => {
    expect(loadConfig({ ACCORD_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["ACCORD_DEMO", "maybe"],
    ["ACCORD_ORIGIN", "not a url"],
    ["LOG_LEVEL", "loud"],
    ["SESSION_IDLE_MINUTES", "1"],
    ["SESSION_ABSOLUTE_HOURS", "0"],
  ])("refuses %s=%s with a message that names the variable", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(
      expect.objectContaining({ message: expect.stringMatching(new RegExp(`^Accord cannot start: invalid configuration\\n {2}${name}: .+`)) }),
    );
  });

  it("lists every bad variable at once", () => {
    let message = "";
    try {
      loadConfig({ PORT: "x", LOG_LEVEL: "y" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("PORT:");
    expect(message).toContain("LOG_LEVEL:");
  });

  it("takes a SQLite path or a postgres:// URL, and Redis only with PostgreSQL", () => {
    expect(loadConfig({ DATABASE_URL: "data/other.db" }).databaseUrl).toBe("data/other.db");
    const pg = loadConfig({ DATABASE_URL: "postgres://accord:secret@db.internal:5432/accord", REDIS_URL: "redis://127.0.0.1:6379" });
    expect(pg.databaseUrl).toBe("postgres://accord:secret@db.internal:5432/accord");
    expect(pg.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(loadConfig({}).redisUrl).toBeNull();
    for (const bad of ["mysql://db/accord", "postgres://db.internal"]) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL: must be a SQLite file path or postgres:\/\//);
    }
    expect(() => loadConfig({ REDIS_URL: "http://127.0.0.1:6379", DATABASE_URL: "postgres://db/accord" })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(/REDIS_URL: needs DATABASE_URL=postgres/);
  });
});
