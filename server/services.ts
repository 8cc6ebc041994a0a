import { CollabLog, type UpdateLog } from "../db/collab-log";
import { holdCorkedFramesWhile, sendCorkedFrames } from "./collab/connection";
import { PostgresCollabLog } from "../db/collab-log-postgres";
import { createCollabStore } from "../db/collab-store";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { systemClock } from "../app/models/clock.server";
import { issueSetupToken } from "../app/models/first-admin.server";
import { createSessionService } from "../app/models/session.server";
import type { AppServices } from "../app/http/request-context.server";
import type { Config } from "./config";
import { createLogger } from "./logger";
import { CollabHub } from "./collab/hub";
import { createRedisRelay } from "./collab/redis-relay";
import { createFileStore } from "./file-store";
import { createPostgresFileStore } from "./file-store-postgres";
import { seedDemoDataIfEmpty } from "./demo-seed";
import { UserNotices } from "./notify/user-notices";

/** Opens and migrates the database and builds the services every request shares. */
export async function createServices(config: Config) {
  const logger = createLogger(config.logLevel);
  const handle = openDatabase(config.databaseUrl);
  await migrateToLatest(handle.db);
  if (config.demoData) {
    const seeded = await seedDemoDataIfEmpty(handle, systemClock);
    if (seeded) logger.info("demo data loaded into the empty database");
  } else if (config.demoMode === "auto") {
    logger.info("no demo data: ACCORD_ORIGIN is a public origin (ACCORD_DEMO=force would load it)");
  }
  // No administrator (a fresh production install): a one-time link to create one, printed once listening.
  const setupToken = await issueSetupToken(handle.db, systemClock);
  const sessions = createSessionService(handle.db, { ...config.session, secureCookies: config.secureCookies });
  const onError = (error: Error, attempt: number) => logger.error({ err: error, attempt }, "could not store document updates; retrying");
  let log: UpdateLog;
  if (handle.dialect === "postgres") log = new PostgresCollabLog({ pool: handle.pool, onError });
  else {
    const sqliteLog = new CollabLog({
      file: handle.sqlite.name,
      db: handle.db,
      onError,
      afterCommit: sendCorkedFrames,
      // Relayed only once fsynced: every fsync is in the edits' round trip, so none waits.
      syncGapMs: config.collab.relayAfter === "fsync" ? 0 : undefined,
    });
    // Acknowledgements sent just before a commit due in the same turn leave with its relays.
    holdCorkedFramesWhile(() => sqliteLog.commitDue);
    log = sqliteLog;
  }
  const store = createCollabStore(handle);
  // Other instances' edits reach this hub through Redis (REDIS_URL); the hub is made just below.
  let hub: CollabHub | null = null;
  // A person's notices reach their open pages on every instance (the relay's control channel).
  const notices = new UserNotices((userId, notice) => relay?.control({ kind: "user", userId, notice }));
  const relay = config.redisUrl
    ? createRedisRelay({
        url: config.redisUrl,
        logger,
        received: (docName, update, rowId) => hub?.receiveFromOtherInstance(docName, update, rowId),
        presence: (docName, update) => hub?.receivePresenceFromOtherInstance(docName, update),
        resubscribed: () => hub?.catchUpAll(),
        controlled: (message) => {
          if (message.kind === "user") notices.deliver(message.userId, message.notice);
          else hub?.receiveControl(message);
        },
      })
    : undefined;
  hub = new CollabHub({ db: handle.db, store, log, sessions, logger, relay }, config.collab);
  // The notifier starts once the server listens (it needs the port for links): until then there is nothing to wake.
  let wakeSender: () => void = () => undefined;
  const services: AppServices = {
    db: handle.db,
    clock: systemClock,
    logger,
    sessions,
    files: handle.dialect === "postgres" ? createPostgresFileStore(handle.pool) : createFileStore(config.uploadsDir),
    uploads: { maxDocumentBytes: config.maxDocumentBytes },
    collab: {
      applyAs: (docName, userId, change) => hub.applyAs(docName, userId, change),
      flush: (docName) => hub.flush(docName),
      freeze: (docName) => hub.freeze(docName),
      currentState: (docName) => hub.currentState(docName),
      unfreeze: (docName) => hub.unfreeze(docName),
      // Whatever ends a session or changes roles re-checks the person's live streams too.
      revalidate: async (userId) => {
        if (userId) notices.tell(userId, "sessions");
        await hub.revalidateEverywhere(userId);
      },
      announceStatus: (docName, status) => hub.announceStatus(docName, status),
      announce: (docName, notice) => hub.announce(docName, notice),
    },
    notices: { unreadChanged: (userId) => notices.tell(userId, "unread") },
    mail: { enabled: config.notify.smtpUrl !== null, sendSoon: () => wakeSender() },
  };
  const onSendSoon = (wake: () => void) => {
    wakeSender = wake;
  };
  return { services, database: handle, hub, log, setupToken, notices, onSendSoon };
}
