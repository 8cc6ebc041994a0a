import type { NextFunction, Request, Response } from "express";
import { i18nFor } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";

/** Routes that take a signed agreement document (multipart): they get the document's own, larger limit. */
const UPLOAD_PATH = /^\/series\/[^/]+\/agreements\/\d+\/?$/;

/** Room for the text fields and multipart framing around the document itself. */
const UPLOAD_OVERHEAD_BYTES = 1024 * 1024;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** How long the rest of a refused body is read and thrown away before the connection is cut. */
const DRAIN_MS = 5_000;

/** Marks a request whose body was refused, so that later handlers stay quiet about the error it causes. */
export const BODY_REFUSED = "bodyRefused";
/** Where a form body read within its limit waits for Remix (server/remix-handler.ts). */
export const BUFFERED_BODY = "bufferedBody";

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

function refusalBody(req: Request, limit: number, locale: Locale): { type: string; body: string } {
  const t = i18nFor(locale).t;
  const title = t("limits.bodyTooLargeTitle");
  const max = limit < 1024 * 1024 ? `${Math.ceil(limit / 1024)} KB` : `${Math.round(limit / (1024 * 1024))} MB`;
  const message = t("limits.bodyTooLarge", { max });
  if (req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json") {
    return { type: "application/json; charset=utf-8", body: JSON.stringify({ error: message, status: 413 }) };
  }
  return {
    type: "text/html; charset=utf-8",
    body:
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
      `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">${escapeHtml(t("limits.backHome"))}</a></p></main></body></html>`,
  };
}

/**
 * Answers 413 at once, but ends the response only once the rest of the body
 * has been read and thrown away (never held), or after a few seconds: closing
 * a socket with unread input makes the kernel send a reset, and the client
 * would lose the answer. Content-Length tells the client the answer is whole
 * while it is still sending. The connection then closes.
 */
function refuse(req: Request, res: Response, limit: number, locale: Locale) {
  res.locals[BODY_REFUSED] = true;
  req.removeAllListeners("data");
  req.on("data", () => undefined);
  req.resume();
  // Already answered (a route that stopped reading and said why): the rest is only drained.
  if (res.headersSent) return;
  const { type, body } = refusalBody(req, limit, locale);
  res.status(413);
  res.set("Content-Type", type);
  res.set("Content-Length", String(Buffer.byteLength(body)));
  res.set("Cache-Control", "no-store");
  res.set("Connection", "close");
  res.write(body);
  // The route reading the body fails after this and Remix would set a 500 on a response already sent as 413.
  res.status = () => res;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    res.end();
  };
  const timer = setTimeout(() => {
    end();
    req.socket.destroy();
  }, DRAIN_MS);
  timer.unref();
  req.once("end", end);
  req.once("close", end);
}

/**
 * Caps every request body while it arrives. A declared Content-Length over the
 * limit is answered 413 before a byte is kept. Form bodies (everything but the
 * agreement upload) are then read here, up to the limit, before any other
 * work for the request; one that grows past it (chunked, or lying about its
 * length) is answered 413 at the first chunk over it, and Remix never sees it.
 * The upload is streamed to its route, which enforces the document limit
 * itself; a counter backs it up by failing the body stream past the limit, so
 * that the route never sees a truncated form.
 */
export function bodyLimit(limits: BodyLimits, localeOf: (req: Request) => Locale) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!BODY_METHODS.has(req.method)) return next();
    const upload = UPLOAD_PATH.test(req.path);
    const limit = bodyLimitFor(req.path, limits);
    const declared = Number(req.get("content-length"));
    // The upload route answers a file a little too large with the form and a message: not refused here.
    if (Number.isFinite(declared) && declared > limit && !upload) {
      refuse(req, res, limit, localeOf(req));
      return;
    }
    if (upload) return countWhileStreaming(req, res, limit, localeOf, next);
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        chunks.length = 0;
        req.off("end", onEnd);
        refuse(req, res, limit, localeOf(req));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      req.off("data", onData);
      res.locals[BUFFERED_BODY] = Buffer.concat(chunks, received);
      next();
    };
    req.on("data", onData);
    req.once("end", onEnd);
  };
}

function countWhileStreaming(req: Request, res: Response, limit: number, localeOf: (req: Request) => Locale, next: NextFunction) {
  let received = 0;
  // Paused first, so that counting does not start the flow before the route reads the body.
  req.pause();
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received <= limit || res.locals[BODY_REFUSED]) return;
    const error = new PayloadTooLargeError(limit);
    // Whoever reads the body (Remix's form parser) fails here; without a reader there is nothing to tell.
    const readers = req.listeners("error");
    refuse(req, res, limit, localeOf(req));
    for (const onError of readers) (onError as (e: Error) => void).call(req, error);
  });
  // A route that answers without reading the upload (a redirect to sign in, a refusal) leaves it
  // paused: closing a socket with unread input resets it and the client loses the answer. Read the
  // rest and throw it away (still counted), for a few seconds at most, as refuse() does.
  res.once("finish", () => {
    if (req.complete) return;
    req.on("data", () => undefined);
    req.resume();
    const timer = setTimeout(() => req.socket.destroy(), DRAIN_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
    req.once("close", () => clearTimeout(timer));
  });
  next();
}
