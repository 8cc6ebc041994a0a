import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { ROOT, childEnv } from "./env";
import { createPostgresDatabaseNow, onPostgres } from "./postgres-db";

export type LogEntry = Record<string, unknown> & { level?: number; msg?: string };

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What the server wrote: its JSON log lines (stdout) and anything on stderr. */
export class ServerLogs {
  readonly entries: LogEntry[] = [];
  /** stdout lines that were not JSON. */
  readonly other: string[] = [];
  stderr = "";

  find(predicate: (entry: LogEntry) => boolean): LogEntry | undefined {
    return this.entries.find(predicate);
  }

  text(): string {
    return [...this.entries.map((e) => JSON.stringify(e)), ...this.other, this.stderr].join("\n");
  }
}

export interface StartOptions {
  /** Load the demo data into the empty database (default true). */
  demo?: boolean;
  /** The "listening" line is logged at info, so nothing quieter than info. */
  logLevel?: "info" | "debug" | "trace";
  /** Extra environment, e.g. ACCORD_ORIGIN or SESSION_IDLE_MINUTES. */
  env?: Record<string, string>;
  /** An existing database file, to start again on the same data. */
  dbPath?: string;
}

export interface TestServer {
  url: string;
  port: number;
  /** The server process's id, e.g. to read its memory from /proc/<pid>/status. */
  pid: number;
  dbPath: string;
  logs: ServerLogs;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<ExitInfo>;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<ExitInfo>;
  kill(signal: NodeJS.Signals): Promise<ExitInfo>;
}

const running = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export function makeTempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "accord-test-"));
  tempDirs.add(dir);
  return dir;
}

/**
 * A fresh database: a path in its own temporary folder, removed after the
 * test file; or, in an ACCORD_TEST_DATABASE=postgres run, a new database in
 * the run's cluster (its URL), so that every test that starts a server runs
 * on PostgreSQL without knowing it.
 */
export function freshDbPath(): string {
  if (onPostgres) return createPostgresDatabaseNow();
  return path.join(makeTempDir(), "accord.db");
}

const START_TIMEOUT_MS = 60_000;

/** Starts `node build/server/index.js` on an ephemeral port and waits until it listens. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dbPath = options.dbPath ?? freshDbPath();
  try {
    return await spawnServer(options, dbPath);
  } catch (error) {
    // Once in CI (PostgreSQL run, 2 cores, many test servers) a server was ended by a SIGTERM that no
    // test sent, 0.3 s into its start. A start ended by a signal from elsewhere is tried once more,
    // and said; a server that fails by itself (an exit code) is never retried.
    if (!(error instanceof StartInterrupted)) throw error;
    console.warn(`${error.message.split("\n")[0]}: starting it once more`);
    return spawnServer(options, dbPath);
  }
}

class StartInterrupted extends Error {}

async function spawnServer(options: StartOptions, dbPath: string): Promise<TestServer> {
  const child = spawn(process.execPath, ["build/server/index.js"], {
    cwd: ROOT,
    env: childEnv({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: dbPath,
      // "force": some tests pretend to be behind a public https origin and still want the demo accounts.
      ACCORD_DEMO: options.demo === false ? "0" : "force",
      LOG_LEVEL: options.logLevel ?? "info",
      ...options.env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);

  const logs = new ServerLogs();
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    logs.stderr += chunk;
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The server did not start within ${START_TIMEOUT_MS} ms.\n${logs.text()}`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      let entry: LogEntry;
      try {
        entry = JSON.parse(line) as LogEntry;
      } catch {
        logs.other.push(line);
        return;
      }
      logs.entries.push(entry);
      if (typeof entry.msg === "string" && entry.msg.startsWith("Accord is listening") && typeof entry.port === "number") {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      const message = `The server exited before listening (code ${String(code)}, signal ${String(signal)}).\n${logs.text()}`;
      // Only the start timer below sends a signal before listening, and it rejects first.
      reject(signal === "SIGTERM" || signal === "SIGINT" || signal === "SIGHUP" ? new StartInterrupted(message) : new Error(message));
    });
  });

  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid!, dbPath, logs, exited, stop: () => kill("SIGTERM"), kill };
}

/** Ends every server still running and removes the temporary folders. */
export async function stopAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
          child.once("exit", () => {
            clearTimeout(force);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

// A crashed or interrupted test run must not leave servers behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});
