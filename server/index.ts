import http from "node:http";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { purgeOldSigninFailures } from "../app/models/signin.server";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { createServices } from "./services";
import { installGracefulShutdown } from "./shutdown";

process.env.NODE_ENV ??= "production";

// This file is bundled to build/server/index.js; the Remix build sits beside it.
const remixBuildUrl = new URL("../index.js", import.meta.url);
const publicDir = fileURLToPath(new URL("../../public", import.meta.url));

async function main() {
  const config = loadConfig();
  const { services, database, hub, log } = await createServices(config);
  const { logger } = services;
  const build = (await import(remixBuildUrl.href)) as ServerBuild;

  const app = createApp({
    config,
    services,
    build,
    publicDir,
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
    () => database.close(),
  ]);

  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info({ port, database: config.databaseUrl }, `Accord is listening on http://localhost:${port}`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
