import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, openSqlite, type DatabaseHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { freshPostgresDatabase } from "../helpers/postgres-db";

const open: DatabaseHandle[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const handle of open) await handle.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// The schema SQLite databases got from migrations 0001–0013 before PostgreSQL
// support: the same migrations must still produce exactly this.
const BEFORE = JSON.parse(readFileSync(new URL("../fixtures/sqlite-schema-0001-0013.json", import.meta.url), "utf8")) as unknown[];
const FIRST_THIRTEEN = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= "0013_~"));

describe("one set of migrations for both databases", () => {
  it("gives a SQLite file exactly the schema it had before (sqlite_master)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "accord-schema-"));
    dirs.push(dir);
    const handle = openSqlite(path.join(dir, "accord.db"));
    open.push(handle);
    const result = await new Migrator({ db: handle.db, provider: { getMigrations: async () => FIRST_THIRTEEN } }).migrateToLatest();
    expect(result.error).toBeUndefined();
    const now = handle.sqlite
      .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'kysely_%' ORDER BY type, name")
      .all();
    expect(now).toEqual(BEFORE);
  });

  it("builds the same tables on PostgreSQL, with identity columns, bytea and double precision", async () => {
    const handle = openDatabase(await freshPostgresDatabase());
    open.push(handle);
    expect(handle.dialect).toBe("postgres");
    await migrateToLatest(handle.db);

    const columns = await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
      SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%'`.execute(handle.db);
    const column = (table: string, name: string) => columns.rows.find((c) => c.table_name === table && c.column_name === name);
    expect(column("collab_updates", "id")).toMatchObject({ data_type: "integer", is_identity: "YES" });
    expect(column("collab_updates", "data")?.data_type).toBe("bytea");
    expect(column("adopted_records", "snapshot")?.data_type).toBe("bytea");
    expect(column("follow_ups", "figure_value")?.data_type).toBe("double precision");

    // Every table SQLite has, PostgreSQL has (search_index is FTS5 there, a table here).
    const sqliteTables = (BEFORE as { type: string; name: string }[])
      .filter((row) => row.type === "table" && !row.name.startsWith("search_index") && row.name !== "sqlite_sequence")
      .map((row) => row.name);
    const pgTables = new Set(columns.rows.map((c) => c.table_name));
    for (const table of sqliteTables) expect(pgTables, table).toContain(table);
    expect(pgTables).toContain("search_index");
  });

  it("keeps the database's own guarantees on PostgreSQL: immutable records, append-only history, series revisions", async () => {
    const handle = openDatabase(await freshPostgresDatabase());
    open.push(handle);
    await migrateToLatest(handle.db);
    const db = handle.db;
    const now = "2026-12-01T00:00:00.000Z";
    const series = await db.insertInto("series").values({ slug: "s", name: "S", description: "", created_at: now }).returning("id").executeTakeFirstOrThrow();
    const revision = async () =>
      (await db.selectFrom("series_revisions").select("revision").where("series_id", "=", series.id).executeTakeFirstOrThrow()).revision;
    expect(await revision()).toBe(1);

    const conference = await db
      .insertInto("conferences")
      .values({ series_id: series.id, number: 1, title: "First", starts_on: "2026-12-01", ends_on: "2026-12-02", venue: "", format: "in_person", status: "planned", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await revision()).toBe(2);
    await db.updateTable("conferences").set({ title: "First meeting" }).where("id", "=", conference.id).execute();
    expect(await revision()).toBe(4);

    await db
      .insertInto("adopted_records")
      .values({ conference_id: conference.id, adopted_at: now, adopted_by: "x", sha256: "0".repeat(64), snapshot: new Uint8Array([1, 2, 3]), content_json: "{}" })
      .execute();
    await expect(db.updateTable("adopted_records").set({ sha256: "1".repeat(64) }).execute()).rejects.toThrow(/adopted records are immutable/);
    await expect(db.deleteFrom("adopted_records").execute()).rejects.toThrow(/adopted records are immutable/);
    const stored = await db.selectFrom("adopted_records").select("snapshot").executeTakeFirstOrThrow();
    expect([...new Uint8Array(stored.snapshot as Uint8Array)]).toEqual([1, 2, 3]);

    const commitment = await db
      .insertInto("commitments")
      .values({ series_id: series.id, conference_id: conference.id, text: "Do it", due_on: null, due_next: 0, status: "open", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("commitment_events").values({ commitment_id: commitment.id, at: now, by: null, kind: "status", from_value: null, to_value: "open", note: "" }).execute();
    await expect(db.updateTable("commitment_events").set({ note: "rewritten" }).execute()).rejects.toThrow(/append-only/);
  });

  it("runs every migration down and up again on PostgreSQL", async () => {
    const handle = openDatabase(await freshPostgresDatabase());
    open.push(handle);
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect((await migrator.migrateTo(Object.keys(migrations)[0])).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
