import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addClause } from "../../app/models/agreements.server";
import { systemClock } from "../../app/models/clock.server";
import { createConference } from "../../app/models/conferences.server";
import { DomainError } from "../../app/models/errors.server";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { serializable } from "../../db/transactions";
import { freshPostgresDatabase } from "../helpers/postgres-db";

// Two instances are two connection pools on one database: each test races
// the same read-then-write through both at once.
let a: DatabaseHandle;
let b: DatabaseHandle;
let seriesId: number;
let agreementId: number;

beforeAll(async () => {
  const url = await freshPostgresDatabase();
  a = openDatabase(url);
  b = openDatabase(url);
  await migrateToLatest(a.db);
  const now = "2026-12-01T00:00:00.000Z";
  seriesId = (await a.db.insertInto("series").values({ slug: "race", name: "Race", description: "", created_at: now }).returning("id").executeTakeFirstOrThrow()).id;
  await a.db.insertInto("users").values({ id: "u1", email: "u1@example.test", name: "U", password_hash: null, is_admin: 0, locale: "en", agency_id: null, created_at: now }).execute();
  agreementId = (
    await a.db
      .insertInto("agreements")
      .values({ series_id: seriesId, conference_id: null, title: "MoU", status: "draft", signed_on: null, signed_at: "", valid_from: null, valid_until: null, document_file: null, document_name: null, document_size: null, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const conferenceInput = (number: number) => ({ number, title: `Conference ${number}`, startsOn: "2027-01-10", endsOn: "2027-01-12", venue: "", format: "in_person" as const, hostAgencyId: null });

describe("read-then-write transactions with two writers on PostgreSQL", () => {
  it("never gives two clauses the same position (max + 1 from two instances at once)", async () => {
    const ref = { seriesId, agreementId };
    const adds = Array.from({ length: 24 }, (_, i) => addClause((i % 2 ? a : b).db, systemClock, { userId: null }, ref, { label: "", text: `Clause ${i}` }));
    await Promise.all(adds);
    const positions = (await a.db.selectFrom("clauses").select("position").where("agreement_id", "=", agreementId).orderBy("position").execute()).map((r) => r.position);
    expect(positions).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it("creates a conference number once when two secretariats take it at the same moment", async () => {
    for (const number of [1, 2, 3, 4, 5]) {
      const results = await Promise.allSettled([
        createConference(a.db, systemClock, seriesId, "u1", conferenceInput(number)),
        createConference(b.db, systemClock, seriesId, "u1", conferenceInput(number)),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(DomainError);
      expect((refused.reason as DomainError).code).toBe("conferenceNumberTaken");
    }
    const numbers = await a.db.selectFrom("conferences").select("number").where("series_id", "=", seriesId).orderBy("number").execute();
    expect(numbers.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it("retries a counter until every increment of both instances is counted", async () => {
    await sql`CREATE TABLE race_counter (name text PRIMARY KEY, value integer NOT NULL)`.execute(a.db);
    await sql`INSERT INTO race_counter VALUES ('n', 0)`.execute(a.db);
    const increment = (handle: DatabaseHandle) =>
      serializable(handle.db, async (trx) => {
        const { rows } = await sql<{ value: number }>`SELECT value FROM race_counter WHERE name = 'n'`.execute(trx);
        // A pause between the read and the write: without isolation, the other instance's increment is lost.
        await new Promise((resolve) => setTimeout(resolve, 2));
        await sql`UPDATE race_counter SET value = ${rows[0].value + 1} WHERE name = 'n'`.execute(trx);
      });
    await Promise.all(Array.from({ length: 30 }, (_, i) => increment(i % 2 ? a : b)));
    const { rows } = await sql<{ value: number }>`SELECT value FROM race_counter WHERE name = 'n'`.execute(a.db);
    expect(rows[0].value).toBe(30);
  });

  it("loses increments without it (the race the helper prevents is real)", async () => {
    await sql`UPDATE race_counter SET value = 0`.execute(a.db);
    const increment = (handle: DatabaseHandle) =>
      handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ value: number }>`SELECT value FROM race_counter WHERE name = 'n'`.execute(trx);
        await new Promise((resolve) => setTimeout(resolve, 2));
        await sql`UPDATE race_counter SET value = ${rows[0].value + 1} WHERE name = 'n'`.execute(trx);
      });
    await Promise.all(Array.from({ length: 30 }, (_, i) => increment(i % 2 ? a : b)));
    const { rows } = await sql<{ value: number }>`SELECT value FROM race_counter WHERE name = 'n'`.execute(a.db);
    expect(rows[0].value).toBeLessThan(30);
  });
});
