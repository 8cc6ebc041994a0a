import path from "node:path";
import { z } from "zod";
import { isPostgresUrl } from "../db/dialect";

const flag = z
  .enum(["0", "1", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** A SQLite file path (or file:path), or postgres://user:password@host:port/database. */
  DATABASE_URL: z
    .string()
    .min(1)
    .default("data/accord.db")
    .refine((v) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(v), {
      message: "must be a SQLite file path or postgres://user@host:port/database",
    }),
  /** auto: the demo only where the origin is a developer's own machine; force: also on a public origin. */
  ACCORD_DEMO: z
    .enum(["auto", "force", "0", "1", "true", "false", "yes", "no"])
    .transform((v) => (v === "force" ? "force" : v === "0" || v === "false" || v === "no" ? "off" : "auto"))
    .default("auto"),
  ACCORD_ORIGIN: z
    .url()
    .transform((u) => new URL(u).origin)
    .optional(),
  ACCORD_SECURE_COOKIES: flag.optional(),
  ACCORD_TRUST_PROXY: z.string().default("false"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(60 * 24 * 30).default(12 * 60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(7 * 24),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  ACCORD_UPLOADS_DIR: z.string().min(1).optional(),
  ACCORD_MAX_DOCUMENT_MB: z.coerce.number().min(1).max(200).default(20),
  /** Largest body of any other form; enforced while the body arrives (server/body-limit.ts). */
  ACCORD_MAX_FORM_KB: z.coerce.number().int().min(16).max(64 * 1024).default(1024),
  COLLAB_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(2 * 1024 * 1024),
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(200),
  COLLAB_BYTES_PER_SECOND: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
  COLLAB_MAX_DOCUMENT_BYTES: z.coerce.number().int().min(64 * 1024).default(16 * 1024 * 1024),
  COLLAB_MAX_PRESENCE: z.coerce.number().int().min(2).default(200),
  COLLAB_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).default(10),
  COLLAB_HEARTBEAT_MS: z.coerce.number().int().min(100).default(30_000),
  COLLAB_RECHECK_MS: z.coerce.number().int().min(100).default(2_000),
  COLLAB_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  COLLAB_COMPACT_EVERY: z.coerce.number().int().min(1).default(500),
  COLLAB_PROJECTION_DELAY_MS: z.coerce.number().int().min(0).default(500),
  /** Relay an edit once it is committed (safe from process crashes) or only once fsynced (also power loss). */
  COLLAB_RELAY_AFTER: z.enum(["commit", "fsync"]).default("commit"),
  /** Who wrote what (decision 0028); "off" exists only so the benchmark can measure its cost. */
  COLLAB_ATTRIBUTION: z.enum(["on", "off"]).default("on"),
  // TEST-ONLY FAULT INJECTION, never for production: relays updates before they
  // are stored and stores them later on a timer, so that the resilience suite's
  // crash test can prove it sees the losses this causes. Off unless set to 1.
  ACCORD_TEST_UNSAFE_DEFER_WRITES: flag.default(false),
  /** Mail for notifications: smtp://user:pass@host:587 or smtps://…; unset, notifications stay in the app. */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ACCORD_MAIL_FROM: z.string().trim().min(3).max(320).regex(/@/, { message: "must contain an address" }).default("Accord <accord@localhost>"),
  /** How often the notifier scans and sends (decision 0024). Tests make it short. */
  ACCORD_NOTIFY_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
  /** First retry of a failed mail after this long, doubling up to an hour. */
  ACCORD_NOTIFY_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  /** Relays co-edits between instances that share one PostgreSQL database: redis://host:6379 (server/collab/redis-relay.ts). */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Serves GET /internal/diagnostics to loopback callers (server/diagnostics.ts). */
  ACCORD_DIAGNOSTICS: flag.default(false),
});

export type Config = ReturnType<typeof loadConfig>;

/** Reads and checks the environment once, at start; fails with a readable message. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Accord cannot start: invalid configuration\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  // Several instances share their documents only through the database: a SQLite file is one process's.
  if (e.REDIS_URL && !isPostgresUrl(e.DATABASE_URL)) {
    throw new Error("Accord cannot start: invalid configuration\n  REDIS_URL: needs DATABASE_URL=postgres://… (several instances share one PostgreSQL database)");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    /** Load the demo (with its published password) into an empty database: never on a public origin unless forced. */
    demoData: e.ACCORD_DEMO === "force" || (e.ACCORD_DEMO === "auto" && isDeveloperOrigin(e.ACCORD_ORIGIN ?? null)),
    demoMode: e.ACCORD_DEMO,
    /** When unset, a request's own Host is its origin (fine for one host on localhost). */
    origin: e.ACCORD_ORIGIN ?? null,
    secureCookies: e.ACCORD_SECURE_COOKIES ?? (e.ACCORD_ORIGIN?.startsWith("https://") ?? false),
    trustProxy: parseTrustProxy(e.ACCORD_TRUST_PROXY),
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    /** Next to the database unless set: data/uploads for data/accord.db. */
    /** On PostgreSQL documents are stored in the database itself (server/file-store-postgres.ts) and this is unused. */
    uploadsDir: e.ACCORD_UPLOADS_DIR ?? (isPostgresUrl(e.DATABASE_URL) ? "data/uploads" : path.join(path.dirname(e.DATABASE_URL.replace(/^file:/, "")), "uploads")),
    maxDocumentBytes: Math.round(e.ACCORD_MAX_DOCUMENT_MB * 1024 * 1024),
    maxFormBytes: e.ACCORD_MAX_FORM_KB * 1024,
    diagnostics: e.ACCORD_DIAGNOSTICS,
    redisUrl: e.REDIS_URL ?? null,
    notify: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.ACCORD_MAIL_FROM,
      intervalMs: e.ACCORD_NOTIFY_INTERVAL_MS,
      // Long enough to outlast a round and a slow send (mailer.ts bounds one at ~40 s).
      leaseMs: Math.max(3 * e.ACCORD_NOTIFY_INTERVAL_MS, 60_000),
      retryBaseMs: e.ACCORD_NOTIFY_RETRY_MS,
    },
    collab: {
      allowedOrigin: e.ACCORD_ORIGIN ?? null,
      maxMessageBytes: e.COLLAB_MAX_MESSAGE_BYTES,
      maxAwarenessBytes: 64 * 1024,
      maxDocumentBytes: e.COLLAB_MAX_DOCUMENT_BYTES,
      presence: { maxStates: e.COLLAB_MAX_PRESENCE, maxIdsPerConnection: 4, maxStateBytes: 4 * 1024, maxStatesBytes: 512 * 1024 },
      maxSocketsPerUser: e.COLLAB_MAX_SOCKETS_PER_USER,
      rate: {
        messagesPerSecond: e.COLLAB_MESSAGES_PER_SECOND,
        messageBurst: e.COLLAB_MESSAGES_PER_SECOND * 2,
        bytesPerSecond: e.COLLAB_BYTES_PER_SECOND,
        // A reconnecting client may send one maximal message of offline edits at once.
        byteBurst: Math.max(e.COLLAB_BYTES_PER_SECOND * 2, e.COLLAB_MAX_MESSAGE_BYTES * 2),
      },
      heartbeatMs: e.COLLAB_HEARTBEAT_MS,
      recheckMs: e.COLLAB_RECHECK_MS,
      idleUnloadMs: e.COLLAB_IDLE_UNLOAD_MS,
      compactEvery: e.COLLAB_COMPACT_EVERY,
      projectionDelayMs: e.COLLAB_PROJECTION_DELAY_MS,
      relayAfter: e.COLLAB_RELAY_AFTER,
      attribution: e.COLLAB_ATTRIBUTION === "on",
      testOnlyUnsafeDeferWrites: e.ACCORD_TEST_UNSAFE_DEFER_WRITES,
    },
  };
}

/** "false" (default), "true", a hop count, or a list of addresses/subnets, as Express takes it. */
function parseTrustProxy(value: string): boolean | number | string {
  if (value === "false" || value === "0" || value === "") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * A developer's own machine: no ACCORD_ORIGIN at all (`npm start`), or plain
 * http on a loopback host. An https origin, or any other host, is public.
 */
export function isDeveloperOrigin(origin: string | null): boolean {
  if (origin === null) return true;
  const url = new URL(origin);
  if (url.protocol !== "http:") return false;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
