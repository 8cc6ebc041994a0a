import { readFile } from "node:fs/promises";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";

// /build/*: the compiler's fingerprinted scripts and styles, which never change
// under the same name. `npm run build` stores each compressed beside it at the
// highest settings (scripts/compress-assets.mjs: brotli 11, gzip 9), some 14%
// smaller than what the compression middleware makes on the fly (brotli 4).
// They are sent with few headers: a page loads dozens of these files, and on a
// slow link the ~950 bytes of page headers (CSP, framing, referrer…), which
// mean nothing for a script or a style sheet, cost as much as a small chunk.

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

type Variant = { body: Buffer; encoding: string | null } | null;

/** Whether the request's Accept-Encoding admits this coding (a q of 0 refuses it). */
function accepts(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name !== coding && name !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

export function buildAssets(buildDir: string) {
  const root = path.resolve(buildDir);
  // Files are immutable while the process runs: each variant is read once.
  const cache = new Map<string, Promise<Variant>>();
  const read = (file: string, encoding: string | null): Promise<Variant> => {
    const key = `${encoding ?? ""}:${file}`;
    let entry = cache.get(key);
    if (!entry) {
      const suffix = ENCODINGS.find((e) => e.name === encoding)?.suffix ?? "";
      entry = readFile(file + suffix).then(
        (body) => ({ body, encoding }),
        () => {
          // Only files that exist are kept: names anyone can make up must not grow the cache.
          cache.delete(key);
          return null;
        },
      );
      cache.set(key, entry);
    }
    return entry;
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(root, relative);
    const type = TYPES[path.extname(file)];
    if (!type || !file.startsWith(root + path.sep)) return next();
    const acceptEncoding = req.get("accept-encoding");
    let variant: Variant = null;
    for (const { name } of ENCODINGS) {
      if (accepts(acceptEncoding, name) && (variant = await read(file, name))) break;
    }
    variant ??= await read(file, null);
    if (!variant) return next();
    res.sendDate = false;
    const headers: Record<string, string> = {
      "Content-Type": type,
      "Content-Length": String(variant.body.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
      "X-Content-Type-Options": "nosniff",
      "Cross-Origin-Resource-Policy": "same-origin",
    };
    if (variant.encoding) headers["Content-Encoding"] = variant.encoding;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : variant.body);
  };
}
