import type { NextFunction, Request, Response } from "express";
import { i18nFor } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";

/** Routes that take a signed agreement document (multipart): they get the document's own, larger limit. */
const UPLOAD_PATH = /^\/series\/[^/]+\/agreements\/\d+\/?$/;

/** Room for the text fields and multipart framing around the document itself. */
const UPLOAD_OVERHEAD_BYTES = 1024 * 1024;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Marks a request whose body was refused, so that later handlers stay quiet about the error it causes. */
export const BODY_REFUSED = "bodyRefused";

export interface BodyLimits {
  formBytes: number;
  documentBytes: number;
}

export function bodyLimitFor(path: string, limits: BodyLimits): number {
  return UPLOAD_PATH.test(path) ? limits.documentBytes + UPLOAD_OVERHEAD_BYTES : limits.formBytes;
}

class PayloadTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "PayloadTooLargeError";
  }
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function refuse(req: Request, res: Response, limit: number, locale: Locale) {
  res.locals[BODY_REFUSED] = true;
  if (res.headersSent) return;
  const t = i18nFor(locale).t;
  const mb = Math.max(1, Math.round(limit / (1024 * 1024)));
  const title = t("limits.bodyTooLargeTitle");
  const message = t("limits.bodyTooLarge", { max: limit < 1024 * 1024 ? `${Math.ceil(limit / 1024)} KB` : `${mb} MB` });
  // The rest of the body is not read: the connection ends with this answer.
  res.set("Connection", "close");
  res.status(413);
  if (req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json") {
    res.json({ error: message, status: 413 });
    return;
  }
  res
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">${escapeHtml(t("limits.backHome"))}</a></p></main></body></html>`,
    );
}

/** How long the rest of a refused body is read and thrown away, so that the client sees the 413 rather than a reset. */
const DRAIN_MS = 5_000;

/**
 * After a 413, the rest of the body is read and discarded (never held) for a
 * few seconds and the connection is then closed: closing a socket with unread
 * input makes the kernel send a reset, and the client would lose the answer.
 */
function drainAndClose(req: Request, res: Response) {
  req.removeAllListeners("data");
  req.on("data", () => undefined);
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  timer.unref();
  req.once("end", () => {
    clearTimeout(timer);
    res.once("finish", () => req.socket.destroy());
    if (res.writableFinished) req.socket.destroy();
  });
}

/**
 * Caps every request body while it arrives. A declared Content-Length over the
 * limit is answered 413 before a byte is kept; a body that grows past the limit
 * (chunked, or lying about its length) is cut off at the first chunk over it:
 * the body stream fails for whoever reads it, so the route never sees a
 * truncated form, and the connection is closed after the 413.
 */
export function bodyLimit(limits: BodyLimits, localeOf: (req: Request) => Locale) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!BODY_METHODS.has(req.method)) return next();
    const limit = bodyLimitFor(req.path, limits);
    const declared = Number(req.get("content-length"));
    if (Number.isFinite(declared) && declared > limit) {
      refuse(req, res, limit, localeOf(req));
      drainAndClose(req, res);
      return;
    }
    let received = 0;
    // Paused first, so that counting does not start the flow before the route reads the body.
    req.pause();
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit || res.locals[BODY_REFUSED]) return;
      refuse(req, res, limit, localeOf(req));
      const error = new PayloadTooLargeError(limit);
      // Whoever reads the body (Remix's form parser) fails here; without a reader there is nothing to tell.
      const readers = req.listeners("error");
      drainAndClose(req, res);
      for (const onError of readers) (onError as (e: Error) => void).call(req, error);
    });
    next();
  };
}
