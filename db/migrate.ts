import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Work on parallel branches lands with gaps in the numbering (0011 before 0010): a database
    // that ran the later one first still takes the earlier one when it arrives.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new Error(
      `Database migration ${failed?.migrationName ?? ""} failed: ${String(result.error)}`,
      { cause: result.error },
    );
  }
  return result;
}
