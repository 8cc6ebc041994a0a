// Bundles the Node process (server/) and the command line into build/server/.
// npm packages stay external; our own TypeScript (server/, app/models, db/) is bundled.
import { build } from "esbuild";

const quiet = process.argv.includes("--quiet");
await build({
  // The collaboration log's writer runs on a thread of its own, from its own file.
  entryPoints: { index: "server/index.ts", main: "server/main.ts", cli: "server/cli.ts", "collab-log-writer": "db/collab-log-writer.worker.ts" },
  outdir: "build/server",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: quiet ? "error" : "info",
});
