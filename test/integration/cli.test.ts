import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { isPostgresUrl } from "../../db/dialect";
import { tableNames, withDb } from "../helpers/db";
import { HttpClient } from "../helpers/http";
import { freshDbPath, startServer } from "../helpers/server";

// Each test has its own database (a file, or a PostgreSQL database in a test:pg run); the CLI migrates it.

function rows<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  return withDb(dbPath, (db) => db.prepare(sql).all(...params) as T[]);
}

function expectRefused(result: { code: number | null; stdout: string; stderr: string }, message: string | RegExp) {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(typeof message === "string" ? new RegExp(`^Error: .*${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m") : message);
}

describe("db", () => {
  it("migrate creates the schema in a new file and is safe to run again", async () => {
    const db = freshDbPath();
    const first = await runCli(db, ["db", "migrate"]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain("is up to date");
    const tables = tableNames(db);
    for (const table of ["agencies", "users", "sessions", "invitations", "series", "series_parties", "memberships", "audit_events", "signin_failures"]) {
      expect(tables).toContain(table);
    }
    expect((await runCli(db, ["db", "migrate"])).code).toBe(0);
    // SQLite only: a PostgreSQL database has no journal mode of its own.
    if (!isPostgresUrl(db)) expect(withDb(db, (d) => d.pragma("journal_mode", { simple: true }))).toBe("wal");
  });

  it("seed loads the demo data once", async () => {
    const db = freshDbPath();
    const first = await runCli(db, ["db", "seed"]);
    expect(first).toMatchObject({ code: 0, stdout: "Demo data loaded.\n" });
    expect(rows(db, "SELECT slug FROM series ORDER BY slug")).toEqual([{ slug: "two-countries-four-agencies" }, { slug: "vn-cn-anti-smuggling" }]);
    const second = await runCli(db, ["db", "seed"]);
    expect(second).toMatchObject({ code: 0, stdout: "Demo data is already there.\n" });
    expect(rows(db, "SELECT id FROM series")).toHaveLength(2);
  });
});

describe("user add", () => {
  it("creates a user with an argon2id hash (OWASP floor), and --admin makes an admin", async () => {
    const db = freshDbPath();
    const result = await runCli(db, ["user", "add", "--email", "Op@Example.test", "--name", "Operator", "--password", "operator password"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Created user op@example\.test \(/);
    const admin = await runCli(db, ["user", "add", "--email", "root@example.test", "--name", "Root", "--password", "root password!", "--admin"]);
    expect(admin.stdout).toMatch(/^Created admin user root@example\.test/);
    const users = rows<{ email: string; is_admin: number; password_hash: string }>(db, "SELECT email, is_admin, password_hash FROM users ORDER BY email");
    expect(users.map((u) => [u.email, u.is_admin])).toEqual([
      ["op@example.test", 0],
      ["root@example.test", 1],
    ]);
    for (const user of users) {
      expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/);
      const [, memory, passes] = /m=(\d+),t=(\d+)/.exec(user.password_hash)!;
      expect(Number(memory)).toBeGreaterThanOrEqual(19_456);
      expect(Number(passes)).toBeGreaterThanOrEqual(2);
      expect(user.password_hash).not.toContain("password");
    }
  });

  it.each([
    [["--email", "not-an-email", "--name", "N", "--password", "long enough pw"], "--email is not a valid email address"],
    [["--email", "a@b.test", "--name", "N", "--password", "short"], "--password must be at least 10 characters"],
    [["--email", "a@b.test", "--name", "   ", "--password", "long enough pw"], "--name is required"],
    [["--email", "a@b.test", "--password", "long enough pw"], "--name"],
  ])("refuses %j with exit 1 and a clear message", async (args, message) => {
    const db = freshDbPath();
    expectRefused(await runCli(db, ["user", "add", ...args]), message);
    expect(rows(db, "SELECT id FROM users")).toEqual([]);
  });

  it("refuses an email that is already taken, whatever its case", async () => {
    const db = freshDbPath();
    await runCli(db, ["user", "add", "--email", "twice@example.test", "--name", "One", "--password", "long enough pw"]);
    expectRefused(await runCli(db, ["user", "add", "--email", "TWICE@example.test", "--name", "Two", "--password", "long enough pw"]), "already exists");
  });

  it("keeps Vietnamese and Chinese names exactly, through sign-in and the API", async () => {
    const db = freshDbPath();
    const names = { "thu@vnc.test": "Nguyễn Thị Thu Hương", "wang@gacc.test": "王芳芳", "mixed@x.test": "Lê Văn Tám 李 (Ông Tám)" };
    for (const [email, name] of Object.entries(names)) {
      expect((await runCli(db, ["user", "add", "--email", email, "--name", name, "--password", "long enough pw"])).code).toBe(0);
    }
    const server = await startServer({ dbPath: db, demo: false });
    for (const [email, name] of Object.entries(names)) {
      const client = await new HttpClient(server.url).signIn(email, "long enough pw");
      expect((await client.getJson<{ name: string }>("/api/v1/me")).body.name).toBe(name);
    }
  });
});

describe("member add", () => {
  let db: string;
  beforeAll(async () => {
    db = freshDbPath();
    expect((await runCli(db, ["db", "seed"])).code).toBe(0);
    expect((await runCli(db, ["user", "add", "--email", "new@vnc.test", "--name", "New", "--password", "long enough pw"])).code).toBe(0);
  });

  it("grants a role, and granting again changes it", async () => {
    const grant = (role: string) => runCli(db, ["member", "add", "--email", "new@vnc.test", "--series", "vn-cn-anti-smuggling", "--agency", "vnc", "--role", role]);
    const first = await grant("observer");
    expect(first).toMatchObject({ code: 0, stdout: "new@vnc.test is now observer of vn-cn-anti-smuggling for VNC.\n" });
    expect((await grant("delegate")).code).toBe(0);
    const roles = rows<{ role: string }>(db, "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'new@vnc.test'");
    expect(roles).toEqual([{ role: "delegate" }]);
  });

  it.each([
    [["--email", "nobody@vnc.test", "--series", "vn-cn-anti-smuggling", "--agency", "VNC", "--role", "observer"], "No user with email nobody@vnc.test"],
    [["--email", "new@vnc.test", "--series", "no-such-series", "--agency", "VNC", "--role", "observer"], "No series with slug no-such-series"],
    [["--email", "new@vnc.test", "--series", "vn-cn-anti-smuggling", "--agency", "ZZZ", "--role", "observer"], "No agency with code ZZZ"],
    [["--email", "new@vnc.test", "--series", "vn-cn-anti-smuggling", "--agency", "NNC", "--role", "observer"], "not a party to the series"],
    [["--email", "new@vnc.test", "--series", "vn-cn-anti-smuggling", "--agency", "VNC", "--role", "chair"], "--role must be secretariat, delegate or observer"],
    [["--email", "new@vnc.test", "--series", "Not A Slug", "--agency", "VNC", "--role", "observer"], "--series must be lower-case words joined by -"],
  ])("refuses %j with exit 1 and a clear message", async (args, message) => {
    expectRefused(await runCli(db, ["member", "add", ...args]), message);
  });
});

describe("usage", () => {
  it("prints help with no command, and exits 0", async () => {
    const result = await runCli(freshDbPath(), []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("user add --email E --name N --password P [--admin]");
  });

  it("refuses an unknown command, with the usage", async () => {
    const result = await runCli(freshDbPath(), ["user", "remove"]);
    expectRefused(result, 'Unknown command "user remove"');
    expect(result.stderr).toContain("Usage:");
  });

  it("refuses an unknown option, with the usage", async () => {
    const result = await runCli(freshDbPath(), ["user", "add", "--emial", "a@b.test"]);
    expectRefused(result, "--emial");
    expect(result.stderr).toContain("Usage:");
  });

  it("fails cleanly on a database it cannot open", async () => {
    // The folder for the file would have to be inside a regular file.
    const result = await runCli("/etc/hostname/accord.db", ["db", "migrate"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: /);
  });
});
