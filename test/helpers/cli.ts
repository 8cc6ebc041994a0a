import { spawn } from "node:child_process";
import { ROOT, childEnv } from "./env";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const CLI_TIMEOUT_MS = 45_000;

/** Runs `node build/server/cli.js …args` against the database at databaseUrl. */
export function runCli(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["build/server/cli.js", ...args], {
      cwd: ROOT,
      env: childEnv({ DATABASE_URL: databaseUrl, ...env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    // A hung CLI must fail its test, not outlive the run.
    const timer = setTimeout(() => {
      stderr += `\n[test helper] the CLI did not finish within ${CLI_TIMEOUT_MS} ms and was killed`;
      child.kill("SIGKILL");
    }, CLI_TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  admin?: boolean;
}

/** Provisions a user through the CLI, as an operator would; throws if the CLI refuses. */
export async function addUser(databaseUrl: string, user: NewUser): Promise<void> {
  const args = ["user", "add", "--email", user.email, "--name", user.name, "--password", user.password];
  if (user.admin) args.push("--admin");
  const result = await runCli(databaseUrl, args);
  if (result.code !== 0) throw new Error(`user add failed (${String(result.code)}): ${result.stderr}`);
}

export async function addMember(
  databaseUrl: string,
  grant: { email: string; series: string; agency: string; role: "secretariat" | "delegate" | "observer" },
): Promise<void> {
  const result = await runCli(databaseUrl, [
    "member", "add", "--email", grant.email, "--series", grant.series, "--agency", grant.agency, "--role", grant.role,
  ]);
  if (result.code !== 0) throw new Error(`member add failed (${String(result.code)}): ${result.stderr}`);
}
