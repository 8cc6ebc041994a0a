import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { replaceIndex, searchIndex, SEARCH_PAGE_SIZE } from "../../db/search";
import { freshPostgresDatabase } from "../helpers/postgres-db";

// The same expectations on both databases: FTS5 on SQLite, unaccent text
// search and trigrams on PostgreSQL.
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const databases: [string, () => Promise<string>][] = [
  [
    "SQLite",
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "accord-search-"));
      dirs.push(dir);
      return path.join(dir, "accord.db");
    },
  ],
  ["PostgreSQL", freshPostgresDatabase],
];

describe.each(databases)("search on %s", (_name, makeUrl) => {
  let handle: DatabaseHandle;
  let seriesA: number;
  let seriesB: number;

  beforeAll(async () => {
    handle = openDatabase(await makeUrl());
    await migrateToLatest(handle.db);
    const now = "2026-12-01T00:00:00.000Z";
    const make = async (slug: string) =>
      (await handle.db.insertInto("series").values({ slug, name: slug, description: "", created_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    seriesA = await make("a");
    seriesB = await make("b");
    await replaceIndex(handle.db, { seriesId: seriesA }, [
      { kind: "agenda", refId: "item-1", title: "Mekong Dragon joint operation", body: "Review of the joint operation on the Mekong river." },
      { kind: "commitment", refId: "7", title: "Tăng cường trao đổi thông tin", body: "Chia sẻ cảnh báo về buôn lậu đường biển tại Móng Cái và Đồng Đăng." },
      { kind: "agreement", refId: "3", title: "关于打击走私合作的谅解备忘录", body: "双方海关加强情报交流，共同打击跨境走私。" },
    ]);
    await replaceIndex(handle.db, { seriesId: seriesB }, [
      { kind: "agenda", refId: "item-9", title: "Móng Cái border gate", body: "Only series B may find this." },
    ]);
    await replaceIndex(
      handle.db,
      { seriesId: seriesB, kinds: ["commitment"] },
      Array.from({ length: SEARCH_PAGE_SIZE + 5 }, (_, i) => ({ kind: "commitment" as const, refId: String(100 + i), title: `Parcel scanning ${i}`, body: "parcels" })),
    );
  });
  afterAll(async () => {
    await handle?.close();
  });

  const titles = async (seriesIds: number[], query: string) => (await searchIndex(handle.db, seriesIds, query)).hits.map((h) => h.title);

  it("matches words as prefixes, in any order", async () => {
    expect(await titles([seriesA], "mekong drag")).toEqual(["Mekong Dragon joint operation"]);
    expect(await titles([seriesA], "operation MEKONG")).toEqual(["Mekong Dragon joint operation"]);
    expect(await titles([seriesA], "mekong nothing")).toEqual([]);
  });

  it("matches Vietnamese with or without tone marks, and đ as d", async () => {
    expect(await titles([seriesA], "mong cai")).toEqual(["Tăng cường trao đổi thông tin"]);
    expect(await titles([seriesA], "Móng Cái")).toEqual(["Tăng cường trao đổi thông tin"]);
    expect(await titles([seriesA], "tang cuong")).toEqual(["Tăng cường trao đổi thông tin"]);
    expect(await titles([seriesA], "đồng đăng")).toEqual(["Tăng cường trao đổi thông tin"]);
  });

  it("matches Chinese as a substring, with a snippet around it", async () => {
    const page = await searchIndex(handle.db, [seriesA], "情报交流");
    expect(page.hits.map((h) => h.title)).toEqual(["关于打击走私合作的谅解备忘录"]);
    expect(page.hits[0].snippet).toContain("情报交流");
    expect(await titles([seriesA], "走私")).toEqual(["关于打击走私合作的谅解备忘录"]);
    expect(await titles([seriesA], "海关 谅解")).toEqual(["关于打击走私合作的谅解备忘录"]);
  });

  it("returns only the series asked for, with their ids and kinds", async () => {
    const page = await searchIndex(handle.db, [seriesA], "Móng Cái");
    expect(page.hits).toHaveLength(1);
    expect(page.hits[0]).toMatchObject({ kind: "commitment", refId: "7", seriesId: seriesA });
    expect(page.hits[0].snippet).toMatch(/\[Móng\] \[Cái\]/);
    expect((await searchIndex(handle.db, [seriesA, seriesB], "Móng Cái")).hits).toHaveLength(2);
  });

  it("pages, and replaces what a scope held", async () => {
    const first = await searchIndex(handle.db, [seriesB], "parcel");
    expect(first.hits).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first.more).toBe(true);
    const second = await searchIndex(handle.db, [seriesB], "parcel", 2);
    expect(second.hits).toHaveLength(5);
    expect(second.more).toBe(false);
    await replaceIndex(handle.db, { seriesId: seriesB, kinds: ["commitment"], refId: "100" }, [
      { kind: "commitment", refId: "100", title: "Renamed", body: "nothing" },
    ]);
    expect((await searchIndex(handle.db, [seriesB], "parcel")).hits.length + (await searchIndex(handle.db, [seriesB], "parcel", 2)).hits.length).toBe(SEARCH_PAGE_SIZE + 4);
  });

  it("treats quotes and operators in a query as text", async () => {
    for (const query of [`"mekong`, `mekong' OR '1'='1`, "mekong & !drag", "mekong:* | a", "\\mekong"]) {
      await expect(searchIndex(handle.db, [seriesA], query)).resolves.toBeDefined();
    }
    expect(await titles([seriesA], "'mekong'")).toEqual(["Mekong Dragon joint operation"]);
  });
});
