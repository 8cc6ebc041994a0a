import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { postgresBinDir } from "./postgres";

let sequence = 0;

/** Whether servers in this run use PostgreSQL (ACCORD_TEST_DATABASE=postgres). */
export const onPostgres = process.env.ACCORD_TEST_DATABASE === "postgres";

// Asked of Vitest only inside a run that has a cluster: benchmarks bundle these helpers too.
const { inject } = onPostgres || process.env.VITEST ? await import("vitest") : { inject: () => "" };

/** The run's cluster (test/helpers/postgres-global.ts), or null when the run is on SQLite only. */
export function postgresAdminUrl(): string | null {
  const url = inject("postgresAdminUrl");
  return url ? url : null;
}

/** A fresh, empty database in the run's cluster (C.UTF-8, unaccent and pg_trgm enabled); returns its URL. */
export async function freshPostgresDatabase(): Promise<string> {
  const admin = postgresAdminUrl();
  if (!admin) throw new Error("no PostgreSQL cluster in this run (ACCORD_TEST_DATABASE=postgres starts one)");
  sequence += 1;
  const name = `t_${process.pid}_${sequence}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template1 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The same, synchronously (createdb), for helpers that hand out a database path at once. */
export function createPostgresDatabaseNow(): string {
  const admin = postgresAdminUrl();
  if (!admin) throw new Error("no PostgreSQL cluster in this run (ACCORD_TEST_DATABASE=postgres starts one)");
  sequence += 1;
  const name = `t_${process.pid}_${sequence}_${Date.now().toString(36)}`;
  const url = new URL(admin);
  const result = spawnSync(
    path.join(postgresBinDir(), "createdb"),
    ["-h", url.hostname, "-p", url.port, "-U", url.username, "-T", "template1", "-E", "UTF8", "--lc-collate=C.UTF-8", "--lc-ctype=C.UTF-8", name],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`createdb failed: ${result.stderr}`);
  url.pathname = `/${name}`;
  return url.toString();
}
