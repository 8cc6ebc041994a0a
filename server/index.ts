import http from "node:http";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { SETUP_LINK_HOURS } from "../app/models/first-admin.server";
import { purgeOldSigninFailures } from "../app/models/signin.server";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { RefusedOriginLog } from "./refused-origins";
import { createServices } from "./services";
import { installGracefulShutdown } from "./shutdown";

process.env.NODE_ENV ??= "production";

// This file is bundled to build/server/index.js; the Remix build sits beside it.
const remixBuildUrl = new URL("../index.js", import.meta.url);
const publicDir = fileURLToPath(new URL("../../public", import.meta.url));

async function main() {
  const config = loadConfig();
  const { services, database, hub, log, setupToken } = await createServices(config);
  const { logger } = services;
  const build = (await import(remixBuildUrl.href)) as ServerBuild;

  const refusedOrigins = new RefusedOriginLog(services.db, services.clock, logger);
  const app = createApp({
    config,
    services,
    build,
    publicDir,
    refusedOrigins,
    diagnostics: () => ({ hub: { ...hub.stats, loadedDocuments: hub.loadedDocuments, builtDocuments: hub.builtDocuments }, collaborationLog: { ...log.stats, pending: log.pending } }),
  });
  const server = http.createServer(app);
  server.on("upgrade", hub.handleUpgrade);

  const housekeeping = setInterval(() => {
    void services.sessions.purgeExpired().catch((err) => logger.warn({ err }, "session purge failed"));
    void purgeOldSigninFailures(services.db, services.clock).catch((err) => logger.warn({ err }, "purge failed"));
  }, 15 * 60_000);
  housekeeping.unref();

  installGracefulShutdown(server, logger, config.shutdownGraceMs, [
    () => clearInterval(housekeeping),
    () => hub.shutdown(),
    () => refusedOrigins.flush(),
    () => database.close(),
  ]);

  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    if (setupToken) {
      const setupUrl = `${config.origin ?? `http://localhost:${port}`}/setup/${setupToken}`;
      // Printed, never stored: whoever can read this log may claim the install, once, within the day.
      logger.warn({ setupUrl }, `No administrator yet. Create the first one within ${SETUP_LINK_HOURS} hours at ${setupUrl}`);
    }
    logger.info({ port, database: config.databaseUrl }, `Accord is listening on http://localhost:${port}`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
