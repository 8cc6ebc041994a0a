import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { cookieHeader, DEMO_PASSWORD } from "../../test/helpers/collab";
import { ROOT, childEnv } from "../../test/helpers/env";
import { HttpClient } from "../../test/helpers/http";
import { makeTempDir, startServer, type StartOptions, type TestServer } from "../../test/helpers/server";

/**
 * The hub's per-socket rate limit (200 messages/s by default) would cap what a
 * benchmark writer can send; it is raised so the benchmark measures the hub.
 * Everything else stays at its default.
 */
export const BENCH_ACCORD_ENV: Record<string, string> = {
  COLLAB_MESSAGES_PER_SECOND: "1000000",
  COLLAB_BYTES_PER_SECOND: String(1024 * 1024 * 1024),
  // Hundreds of readers share a few accounts here: one person's socket limit would refuse them.
  COLLAB_MAX_SOCKETS_PER_USER: "100000",
  COLLAB_MAX_PRESENCE: "100000",
};

const PROBE = path.join(ROOT, "build/bench/heap-probe.cjs");

export interface HeapReading {
  pid: number;
  gc: boolean;
  gcMs: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** VmRSS from /proc/<pid>/status, in bytes. */
  vmRss: number;
}

/** The heap probe preloaded into a server process (see bench/heap-probe.ts). */
export class Probe {
  private info: { pid: number; port: number } | null = null;

  constructor(readonly file: string) {}

  static env(file: string): Record<string, string> {
    return { NODE_OPTIONS: `--expose-gc --require ${PROBE}`, BENCH_PROBE_FILE: file };
  }

  private async ready(): Promise<{ pid: number; port: number }> {
    const started = Date.now();
    while (!this.info) {
      try {
        this.info = JSON.parse(fs.readFileSync(this.file, "utf8")) as { pid: number; port: number };
      } catch {
        if (Date.now() - started > 10_000) throw new Error(`the heap probe did not start (${this.file})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    return this.info;
  }

  async pid(): Promise<number> {
    return (await this.ready()).pid;
  }

  /** Heap after two full GCs, and the process's VmRSS. */
  async heap(): Promise<HeapReading> {
    const { port, pid } = await this.ready();
    const response = await fetch(`http://127.0.0.1:${port}/heap`);
    const body = (await response.json()) as Omit<HeapReading, "vmRss">;
    return { ...body, vmRss: vmRssOf(pid) };
  }
}

/** VmRSS of a process in bytes, from /proc (Linux). */
export function vmRssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

const CLOCK_TICKS = (() => {
  const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** CPU time (user + system, every thread) a process has used so far, in ms, from /proc (Linux); clock-tick resolution (10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Waits until a process has used almost no CPU for a moment (start-up work such as the first notification scan is over), or `timeoutMs` has passed. */
export async function untilIdle(pid: number, timeoutMs = 30_000, windowMs = 500): Promise<void> {
  const until = Date.now() + timeoutMs;
  let before = cpuMsOf(pid);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = cpuMsOf(pid);
    if (now - before <= windowMs * 0.04) return;
    before = now;
  }
}

export interface AccordServer {
  server: TestServer;
  probe: Probe | null;
  /** Signed-in clients by e-mail. */
  clients: Map<string, HttpClient>;
  cookie(email: string): string;
  stop(): Promise<void>;
}

export const LAN = "lan.nguyen@vnc.test"; // secretariat, Viet Nam
export const ZHANG = "zhang.wei@gacc.test"; // secretariat, China
export const HUNG = "hung.pham@vnc.test"; // observer
export const SERIES = "vn-cn-anti-smuggling";

/** Starts the real built server (test/helpers/server.ts) and signs some demo users in. */
export async function startAccord(
  options: StartOptions & { probe?: boolean; users?: string[] } = {},
): Promise<AccordServer> {
  const probeFile = options.probe ? path.join(makeTempDir(), "probe.json") : null;
  const server = await startServer({
    ...options,
    env: { ...BENCH_ACCORD_ENV, ...(probeFile ? Probe.env(probeFile) : {}), ...options.env },
  });
  const clients = new Map<string, HttpClient>();
  for (const email of options.users ?? [LAN, ZHANG, HUNG]) {
    clients.set(email, await new HttpClient(server.url).signIn(email, DEMO_PASSWORD));
  }
  return {
    server,
    probe: probeFile ? new Probe(probeFile) : null,
    clients,
    cookie(email) {
      const client = clients.get(email);
      if (!client) throw new Error(`${email} is not signed in`);
      return cookieHeader(client);
    },
    async stop() {
      // SIGTERM, and SIGKILL if the server has not exited within 20 s.
      const force = setTimeout(() => void server.kill("SIGKILL"), 20_000);
      await server.stop();
      clearTimeout(force);
    },
  };
}

export interface RelayServer {
  kind: "bare" | "raw";
  port: number;
  pid: number;
  url: string;
  probe: Probe | null;
  stop(): Promise<void>;
}

const relays = new Set<ChildProcess>();

/** Starts bench/bare-relay.ts or bench/raw-broadcast.ts (bundled) in its own process. */
export async function startRelay(kind: "bare" | "raw", options: { probe?: boolean } = {}): Promise<RelayServer> {
  const probeFile = options.probe ? path.join(makeTempDir(), "probe.json") : null;
  const script = path.join(ROOT, "build/bench", kind === "bare" ? "bare-relay.js" : "raw-broadcast.js");
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: childEnv({ PORT: "0", ...(probeFile ? Probe.env(probeFile) : {}) }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  relays.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => {
    relays.delete(child);
    resolve();
  }));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      try {
        const parsed = JSON.parse(line) as { listening?: number };
        if (parsed.listening) resolve(parsed.listening);
      } catch {
        // not ours
      }
    });
    void exited.then(() => reject(new Error(`the ${kind} relay exited before listening`)));
  });
  return {
    kind,
    port,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    probe: probeFile ? new Probe(probeFile) : null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Kills every relay this process started (on exit or interrupt). */
export function killRelays() {
  for (const child of relays) child.kill("SIGKILL");
}

process.once("exit", killRelays);
