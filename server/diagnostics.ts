import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Request, Response } from "express";

/**
 * GET /internal/diagnostics, only with ACCORD_DIAGNOSTICS=1 and only from the
 * machine itself: how long the event loop was held up (since the last
 * ?reset=1), memory, and the hub's and collaboration log's counters. The
 * resilience suite reads it to tell a blocked server from a busy test machine.
 */
export function diagnosticsHandler(counters: () => Record<string, unknown>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return (req: Request, res: Response) => {
    const from = req.socket.remoteAddress ?? "";
    // A request relayed by a proxy on this machine also arrives from loopback: it names its client.
    const relayed = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
    if (relayed || !["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(from)) {
      res.status(404).type("text/plain").send("Not Found");
      return;
    }
    const body = {
      eventLoopDelayMs: { max: ms(delay.max), p99: ms(delay.percentile(99)), mean: ms(delay.mean), samples: delay.count },
      memory: process.memoryUsage(),
      ...counters(),
    };
    if (req.query.reset === "1") delay.reset();
    res.set("Cache-Control", "no-store").json(body);
  };
}
