/**
 * Preloaded into a server process by the benchmarks only (NODE_OPTIONS=
 * "--expose-gc --require build/bench/heap-probe.cjs"), because Accord's server
 * does not report its own heap. It answers GET /heap on a private loopback
 * port with process.memoryUsage() taken after two full collections, and writes
 * { pid, port } to BENCH_PROBE_FILE so the benchmark can find it. The server's
 * own code is untouched; the probe's listener is unref'd and costs a few KB.
 */
import fs from "node:fs";
import http from "node:http";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_PROBE_FILE;
const collect = (globalThis as { gc?: () => void }).gc;

// Preloads run in worker threads too (the collaboration log's writer): only the main thread reports.
if (file && isMainThread) {
  const probe = http.createServer((req, res) => {
    if (req.url !== "/heap") {
      res.statusCode = 404;
      res.end();
      return;
    }
    const started = performance.now();
    if (collect) {
      collect();
      collect();
    }
    const gcMs = performance.now() - started;
    const memory = process.memoryUsage();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ pid: process.pid, gc: Boolean(collect), gcMs, ...memory }));
  });
  probe.listen(0, "127.0.0.1", () => {
    const address = probe.address();
    const port = typeof address === "object" && address ? address.port : 0;
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, port }));
  });
  probe.unref();
}
