import http from "node:http";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { SETUP_LINK_HOURS } from "../app/models/first-admin.server";
import { purgeOldSigninFailures } from "../app/models/signin.server";
import { createApp } from "./app";
import { projectBacklog } from "./collab/projection-backlog";
import { loadConfig } from "./config";
import { RefusedOriginLog } from "./refused-origins";
import { createServices } from "./services";
import { createSmtpMailer } from "./notify/mailer";
import { Notifier } from "./notify/notifier";
import { UnreadStreams } from "./notify/unread-stream";
import { installGracefulShutdown } from "./shutdown";

// This file is bundled to build/server/main.js; the Remix build sits one folder up.
const remixBuildUrl = new URL("../index.js", import.meta.url);
const publicDir = fileURLToPath(new URL("../../public", import.meta.url));

async function main() {
  const config = loadConfig();
  const { services, database, hub, log, setupToken, notices, onSendSoon } = await createServices(config);
  const { logger } = services;
  const unreadStreams = new UnreadStreams({ db: services.db, sessions: services.sessions, notices, logger }, { heartbeatMs: 25_000, maxPerUser: 8 });
  const build = (await import(remixBuildUrl.href)) as ServerBuild;

  const refusedOrigins = new RefusedOriginLog(services.db, services.clock, logger);
  const app = createApp({
    config,
    services,
    build,
    publicDir,
    refusedOrigins,
    unreadStreams,
    diagnostics: () => ({ hub: { ...hub.stats, loadedDocuments: hub.loadedDocuments, builtDocuments: hub.builtDocuments }, collaborationLog: { ...log.stats, pending: log.pending } }),
  });
  const server = http.createServer(app);
  // Node closes an idle kept-alive connection after 5 s; a client (or a load
  // balancer) about to reuse it then sees "other side closed" on a request it
  // just sent. A minute outlasts any proxy's idle timeout in front of us.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("upgrade", hub.handleUpgrade);

  const housekeeping = setInterval(() => {
    void services.sessions.purgeExpired().catch((err) => logger.warn({ err }, "session purge failed"));
    void purgeOldSigninFailures(services.db, services.clock).catch((err) => logger.warn({ err }, "purge failed"));
  }, 15 * 60_000);
  housekeeping.unref();

  // Conferences projected before every language's texts were (migration 0022): once, beside serving.
  let stopping = false;
  const backlog = projectBacklog(services.db, hub, logger, () => stopping).catch((err: unknown) => logger.error({ err }, "projecting the backlog failed"));

  const mailer = config.notify.smtpUrl ? createSmtpMailer(config.notify.smtpUrl, config.notify.mailFrom) : null;
  if (!mailer) logger.info("mail is off (SMTP_URL is not set): notifications stay in the app");
  let notifier: Notifier | null = null;

  installGracefulShutdown(
    server,
    logger,
    config.shutdownGraceMs,
    () => {
      unreadStreams.closeAll();
      hub.closeSockets();
    },
    [
    () => clearInterval(housekeeping),
    async () => {
      stopping = true;
      await backlog;
    },
    async () => {
      await notifier?.stop();
      mailer?.close();
    },
    () => hub.shutdown(),
    () => refusedOrigins.flush(),
    () => database.close(),
    ],
  );

  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    if (setupToken) {
      const setupUrl = `${config.origin ?? `http://localhost:${port}`}/setup/${setupToken}`;
      // Printed, never stored: whoever can read this log may claim the install, once, within the day.
      logger.warn({ setupUrl }, `No administrator yet. Create the first one within ${SETUP_LINK_HOURS} hours at ${setupUrl}`);
    }
    logger.info({ port, database: withoutPassword(config.databaseUrl) }, `Accord is listening on http://localhost:${port}`);
    if (mailer && !config.origin) logger.warn("ACCORD_ORIGIN is not set: links in mail point to http://localhost");
    notifier = new Notifier(
      { db: services.db, clock: services.clock, logger, send: mailer?.send ?? null, tell: (userId) => notices.tell(userId, "unread") },
      {
        intervalMs: config.notify.intervalMs,
        leaseMs: config.notify.leaseMs,
        delivery: {
          origin: config.origin ?? `http://localhost:${port}`,
          retryBaseMs: config.notify.retryBaseMs,
          maxAttempts: 10,
          staleAfterMs: 7 * 24 * 60 * 60_000,
          batchSize: 50,
        },
      },
    );
    notifier.start();
    onSendSoon(() => notifier?.nudge());
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/** A postgres:// URL as logs may show it: the password is a credential, not something to read in a log file. */
function withoutPassword(databaseUrl: string): string {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "postgres://…";
  }
}
