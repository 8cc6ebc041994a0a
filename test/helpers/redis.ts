import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/**
 * A throwaway redis-server (Debian's `redis-server`) on a free loopback port,
 * holding nothing on disk; stop() ends it, and so does the end of the test
 * process. restart() stops it and starts it again on the same port, empty,
 * as a Redis restart in production would be.
 */
export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it for a while (down()), then starts it again on the same port (up()). */
  down(): Promise<void>;
  up(): Promise<void>;
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

async function accepting(port: number, timeoutMs = 10_000) {
  const started = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - started > timeoutMs) throw new Error(`redis-server did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const kill = () => child?.kill("SIGKILL");
  process.once("exit", kill);
  const launch = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], {
      stdio: "ignore",
    });
    await accepting(port);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGTERM");
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      process.removeListener("exit", kill);
      await stop();
    },
    async restart() {
      await stop();
      await launch();
    },
    down: stop,
    up: launch,
  };
}
