import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { makeTempDir } from "./server";

/**
 * Debian's `haproxy` on a free loopback port, running the repository's own
 * deploy/haproxy.cfg with only its addresses changed: the frontend's and the
 * instances' ports are the test's.
 */
export interface TestHaproxy {
  url: string;
  port: number;
  /** Resolves once HAProxy's checks see `count` instances up (its stats socket says). */
  serversUp(count: number, timeoutMs?: number): Promise<void>;
  /**
   * Sets an instance's state by its name in deploy/haproxy.cfg ("a", "b"), as
   * an operator would on the stats socket: "drain" takes no new connections
   * and keeps its open ones, "maint" neither, "ready" both.
   */
  setState(server: string, state: "ready" | "drain" | "maint"): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ask(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const socket = net.connect(socketPath, () => socket.end(`${command}\n`));
    socket.on("data", (chunk) => (out += chunk.toString("utf8")));
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
  });
}

export async function startHaproxy(instancePorts: number[]): Promise<TestHaproxy> {
  const port = await freePort();
  const dir = makeTempDir();
  const stats = path.join(dir, "stats.sock");
  const original = readFileSync(new URL("../../deploy/haproxy.cfg", import.meta.url), "utf8");
  let server = 0;
  const config = original
    .replace(/^(\s*bind\s+)\S+/m, `$1127.0.0.1:${port}`)
    .replace(/^(\s*server\s+\S+\s+)127\.0\.0\.1:\d+/gm, (_line, head: string) => `${head}127.0.0.1:${instancePorts[server++]}`)
    .replace(/^global\n/m, `global\n    stats socket ${stats} level admin\n`);
  if (server !== instancePorts.length) throw new Error(`deploy/haproxy.cfg names ${server} instances, the test has ${instancePorts.length}`);
  const file = path.join(dir, "haproxy.cfg");
  writeFileSync(file, config);
  const child: ChildProcess = spawn("haproxy", ["-f", file, "-db"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  const started = Date.now();
  for (;;) {
    const listening = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (listening) break;
    if (child.exitCode !== null || Date.now() - started > 10_000) throw new Error(`haproxy did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async serversUp(count, timeoutMs = 15_000) {
      const since = Date.now();
      for (;;) {
        const csv = await ask(stats, "show stat").catch(() => "");
        const up = csv.split("\n").filter((line) => line.startsWith("accord_instances,") && !line.includes(",BACKEND,") && line.includes(",UP,")).length;
        if (up === count) return;
        if (Date.now() - since > timeoutMs) throw new Error(`HAProxy sees ${up} instances up, not ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async setState(name, state) {
      const answer = (await ask(stats, `set server accord_instances/${name} state ${state}`)).trim();
      if (answer !== "") throw new Error(`HAProxy refused to set ${name} to ${state}: ${answer}`);
    },
    async stop() {
      process.removeListener("exit", kill);
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}
