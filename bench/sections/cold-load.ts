import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../../test/helpers/env";
import { storedUpdateCount } from "../../test/helpers/collab";
import { withDb } from "../../test/helpers/db";
import { appendTypingUpdates, copyDb, docNameOf } from "../lib/fixtures";
import { LeanReader, openSocket, type SocketTarget } from "../lib/lean-client";
import { LAN, SERIES, startAccord } from "../lib/servers";
import { median, ratio, round, summarise } from "../lib/stats";
import { sleep, type Log } from "../lib/util";

export interface ColdLoadOptions {
  sizes: number[];
  /** Cold loads of the uncompacted log through the hub (each on a fresh copy and server). */
  uncompactedRuns: number;
  /** Cold loads after compaction, and warm syncs, through the hub. */
  repeats: number;
  templateDb: string;
}

/** Socket open → sync step 2 received, and upgrade request → step 2, for one fresh connection. */
async function timeSync(target: SocketTarget) {
  const requested = performance.now();
  const ws = await openSocket(target);
  const opened = performance.now();
  const reader = new LeanReader(ws, "yjs");
  await reader.whenSynced(120_000);
  const result = { openToSync: reader.syncedAt - opened, requestToSync: reader.syncedAt - requested };
  await reader.close();
  return result;
}

function runDirect(dbPath: string, docName: string, repeats: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", path.join(ROOT, "build/bench/cold-load-direct.js"), dbPath, docName, String(repeats)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (out += chunk));
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`cold-load-direct exited with ${String(code)}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/**
 * A document with many stored updates (one typed character each), loaded by
 * the hub from cold: once with the whole log (the hub compacts on that load),
 * then again from the snapshot after the hub unloaded it; beside a warm sync
 * of the same document already in memory. The hub's load alone is timed in a
 * separate process (bench/cold-load-direct.ts) against a copy of the file.
 */
export async function runColdLoad(options: ColdLoadOptions, log: Log) {
  const docName = docNameOf(options.templateDb, SERIES, 18);
  const rows = [];
  for (const size of options.sizes) {
    const prepared = copyDb(options.templateDb, `cold-${size}.db`);
    const generated = performance.now();
    appendTypingUpdates(prepared, docName, size, size);
    const stored = storedUpdateCount(prepared, docName);
    const logBytes = withDb(prepared, (db) => (db.prepare("SELECT sum(length(data)) AS n FROM collab_updates WHERE doc_name = ?").get(docName) as { n: number }).n);
    log(`cold load ${size}: ${stored} updates stored (${Math.round(logBytes / 1024)} KB) in ${Math.round(performance.now() - generated)} ms`);

    const direct = await runDirect(copyDb(prepared), docName, options.repeats);

    const uncompacted: number[] = [];
    const uncompactedRequest: number[] = [];
    const compacted: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < options.uncompactedRuns; run += 1) {
      const dbPath = copyDb(prepared);
      // Unload 300 ms after the last socket closes, so that the next connection loads from cold again.
      const accord = await startAccord({ dbPath, users: [LAN], env: { COLLAB_IDLE_UNLOAD_MS: "300" } });
      try {
        const target: SocketTarget = {
          url: `ws://127.0.0.1:${accord.server.port}/collab/${docName}`,
          headers: { cookie: accord.cookie(LAN), origin: accord.server.url },
        };
        const first = await timeSync(target);
        uncompacted.push(first.openToSync);
        uncompactedRequest.push(first.requestToSync);
        if (run > 0) continue;
        // Warm: the document stays loaded while an anchor socket holds it.
        const anchor = await LeanReader.connect(target, "yjs");
        for (let i = 0; i < options.repeats; i += 1) warm.push((await timeSync(target)).openToSync);
        await anchor.close();
        for (let i = 0; i < options.repeats; i += 1) {
          await sleep(1200);
          compacted.push((await timeSync(target)).openToSync);
        }
      } finally {
        await accord.stop();
      }
      fs.rmSync(dbPath, { force: true });
    }
    const warmMedian = median(warm);
    const row = {
      updates: stored,
      logKB: round(logBytes / 1024, 1),
      hub: {
        uncompactedOpenToSyncMs: summarise(uncompacted),
        uncompactedRequestToSyncMs: summarise(uncompactedRequest),
        compactedOpenToSyncMs: summarise(compacted),
        warmOpenToSyncMs: summarise(warm),
        uncompactedRatio: ratio(median(uncompacted), warmMedian),
        compactedRatio: ratio(median(compacted), warmMedian),
      },
      direct,
    };
    log(
      `cold load ${size}: open→synced uncompacted ${round(median(uncompacted), 1)} ms, compacted ${round(median(compacted), 1)} ms, warm ${round(warmMedian, 1)} ms`,
    );
    rows.push(row);
    fs.rmSync(prepared, { force: true });
  }
  return {
    method:
      "Updates generated as one typed character each (5% deletions, 10% elsewhere than the cursor) into conference 18's document and inserted into collab_updates. " +
      "Hub: a lean client (empty state) opens /collab/<doc> and waits for sync step 2; 'open→synced' starts at the socket's open event (the hub reads the document right after the upgrade). " +
      "A document with at most 64 updates after its snapshot answers that first sync from the stored bytes and is built into a Y.Doc right after (the 'direct: construct' columns are that build, off the opener's path but on the event loop); " +
      "a longer log is built first. " +
      "Uncompacted: the first load with the whole log (the hub also compacts on that load, as it has ≥ COLLAB_COMPACT_EVERY updates). " +
      "Compacted: later loads after the hub unloaded the document (COLLAB_IDLE_UNLOAD_MS=300 for this section). Baseline: warm sync of the same document held in memory by another socket. " +
      "Direct: CollabDocument construction and build against the SQLite file in a separate process, beside Y.applyUpdate of the whole state from one buffer (the Yjs floor).",
    docName,
    rows,
  };
}
