import { Migrator, sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrations } from "../../db/migrations/index";
import { freshPostgresDatabase } from "../helpers/postgres-db";

// Migration 0023 makes PostgreSQL's series and conference revision triggers
// run once per statement. The same writes, one row and many at a time, on a
// database migrated up to 0021 (row triggers) and on one migrated to the
// latest, must leave the same revisions after every step.

const open: DatabaseHandle[] = [];
afterAll(async () => {
  for (const handle of open) await handle.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function migrated(to?: string): Promise<AnyDb> {
  const handle = openDatabase(await freshPostgresDatabase());
  open.push(handle);
  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const result = to ? await migrator.migrateTo(to) : await migrator.migrateToLatest();
  expect(result.error).toBeUndefined();
  return handle.db as AnyDb;
}

const NOW = "2026-12-01T00:00:00.000Z";
const BULK = 1_500;

/** Revisions of the series and of its two conferences after each named step. */
async function writeAndWatch(db: AnyDb) {
  const steps: { step: string; series: number; a: number | null; b: number | null }[] = [];
  const agency = await db.insertInto("agencies").values({ code: "VNC", name: "VNC", country: "VN", created_at: NOW }).returning("id").executeTakeFirstOrThrow();
  const series = await db.insertInto("series").values({ slug: "s", name: "S", description: "", created_at: NOW }).returning("id").executeTakeFirstOrThrow();
  const conference = (number: number) =>
    db
      .insertInto("conferences")
      .values({ series_id: series.id, number, title: `No. ${number}`, starts_on: "2026-12-01", ends_on: "2026-12-02", venue: "", format: "in_person", status: "planned", created_at: NOW })
      .returning("id")
      .executeTakeFirstOrThrow();
  const a = await conference(1);
  const b = await conference(2);
  const watch = async (step: string) => {
    const series_ = await db.selectFrom("series_revisions").select("revision").where("series_id", "=", series.id).executeTakeFirstOrThrow();
    const conferences = await db.selectFrom("conference_revisions").select(["conference_id", "revision"]).execute();
    const of = (id: number) => conferences.find((c) => c.conference_id === id)?.revision ?? null;
    steps.push({ step, series: Number(series_.revision), a: of(a.id), b: of(b.id) });
  };
  const commitment = (conferenceId: number, text: string) => ({
    series_id: series.id,
    conference_id: conferenceId,
    text,
    due_on: null,
    due_next: 0,
    status: "open",
    created_at: NOW,
    updated_at: NOW,
  });
  await watch("conferences made");

  const one = await db.insertInto("commitments").values(commitment(a.id, "one")).returning("id").executeTakeFirstOrThrow();
  await watch("insert one commitment");
  const many = await db
    .insertInto("commitments")
    .values(Array.from({ length: BULK }, (_, i) => commitment(b.id, `many ${i}`)))
    .returning("id")
    .execute();
  await watch("insert many commitments in one statement");
  await db.insertInto("commitment_owners").values({ commitment_id: one.id, agency_id: agency.id }).execute();
  await db.insertInto("commitment_owners").values(many.map((c) => ({ commitment_id: c.id, agency_id: agency.id }))).execute();
  await watch("insert owners, one then many");
  await db.insertInto("follow_ups").values(many.slice(0, 500).map((c) => ({ commitment_id: c.id, at: NOW, note: "done so far" }))).execute();
  await db.insertInto("commitment_reviews").values(many.slice(0, 300).map((c) => ({ commitment_id: c.id, conference_id: a.id, note: "" }))).execute();
  await watch("insert follow-ups and reviews");
  await db
    .insertInto("text_translations")
    .values(many.slice(0, 200).map((c) => ({ subject: "commitment", subject_id: c.id, field: "text", language: "vi", text: "bản dịch", updated_at: NOW })))
    .execute();
  await watch("insert translations");

  await db.updateTable("commitments").set({ status: "done" }).where("id", "=", one.id).execute();
  await watch("update one commitment");
  await db.updateTable("commitments").set({ status: "in_progress" }).where("conference_id", "=", b.id).execute();
  await watch("update many commitments");
  await db.updateTable("commitments").set({ conference_id: a.id }).where("id", "=", many[0].id).execute();
  await watch("move one commitment to the other conference");
  await db.updateTable("commitments").set({ status: "blocked" }).where("id", "=", -1).execute();
  await watch("update no row");
  await db.updateTable("commitment_owners").set({ share_done_at: NOW }).execute();
  await watch("update every owner");
  await db.updateTable("text_translations").set({ text: "bản dịch mới" }).execute();
  await watch("update every translation");

  await db.deleteFrom("follow_ups").where("commitment_id", "=", many[1].id).execute();
  await watch("delete one follow-up");
  await db.deleteFrom("commitments").where("id", "=", one.id).execute();
  await watch("delete one commitment (and its owner)");
  await db.deleteFrom("commitments").where("conference_id", "=", b.id).execute();
  await watch("delete many commitments (and their owners, follow-ups and reviews)");
  await db.deleteFrom("conferences").where("id", "=", b.id).execute();
  await watch("delete a conference");
  return steps;
}

// Written to one row at a time (a new series, a renamed agency, a series' languages): left per row.
const ONE_ROW_AT_A_TIME = ["series_insert_series_revision", "agencies_update_series_revision", "series_languages_series_revision"];

describe("series and conference revisions on PostgreSQL, once per statement", () => {
  it("move exactly as the per-row triggers moved them, one row and many at a time", async () => {
    const perRow = await writeAndWatch(await migrated("0021_conference_revisions"));
    const perStatement = await writeAndWatch(await migrated());
    expect(perStatement).toEqual(perRow);
    // Every write moved the series' revision, except the one that changed no row.
    for (let i = 1; i < perStatement.length; i += 1) {
      const { step, series } = perStatement[i];
      if (step === "update no row") expect(series).toBe(perStatement[i - 1].series);
      else expect(series, step).toBeGreaterThan(perStatement[i - 1].series);
    }
    const byStep = Object.fromEntries(perStatement.map((s) => [s.step, s]));
    // A bulk insert counts each row, as before: the numbers a per-row trigger gave.
    expect(byStep["insert many commitments in one statement"].series - byStep["insert one commitment"].series).toBe(BULK);
    expect(byStep["insert many commitments in one statement"].b).toBe(BULK);
    expect(byStep["move one commitment to the other conference"].a).toBeGreaterThan(byStep["update many commitments"].a!);
    expect(byStep["move one commitment to the other conference"].b).toBeGreaterThan(byStep["update many commitments"].b!);
  });

  it("are statement triggers on PostgreSQL after migration 0023, and row triggers again after its down", async () => {
    const db = await migrated();
    const levels = async () =>
      (
        await sql<{ name: string; per_row: boolean }>`SELECT tgname AS name, (tgtype & 1) = 1 AS per_row FROM pg_trigger
          WHERE NOT tgisinternal AND (tgname LIKE '%\\_series\\_revision' OR tgname LIKE '%\\_conference\\_revision') ORDER BY tgname`.execute(db)
      ).rows;
    const watched = (await levels()).filter((t) => !ONE_ROW_AT_A_TIME.includes(t.name));
    expect(watched).toHaveLength(33);
    expect(watched.filter((t) => t.per_row)).toEqual([]);

    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
    expect((await migrator.migrateTo("0021_conference_revisions")).error).toBeUndefined();
    const back = (await levels()).filter((t) => !ONE_ROW_AT_A_TIME.includes(t.name));
    expect(back).toHaveLength(33);
    expect(back.every((t) => t.per_row)).toBe(true);
  });
});
