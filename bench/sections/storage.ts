import path from "node:path";
import Database from "better-sqlite3";
import { makeTempDir } from "../../test/helpers/server";
import { ratio, summarise } from "../lib/stats";

/**
 * What one small append costs on this machine's disk, as the hub does it
 * (WAL, synchronous = FULL, one transaction per update), beside the same
 * append with synchronous = NORMAL. Not a target; it explains the hub's share
 * of the propagation latency.
 */
export function runStorage(appends = 300) {
  const result: Record<string, ReturnType<typeof summarise>> = {};
  for (const mode of ["FULL", "NORMAL"] as const) {
    const db = new Database(path.join(makeTempDir(), `append-${mode}.db`));
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${mode}`);
    db.exec("CREATE TABLE collab_updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_name TEXT NOT NULL, data BLOB NOT NULL, created_at TEXT NOT NULL)");
    const insert = db.prepare("INSERT INTO collab_updates (doc_name, data, created_at) VALUES (?, ?, ?)");
    const data = Buffer.alloc(40, 7);
    const samples: number[] = [];
    for (let i = 0; i < appends; i += 1) {
      const t = performance.now();
      insert.run("conference/1", data, new Date().toISOString());
      samples.push(performance.now() - t);
    }
    db.close();
    result[mode] = summarise(samples);
  }
  return {
    method: `${appends} single-row INSERTs of a 40-byte update into a fresh WAL database, each its own transaction, timed in the benchmark process.`,
    appendFullMs: result.FULL,
    appendNormalMs: result.NORMAL,
    ratioP50: ratio(result.FULL.p50, result.NORMAL.p50),
  };
}
