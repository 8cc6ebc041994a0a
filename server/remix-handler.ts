import { createRequestHandler as createRemixRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
// The Express adapter's own request and response bridges (not re-exported by its index; pinned version).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { BUFFERED_BODY } from "./body-limit";

/**
 * Remix's Express adapter, with one difference: a form body that the body
 * limit has already read (within its limit) is handed to Remix as bytes, so
 * that a route never reads a request stream of unknown length itself.
 * Uploads, which are streamed, go to Remix as the adapter would send them.
 */
export function createRequestHandler(options: {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: Request, res: Response) => AppLoadContext;
}) {
  const handleRequest = createRemixRequestHandler(options.build, options.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      let request = createRemixRequest(req, res);
      const body = res.locals[BUFFERED_BODY] as Buffer | undefined;
      if (body) request = new globalThis.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: new Uint8Array(body) });
      const response = await handleRequest(request, options.getLoadContext(req, res));
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
