import { spawnSync } from "node:child_process";
import * as Y from "yjs";
import { conferenceDocName } from "../../test/helpers/collab";
import { postgresBinDir, startPostgres, type PostgresCluster } from "../../test/helpers/postgres";
import { startRedis, type TestRedis } from "../../test/helpers/redis";
import { agendaItemIds, LeanReader, LeanWriter, MarkerEditor, readNumberAt, type SocketTarget } from "../lib/lean-client";
import { HUNG, LAN, SERIES, startAccord, ZHANG, type AccordServer } from "../lib/servers";
import { median, ratio, round, summarise } from "../lib/stats";
import { inBatches, sleep, within, type Log } from "../lib/util";

export interface CrossInstanceOptions {
  ns: number[];
  edits: number;
  warmup: number;
  gapMs: number;
}

export interface CrossInstanceRow {
  n: number;
  /** Readers on the writer's instance (A). */
  sameP50: number;
  sameP95: number;
  sameP99: number;
  /** Readers on the other instance (B), reached through Redis. */
  crossP50: number;
  crossP95: number;
  crossP99: number;
  /** Cross-instance / same-instance p99. */
  ratioP99: number | null;
  edits: number;
  missing: number;
  /**
   * Where an edit's time goes, medians over the edits (ms): the first reader
   * on A, A's readers from first to last, the first reader on B after the
   * first on A, and B's readers from first to last.
   */
  breakdown: { firstSame: number; spreadSame: number; hop: number; spreadCross: number };
}

const MARK = Buffer.from("#E");

/** Why the section cannot run here, or null when PostgreSQL and Redis are installed. */
function missingEngines(): string | null {
  try {
    postgresBinDir();
  } catch {
    return "PostgreSQL is not installed (apt-get install postgresql postgresql-contrib)";
  }
  if (spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status !== 0) return "redis-server is not installed (apt-get install redis-server)";
  return null;
}

/**
 * Two Accord instances on one PostgreSQL database with Redis between them;
 * one writer on A, N readers on A and N readers on B, all on the same
 * document at once. Every edit reaches both groups, so the same-instance and
 * cross-instance figures come from the same edits, under the same noise.
 */
export async function runCrossInstance(options: CrossInstanceOptions, log: Log) {
  const missing = missingEngines();
  if (missing) {
    log(`crossInstance skipped: ${missing}`);
    return { skipped: missing };
  }
  let cluster: PostgresCluster | null = null;
  let redis: TestRedis | null = null;
  const servers: AccordServer[] = [];
  try {
    cluster = await startPostgres();
    redis = await startRedis();
    const url = await cluster.createDatabase();
    const a = await startAccord({ dbPath: url, env: { REDIS_URL: redis.url } });
    servers.push(a);
    const b = await startAccord({ dbPath: url, env: { REDIS_URL: redis.url } });
    servers.push(b);
    const { docName } = await conferenceDocName(a.clients.get(LAN)!, SERIES, 18);
    const target = (server: AccordServer, email: string): SocketTarget => ({
      url: `ws://127.0.0.1:${server.server.port}/collab/${docName}`,
      headers: { cookie: server.cookie(email), origin: server.server.url },
    });
    const writer = await LeanWriter.connect(target(a, LAN), new Y.Doc(), "yjs");
    const editor = new MarkerEditor(writer.doc, agendaItemIds(writer.doc)[0]);

    let seq = 0;
    const pending = new Map<number, { t0: number; got: number; expect: number; same: number[]; cross: number[]; done: () => void }>();
    const onUpdate = (where: "same" | "cross") => (data: Buffer, at: number) => {
      const index = data.indexOf(MARK);
      if (index < 0) return;
      const entry = pending.get(readNumberAt(data, index + MARK.length).value);
      if (!entry) return;
      entry[where].push(at - entry.t0);
      entry.got += 1;
      if (entry.got === entry.expect) entry.done();
    };

    const rows: CrossInstanceRow[] = [];
    for (const n of options.ns) {
      const readers = await inBatches(Array.from({ length: 2 * n }, (_, i) => i), 25, (i) =>
        LeanReader.connect(target(i < n ? a : b, i % 2 === 0 ? ZHANG : HUNG), "yjs", onUpdate(i < n ? "same" : "cross")),
      );
      const same: number[] = [];
      const cross: number[] = [];
      const parts = { firstSame: [] as number[], spreadSame: [] as number[], hop: [] as number[], spreadCross: [] as number[] };
      let lost = 0;
      log(`crossInstance N=${n}: ${n} readers on A (the writer's instance), ${n} on B`);
      for (let i = 0; i < options.warmup + options.edits; i += 1) {
        const id = ++seq;
        let done = () => {};
        const finished = new Promise<void>((resolve) => (done = resolve));
        const entry = { t0: performance.now(), got: 0, expect: readers.length, same: [] as number[], cross: [] as number[], done };
        pending.set(id, entry);
        editor.edit(`#E${id}.`);
        await within(finished, 10_000);
        pending.delete(id);
        if (i >= options.warmup) {
          same.push(...entry.same);
          cross.push(...entry.cross);
          lost += entry.expect - entry.got;
          if (entry.same.length > 0 && entry.cross.length > 0) {
            const firstSame = Math.min(...entry.same);
            const firstCross = Math.min(...entry.cross);
            parts.firstSame.push(firstSame);
            parts.spreadSame.push(Math.max(...entry.same) - firstSame);
            parts.hop.push(firstCross - firstSame);
            parts.spreadCross.push(Math.max(...entry.cross) - firstCross);
          }
        }
        await sleep(options.gapMs);
      }
      const s = summarise(same);
      const c = summarise(cross);
      rows.push({
        n,
        sameP50: s.p50,
        sameP95: s.p95,
        sameP99: s.p99,
        crossP50: c.p50,
        crossP95: c.p95,
        crossP99: c.p99,
        ratioP99: ratio(c.p99, s.p99),
        edits: options.edits,
        missing: lost,
        breakdown: {
          firstSame: round(median(parts.firstSame)),
          spreadSame: round(median(parts.spreadSame)),
          hop: round(median(parts.hop)),
          spreadCross: round(median(parts.spreadCross)),
        },
      });
      log(`crossInstance N=${n}: p99 same instance ${s.p99} ms, across instances ${c.p99} ms (ratio ${String(ratio(c.p99, s.p99))}); ${JSON.stringify(rows[rows.length - 1].breakdown)}`);
      await Promise.all(readers.map((reader) => reader.close()));
      await sleep(300);
    }
    await writer.close();
    return {
      method:
        "Two Accord instances (PostgreSQL on loopback, fsync off as in the test cluster; Redis on loopback), one writer on A, " +
        "N lean readers on A and N on B, one document. Each edit replaces a marker in an agenda item title; latency = arrival at a reader − " +
        `the moment the writer made it. Closed loop: the next edit waits until all 2N readers have the previous one, then ${options.gapMs} ms; ` +
        `${options.warmup} warm-up edits. The single-instance SQLite figure is the propagation section's, in the same run.`,
      rows,
    };
  } finally {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await redis?.stop();
    await cluster?.stop();
  }
}
