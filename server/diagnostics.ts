import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
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
  // Garbage-collection pauses, to tell them from time spent handling messages.
  const gc = { count: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ["gc"] });
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
      gcPausesMs: { count: gc.count, total: Math.round(gc.totalMs), max: Math.round(gc.maxMs * 100) / 100 },
      memory: process.memoryUsage(),
      ...counters(),
    };
    if (req.query.reset === "1") {
      delay.reset();
      Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0 });
    }
    res.set("Cache-Control", "no-store").json(body);
  };
}
