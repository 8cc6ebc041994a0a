import { withDb } from "../../test/helpers/db";
import type { HttpClient } from "../../test/helpers/http";
import { postgresBinDir, startPostgres, type PostgresCluster } from "../../test/helpers/postgres";
import { startServer } from "../../test/helpers/server";
import { addCommitmentLoad, copyDb } from "../lib/fixtures";
import { cpuMsOf, LAN, SERIES, startAccord, untilIdle } from "../lib/servers";
import { ratio, round, summarise } from "../lib/stats";
import { sleep, type Log } from "../lib/util";

export interface SsrOptions {
  /** A database with the commitment load (bench/lib/fixtures.ts addCommitmentLoad). */
  loadedDb: string;
  load: { conferences: number; commitments: number; owners: number; followUps: number; reviews: number };
  iterations: number;
  warmup: number;
  /** A page stops being requested once its samples add up to this many seconds (and it has at least `minSamples`). */
  budgetSeconds: number;
  minSamples: number;
}

async function timeGet(client: HttpClient, path: string) {
  const started = performance.now();
  const response = await client.get(path);
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, bytes: Buffer.byteLength(body) };
}

/**
 * Server-side render of the series leader view and the commitments list with
 * the commitment load, signed in as a secretariat, beside /healthz on the same
 * server, each also right after a change to the series. Requests are
 * sequential and interleaved, timed to the last byte of the body over
 * loopback (fetch; the server compresses as it would for a browser), with the
 * server's CPU time across each request (steadier than wall time on a shared machine).
 */
export async function runSsr(options: SsrOptions, log: Log) {
  const sqlite = await measureSsr(copyDb(options.loadedDb), options, log, "SQLite");
  return { ...sqlite, postgres: await runSsrOnPostgres(options, log) };
}

/**
 * The same pages on PostgreSQL: the demo data made by the server itself, then
 * the same commitment load (addCommitmentLoad, same seed) written to it.
 */
async function runSsrOnPostgres(options: SsrOptions, log: Log) {
  try {
    postgresBinDir();
  } catch {
    log("ssr on PostgreSQL skipped: PostgreSQL is not installed");
    return { skipped: "PostgreSQL is not installed (apt-get install postgresql postgresql-contrib)" };
  }
  let cluster: PostgresCluster | null = null;
  try {
    cluster = await startPostgres();
    const url = await cluster.createDatabase();
    const seeding = await startServer({ dbPath: url, demo: true });
    await seeding.stop();
    const started = performance.now();
    const load = addCommitmentLoad(url, options.load.conferences, options.load.commitments / options.load.conferences);
    log(`ssr on PostgreSQL: ${load.commitments} commitments written in ${Math.round(performance.now() - started)} ms`);
    const { conferenceIds, docNames: _docNames, ...counts } = load;
    return await measureSsr(url, { ...options, load: { conferences: conferenceIds.length, ...counts } }, log, "PostgreSQL");
  } finally {
    await cluster?.stop();
  }
}

