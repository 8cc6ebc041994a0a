// `npm run bench`: builds the app when its build is missing or older than its
// sources, then bundles the benchmark scripts (bench/*.ts) into build/bench/.
// npm packages stay external, as in scripts/build-server.mjs; our own
// TypeScript (bench/, test/helpers, server/, db/, app/) is bundled.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
// Arguments after `npm run bench --` reach build/bench/run.js, not this script.
const skipAppBuild = process.env.BENCH_SKIP_APP_BUILD === "1";
const staleMarker = path.join(root, "build/bench/stale-app-build.txt");
mkdirSync(path.dirname(staleMarker), { recursive: true });
rmSync(staleMarker, { force: true });

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function appBuildIsCurrent() {
  const outputs = ["build/index.js", "build/server/index.js"].map((f) => path.join(root, f));
  if (!outputs.every((f) => existsSync(f))) return false;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const sources = Math.max(
    ...["app", "server", "db"].map((d) => newestMtime(path.join(root, d))),
    ...["remix.config.js", "package-lock.json"].map((f) => (existsSync(path.join(root, f)) ? statSync(path.join(root, f)).mtimeMs : 0)),
  );
  return sources <= built;
}

if (skipAppBuild) {
  console.log("bench: BENCH_SKIP_APP_BUILD=1, using the existing app build");
} else if (appBuildIsCurrent()) {
  console.log("bench: the app build is current");
} else {
  console.log("bench: building the app (npm run build)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) {
    if (existsSync(path.join(root, "build/server/index.js")) && existsSync(path.join(root, "build/index.js"))) {
      console.warn("bench: npm run build failed; measuring the previous build (see the warning in the results)");
      writeFileSync(staleMarker, `npm run build failed at ${new Date().toISOString()}; the previous build was measured\n`);
    } else {
      process.exit(result.status ?? 1);
    }
  }
}

await build({
  entryPoints: {
    run: "bench/run.ts",
    "bare-relay": "bench/bare-relay.ts",
    "raw-broadcast": "bench/raw-broadcast.ts",
    "cold-load-direct": "bench/cold-load-direct.ts",
    "collab-log-writer": "db/collab-log-writer.worker.ts",
  },
  absWorkingDir: root,
  outdir: "build/bench",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "error",
});

// The heap probe is preloaded into servers with --require, so it is CommonJS.
await build({
  entryPoints: ["bench/heap-probe.ts"],
  absWorkingDir: root,
  outfile: "build/bench/heap-probe.cjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  logLevel: "error",
});
// Synchronous queries on PostgreSQL (test/helpers/db.ts) run on this worker, found beside the bundle.
copyFileSync(path.join(root, "test/helpers/pg-sync-worker.mjs"), path.join(root, "build/bench/pg-sync-worker.mjs"));
console.log("bench: bundled bench/*.ts into build/bench/");
