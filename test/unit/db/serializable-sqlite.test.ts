import Database from "better-sqlite3";
import { sql } from "kysely";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite, type SqliteHandle } from "../../../db/connection";
import { serializable } from "../../../db/transactions";

// The server's SQLite file is written from two connections: the app's and the
// collaboration log's. A transaction that read before the other's commit
// cannot write after it: SQLite refuses at once, and the transaction runs again.

let dir = "";
let handle: SqliteHandle | null = null;
let other: Database.Database | null = null;

afterEach(async () => {
  other?.close();
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("serializable on SQLite", () => {
  it("runs again, on a fresh snapshot, a transaction that read before another connection's commit", async () => {
    dir = mkdtempSync(join(tmpdir(), "accord-busy-"));
    const file = join(dir, "accord.db");
    handle = openSqlite(file);
    await sql`CREATE TABLE counter (n INTEGER NOT NULL)`.execute(handle.db);
    await sql`INSERT INTO counter (n) VALUES (0)`.execute(handle.db);
    const log = new Database(file);
    other = log;
    let attempts = 0;
    const read = await serializable(handle.db, async (trx) => {
      attempts += 1;
      const { n } = (await sql<{ n: number }>`SELECT n FROM counter`.execute(trx)).rows[0];
      // The other connection commits between this transaction's read and its write, the first time only.
      if (attempts === 1) log.prepare("UPDATE counter SET n = n + 10").run();
      await sql`UPDATE counter SET n = ${n + 1}`.execute(trx);
      return n;
    });
    expect(attempts).toBe(2);
    expect(read).toBe(10);
    expect(log.prepare("SELECT n FROM counter").get()).toEqual({ n: 11 });
  });
});
