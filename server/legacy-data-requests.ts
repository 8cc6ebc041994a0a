import type { NextFunction, Request, Response } from "express";

/**
 * `?_data=` was how Remix clients asked for loader data before single fetch.
 * This app uses single fetch, so no page of ours sends it; Remix would render
 * the page anyway and report each one as an error. Old cached bundles, crawlers
 * and probes get a plain 400, logged like any client mistake.
 */
export function refuseLegacyDataRequests(req: Request, res: Response, next: NextFunction) {
  const query = req.originalUrl.indexOf("?");
  if (query === -1 || !new URLSearchParams(req.originalUrl.slice(query + 1)).has("_data")) return next();
  const message = "Bad request: this address asks for data in a way Accord no longer serves. Reload the page.";
  if (req.path.startsWith("/api/")) res.status(400).json({ error: message, status: 400 });
  else res.status(400).type("text/plain").send(message);
}
