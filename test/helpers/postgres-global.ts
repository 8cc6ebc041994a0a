import type { TestProject } from "vitest/node";
import { startPostgres, type PostgresCluster } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the `postgres` database of the run's cluster; tests create their own databases from it. */
    postgresAdminUrl: string;
  }
}

let cluster: PostgresCluster | null = null;

/**
 * One PostgreSQL cluster per test run, for the postgres project, and for the
 * integration project when ACCORD_TEST_DATABASE=postgres: each server a test
 * starts then gets a fresh database in it (test/helpers/server.ts).
 */
export default async function setup(project: TestProject) {
  const wanted = project.name === "postgres" || process.env.ACCORD_TEST_DATABASE === "postgres";
  if (!wanted) {
    project.provide("postgresAdminUrl", "");
    return;
  }
  cluster ??= await startPostgres();
  project.provide("postgresAdminUrl", cluster.url("postgres"));
  return async () => {
    await cluster?.stop();
    cluster = null;
  };
}