async function measureSsr(dbPath: string, options: SsrOptions, log: Log, database: "SQLite" | "PostgreSQL") {
  const accord = await startAccord({ dbPath, users: [LAN] });
  try {
    // Start-up work (the first notification scan over 10,000 commitments) would run during the first samples.
    await untilIdle(accord.server.pid);
    // PostgreSQL plans from statistics that autovacuum refreshes within a minute of large writes; the load
    // and the scan's notifications were written seconds ago, so without this every page would be measured
    // with the plans of the small demo database (seq scans of 15,000 follow-ups; about 1.3× the time).
    if (database === "PostgreSQL") withDb(dbPath, (db) => db.exec("ANALYZE"));
    const client = accord.clients.get(LAN)!;
    const leaderPath = `/series/${SERIES}/leader`;
    const listPath = `/series/${SERIES}/commitments`;
    // Is the leader view there at all? (A 404 means not yet built; anything else is measured.)
    const first = await timeGet(client, leaderPath);
    const leaderAvailable = first.status !== 404;
    // The leader's overview is kept in memory until the series changes (migration 0004's
    // revision), in parts per conference (migration 0021's): "after a change" touches one
    // commitment first, so every sample computes the overview again from one fresh part.
    const touchSeries = () =>
      withDb(accord.server.dbPath, (db) =>
        db.prepare("UPDATE commitments SET updated_at = updated_at WHERE id = (SELECT min(id) FROM commitments WHERE series_id = (SELECT id FROM series WHERE slug = ?))").run(SERIES),
      );
    const routes: { name: string; path: string; before?: () => void }[] = [
      { name: "healthz", path: "/healthz" },
      { name: "leader", path: leaderAvailable ? leaderPath : listPath },
      { name: "leaderAfterChange", path: leaderAvailable ? leaderPath : listPath, before: touchSeries },
      { name: "commitments", path: listPath },
      { name: "commitmentsAfterChange", path: listPath, before: touchSeries },
    ];
    const samples = new Map<string, number[]>(routes.map((r) => [r.name, []]));
    const statuses = new Map<string, Record<string, number>>(routes.map((r) => [r.name, {}]));
    const bytes = new Map<string, number>();
    const spent = new Map<string, number>(routes.map((r) => [r.name, 0]));
    const cpuMs = new Map<string, number>(routes.map((r) => [r.name, 0]));
    const active = (name: string) => {
      const n = samples.get(name)!.length;
      return n < options.iterations && !(n >= options.minSamples && spent.get(name)! > options.budgetSeconds * 1000);
    };
    for (let i = 0; i < options.warmup + options.iterations; i += 1) {
      const warm = i < options.warmup;
      if (!warm && !routes.slice(1).some((r) => active(r.name))) break;
      for (let k = 0; k < routes.length; k += 1) {
        const route = routes[(i + k) % routes.length];
        if (!warm && !active(route.name)) continue;
        // A moment between requests, so that one page's garbage is not collected during the next.
        route.before?.();
        await sleep(50);
        const cpuBefore = cpuMsOf(accord.server.pid);
        const result = await timeGet(client, route.path);
        const cpu = cpuMsOf(accord.server.pid) - cpuBefore;
        bytes.set(route.name, result.bytes);
        if (warm) continue;
        cpuMs.set(route.name, cpuMs.get(route.name)! + cpu);
        samples.get(route.name)!.push(result.ms);
        spent.set(route.name, spent.get(route.name)! + result.ms);
        const counts = statuses.get(route.name)!;
        counts[result.status] = (counts[result.status] ?? 0) + 1;
      }
    }
    const errors = accord.server.logs.entries
      .filter((e) => (e.level ?? 0) >= 50 && typeof e.msg === "string" && !e.msg.startsWith("request errored"))
      .map((e) => String(e.msg))
      .slice(0, 5);
    const health = summarise(samples.get("healthz")!);
    const row = (name: string) => {
      const s = summarise(samples.get(name)!);
      return {
        path: routes.find((r) => r.name === name)!.path,
        ...s,
        statuses: statuses.get(name)!,
        htmlKB: round((bytes.get(name) ?? 0) / 1024, 1),
        /** The server process's CPU time (all threads) across this page's requests, per request. */
        cpuMsPerRequest: s.count > 0 ? round(cpuMs.get(name)! / s.count, 1) : null,
        ratioP50: ratio(s.p50, health.p50),
      };
    };
    const result = {
      database,
      method:
        `Signed in as a secretariat, once the server is idle after start-up; ${options.warmup} warm-up round(s), then up to ${options.iterations} rounds of sequential GETs (healthz, leader, leader after a change, commitments, commitments after a change, rotating order), ` +
        `each timed from request to the last byte of the body (HTML size after decompression); a page stops after ${options.budgetSeconds} s of samples (at least ${options.minSamples}). The first leader request only checks that the route exists. ` +
        "On PostgreSQL the tables are analysed once the start-up scan is done, as autovacuum would within a minute of the load. \"After a change\" touches one commitment of the series just before the request. CPU: the server process's user + system time from /proc/<pid>/stat across each request (10 ms ticks), summed over the samples and divided by their number. " +
        "Baseline: /healthz on the same server, in the same rounds.",
      load: options.load,
      leaderAvailable,
      leaderNote: leaderAvailable ? null : `${leaderPath} answered 404; the commitments list was measured in its place`,
      serverErrors: errors,
      healthz: { path: "/healthz", ...health },
      leader: row("leader"),
      leaderAfterChange: row("leaderAfterChange"),
      commitments: row("commitments"),
      commitmentsAfterChange: row("commitmentsAfterChange"),
    };
    log(
      `ssr (${database}): leader p50 ${result.leader.p50} ms (CPU ${result.leader.cpuMsPerRequest}) ${JSON.stringify(result.leader.statuses)}, after a change ${result.leaderAfterChange.p50} ms (CPU ${result.leaderAfterChange.cpuMsPerRequest}), ` +
        `commitments p50 ${result.commitments.p50} ms (CPU ${result.commitments.cpuMsPerRequest}) ${JSON.stringify(result.commitments.statuses)}, after a change ${result.commitmentsAfterChange.p50} ms (CPU ${result.commitmentsAfterChange.cpuMsPerRequest}), healthz p50 ${health.p50} ms`,
    );
    return result;
  } finally {
    await accord.stop();
  }
}
