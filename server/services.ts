import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { systemClock } from "../app/models/clock.server";
import { createSessionService } from "../app/models/session.server";
import type { AppServices } from "../app/request-context.server";
import type { Config } from "./config";
import { createLogger } from "./logger";
import { seedDemoDataIfEmpty } from "./demo-seed";

/** Opens and migrates the database and builds the services every request shares. */
export async function createServices(config: Config) {
  const logger = createLogger(config.logLevel);
  const handle = openDatabase(config.databaseUrl);
  await migrateToLatest(handle.db);
  if (config.demoData) {
    const seeded = await seedDemoDataIfEmpty(handle.db, systemClock);
    if (seeded) logger.info("demo data loaded into the empty database");
  }
  const services: AppServices = {
    db: handle.db,
    clock: systemClock,
    logger,
    sessions: createSessionService(handle.db, { ...config.session, secureCookies: config.secureCookies }),
  };
  return { services, database: handle };
}
