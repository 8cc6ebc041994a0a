import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { pinoHttp } from "pino-http";
import type { AppServices, RequestState } from "../app/http/request-context.server";
import { originCheck } from "./origin-check";
import { RefusedOriginLog } from "./refused-origins";
import { chooseLocale, requestState } from "./request-state";
import { cspNonce, securityHeaders } from "./security-headers";
import type { Config } from "./config";
import { diagnosticsHandler } from "./diagnostics";
import { createRequestHandler } from "./remix-handler";
import { BODY_REFUSED, bodyLimit } from "./body-limit";
import { buildAssets } from "./build-assets";
import { refuseLegacyDataRequests } from "./legacy-data-requests";
import { UNREAD_STREAM_PATH, type UnreadStreams } from "./notify/unread-stream";

export interface AppOptions {
  config: Config;
  services: AppServices;
  build: ServerBuild;
  publicDir: string;
  /** Counters for /internal/diagnostics, served only when config.diagnostics is on. */
  diagnostics?: () => Record<string, unknown>;
  /** Where refused cross-site requests are tallied; the caller flushes it at shutdown. */
  refusedOrigins?: RefusedOriginLog;
  /** Live unread counts (server-sent events) for the header of open pages. */
  unreadStreams?: UnreadStreams;
}

export function createApp({ config, services, build, publicDir, diagnostics, refusedOrigins, unreadStreams }: AppOptions) {
  const { db, clock, logger, sessions } = services;
  const refusals = refusedOrigins ?? new RefusedOriginLog(db, clock, logger);
  const app = express();
  app.disable("x-powered-by");
  // Only behind a configured proxy is X-Forwarded-For believed (req.ip).
  app.set("trust proxy", config.trustProxy);

  app.get("/healthz", async (_req, res) => {
    try {
      await db.selectFrom("agencies").select("id").limit(1).execute();
      res.set("Cache-Control", "no-store").json({ status: "ok" });
    } catch (error) {
      logger.error({ err: error }, "health check failed");
      res.status(503).json({ status: "unavailable" });
    }
  });

  if (config.diagnostics && diagnostics) app.get("/internal/diagnostics", diagnosticsHandler(diagnostics));

  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/build/") },
      // One short line per request: no headers, so no cookies or tokens in the log.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          ip: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    }),
  );
  app.use(compression());
  // Scripts and styles, precompressed and with only the headers that matter for them.
  app.use("/build", buildAssets(path.join(publicDir, "build")));
  app.use(cspNonce);
  app.use(securityHeaders({ hsts: config.secureCookies }));

  // Anything else the compiler emits; fingerprinted bundles never change under the same name.
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y", index: false }));
  // Other public files all have an extension (favicon.svg): pages do not pay for a file lookup.
  const publicFiles = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  // Before anything reads a body or does work for the request: an oversized body costs nothing but its 413.
  app.use(bodyLimit({ formBytes: config.maxFormBytes, documentBytes: config.maxDocumentBytes }, (req) => chooseLocale(req, null)));
  app.use(refuseLegacyDataRequests);

  app.use(
    originCheck(config.origin, (req) => refusals.record({ ip: req.ip ?? null, path: req.path, origin: req.get("origin") ?? null })),
  );
  app.use(requestState(sessions, db, clock));
  if (unreadStreams) app.get(UNREAD_STREAM_PATH, unreadStreams.handle);
  if (config.origin) {
    // Behind a proxy that rewrites Host, Remix would build request URLs (and
    // run its own origin check) against the internal address. Our origin check
    // has passed: tell Remix the public host.
    const publicHost = new URL(config.origin).host;
    app.use((req, _res, next) => {
      req.headers["x-forwarded-host"] = publicHost;
      next();
    });
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (req, res) => ({
        ...services,
        ...(res.locals as Omit<RequestState, "pageMarkup">),
        // Remix asks for a route's data alone at <path>.data (single fetch); anything else renders a page.
        pageMarkup: req.path.endsWith(".data") ? null : new Map<string, string>(),
      }),
    }),
  );

  // Last resort: a plain message, never a stack trace.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // A refused body has had its 413; what failed after it (the route reading the body) is expected.
    if (res.locals[BODY_REFUSED]) return;
    // Express marks what the request got wrong (e.g. a malformed %-escape in the path) with a 4xx status.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      logger.info({ err: error, path: req.path, status }, "bad request");
      const message = "Bad request: this address is not valid.";
      if (res.headersSent) return;
      // The JSON API answers errors in JSON, as its routes do.
      if (req.path.startsWith("/api/")) res.status(status).json({ error: message, status });
      else res.status(status).type("text/plain").send(message);
      return;
    }
    logger.error({ err: error, path: req.path }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).type("text/plain").send("Something went wrong on our side. Please try again.");
  });

  return app;
}
