import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import { afterEach } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrations } from "../../db/migrations/index";

/**
 * Empty SQLite databases for tests that walk migrations up and down by hand,
 * each closed and removed after its test. Call once at the top of a test file.
 */
export function scratchDatabases() {
  const open: { handle: DatabaseHandle; dir: string }[] = [];
  afterEach(async () => {
    for (const { handle, dir } of open.splice(0)) {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    /** A new, unmigrated database. */
    fresh(): DatabaseHandle {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-migrate-"));
      const handle = openDatabase(path.join(dir, "accord.db"));
      open.push({ handle, dir });
      return handle;
    },
    /** Kysely's migrator over Accord's migrations, for migrateTo / migrateDown. */
    migrator(handle: DatabaseHandle): Migrator {
      return new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    },
  };
}
