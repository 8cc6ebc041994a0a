import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Builds the app once per run, so that `npm test` works on a fresh clone and
 * never tests a stale build. Integration and e2e share this file; when both run
 * in one process the second call finds the marker and skips.
 * ACCORD_TEST_SKIP_BUILD=1 reuses an existing build while iterating on tests.
 */
export default function setup() {
  if (process.env.ACCORD_TEST_BUILT === "1") return;
  const built = existsSync(path.join(root, "build/server/index.js")) && existsSync(path.join(root, "build/index.js"));
  if (process.env.ACCORD_TEST_SKIP_BUILD === "1" && built) return;
  const result = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`);
  }
  process.env.ACCORD_TEST_BUILT = "1";
}
