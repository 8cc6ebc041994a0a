import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, one
 * server on a free loopback port, databases in the C.UTF-8 collation with
 * `unaccent` and `pg_trgm` enabled. PostgreSQL refuses to run as root, so as
 * root the cluster belongs to the `postgres` user of Debian's package.
 *
 * It goes away however the test run ends: stop() on success, an exit hook on
 * a crash, and a watchdog process that stops it and removes the folder once
 * the process that started it is gone (even after kill -9).
 */
export interface PostgresCluster {
  port: number;
  /** Superuser URL of a database in this cluster. */
  url(database: string): string;
  /** A new empty database (C.UTF-8, unaccent and pg_trgm enabled); returns its URL. */
  createDatabase(name?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const SUPERUSER = "accord";

export function postgresBinDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(base, v, "bin")).find((dir) => existsSync(path.join(dir, "initdb")));
  if (!found) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql postgresql-contrib");
  return found;
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

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program as the cluster's owner. */
function ownerCommand(program: string, args: string[]): [string, string[]] {
  return asRoot() ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
}

let sequence = 0;

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const root = mkdtempSync(path.join(os.tmpdir(), "accord-pg-"));
  const data = path.join(root, "data");
  if (asRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(root, uid, gid);
  }
  const run = (program: string, args: string[]) => {
    const [command, argv] = ownerCommand(path.join(bin, program), args);
    const result = spawnSync(command, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${program} failed (${String(result.status)}): ${result.stdout}\n${result.stderr}`);
  };
  const removeFolder = () => rmSync(root, { recursive: true, force: true });

  try {
    run("initdb", ["-D", data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  } catch (error) {
    removeFolder();
    throw error;
  }
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${root}`,
    "-c max_connections=200",
    // A test cluster lives for one run: what matters is that commits are
    // visible and ordered, not that they survive a power cut.
    "-c fsync=off",
    "-c full_page_writes=off",
    "-c synchronous_commit=on",
  ].join(" ");
  const stopServer = () => {
    const [command, argv] = ownerCommand(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    spawnSync(command, argv, { stdio: "ignore" });
  };
  try {
    run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(root, "server.log"), "-w", "-t", "60", "start"]);
  } catch (error) {
    stopServer();
    removeFolder();
    throw error;
  }

  // A watchdog outlives this process only as long as it takes to clean up after it.
  const ctl = ownerCommand(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const watchdog = spawn(
    "sh",
    [
      "-c",
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${[ctl[0], ...ctl[1]].map(quote).join(" ")} >/dev/null 2>&1; rm -rf ${quote(root)}`,
    ],
    { detached: true, stdio: "ignore" },
  );
  watchdog.unref();

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    stopServer();
    removeFolder();
  };
  process.once("exit", stopNow);

  const url = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  const admin = async <T>(database: string, fn: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  // Every database made from template1 has the extensions already.
  await admin("template1", async (client) => {
    await client.query("CREATE EXTENSION IF NOT EXISTS unaccent");
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
  });

  return {
    port,
    url,
    async createDatabase(name) {
      sequence += 1;
      const database = name ?? `accord_${process.pid}_${sequence}_${Date.now().toString(36)}`;
      if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`invalid database name ${database}`);
      await admin("postgres", (client) =>
        client.query(`CREATE DATABASE ${database} TEMPLATE template1 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`),
      );
      return url(database);
    },
    async dropDatabase(name) {
      if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`invalid database name ${name}`);
      await admin("postgres", (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    async stop() {
      process.removeListener("exit", stopNow);
      stopNow();
      if (watchdog.pid) {
        try {
          process.kill(watchdog.pid);
        } catch {
          // Already gone.
        }
      }
    },
  };
}
