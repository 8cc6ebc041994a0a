import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origin this request was addressed to: the configured one, or its own Host. */
export function expectedOrigin(req: Request, configured: string | null): string | null {
  if (configured) return configured;
  const host = req.get("host");
  return host ? `${req.protocol}://${host}` : null;
}

/**
 * Is this request's Origin acceptable? Browsers send Origin on every cross-site
 * POST, so a foreign or "null" Origin is refused. A request with no Origin at
 * all comes from a non-browser client (curl, a script) that no other site can
 * drive with the user's cookie; it is allowed unless Sec-Fetch-Site says cross-site.
 */
export function isSameOrigin(req: Request, configured: string | null): boolean {
  const origin = req.get("origin");
  if (origin === undefined) return req.get("sec-fetch-site") !== "cross-site";
  return origin === expectedOrigin(req, configured);
}

export function originCheck(configured: string | null, onRefused: (req: Request) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || isSameOrigin(req, configured)) return next();
    onRefused(req);
    res.status(403).type("text/plain").send("Forbidden: this request came from another site.");
  };
}
