// `node scripts/bundle-sizes.mjs [route-id…] [--top=N]`, after `npm run build`:
// the compressed JavaScript each page loads before it hydrates (the entry, the
// route modules of the page and its parents, their shared chunks and the route
// manifest), and what fills it, by package or app folder, from the metafile the
// classic compiler writes to build/metafile.js.json. Chunks fetched later with
// import() are listed apart under "on demand".
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
const buildDir = path.join(root, "public/build");
const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith("--top="))?.slice(6) ?? 8);
const DEFAULT_ROUTES = [
  "routes/login",
  "routes/series.$slug.conferences.$number._index",
  "routes/my.commitments",
  "routes/series.$slug.leader",
];
const routeIds = args.filter((a) => !a.startsWith("--"));

const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
const manifestText = readFileSync(path.join(buildDir, manifestFile), "utf8");
const manifest = JSON.parse(manifestText.slice(manifestText.indexOf("{"), manifestText.lastIndexOf("}") + 1));
const metafile = JSON.parse(readFileSync(path.join(root, "build/metafile.js.json"), "utf8"));

/** Output paths in the metafile are relative to the project; the manifest's are URLs under /build/. */
const outputKey = (url) => path.relative(root, path.join(buildDir, url.replace(/^\/build\//, "")));
const gzCache = new Map();
function gz(url) {
  if (!gzCache.has(url)) gzCache.set(url, gzipSync(readFileSync(path.join(root, outputKey(url)))).length);
  return gzCache.get(url);
}

/** Where a source file belongs: its npm package, or its folder under app/. */
function owner(input) {
  const nm = input.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = input.slice(nm + "node_modules/".length).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const m = /^app\/([^/]+)\/?([^/]*)/.exec(input);
  if (!m) return input;
  return m[2] && !m[2].includes(".") ? `app/${m[1]}/${m[2]}` : m[1].includes(".") ? `app/${m[1]}` : `app/${m[1]}/`;
}

/** Compressed size of each output split by owner, in proportion to the raw bytes each input leaves in it. */
function owners(url, into) {
  const output = metafile.outputs[outputKey(url)];
  if (!output) return;
  const total = Object.values(output.inputs).reduce((s, i) => s + i.bytesInOutput, 0) || 1;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const key = owner(input);
    into.set(key, (into.get(key) ?? 0) + (gz(url) * bytesInOutput) / total);
  }
}

/** Chunks an output reaches only through import(): loaded when the page asks for them. */
function lazyChunks(urls) {
  const eager = new Set(urls.map(outputKey));
  const lazy = new Set();
  const visit = (key, dynamic) => {
    const output = metafile.outputs[key];
    if (!output) return;
    for (const imp of output.imports) {
      if (imp.external) continue;
      const isDynamic = dynamic || imp.kind === "dynamic-import";
      if (isDynamic && !eager.has(imp.path) && !lazy.has(imp.path)) {
        lazy.add(imp.path);
        visit(imp.path, true);
      }
    }
  };
  for (const key of eager) visit(key, false);
  return [...lazy].map((k) => "/build/" + path.relative(buildDir, path.join(root, k)));
}

function pageFiles(routeId) {
  const files = new Set([`/build/${manifestFile}`, manifest.entry.module, ...manifest.entry.imports]);
  for (let id = routeId; id; id = manifest.routes[id].parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`no route ${id}`);
    files.add(route.module);
    for (const i of route.imports ?? []) files.add(i);
  }
  return [...files];
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const id of routeIds.length ? routeIds : DEFAULT_ROUTES) {
  const files = pageFiles(id);
  const total = files.reduce((s, f) => s + gz(f), 0);
  const byOwner = new Map();
  for (const f of files) owners(f, byOwner);
  console.log(`\n${id}: ${kb(total)} gz in ${files.length} files`);
  for (const [name, bytes] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${kb(bytes).padStart(9)}  ${name}`);
  const lazy = lazyChunks(files);
  if (lazy.length) {
    const lazyOwners = new Map();
    for (const f of lazy) owners(f, lazyOwners);
    console.log(`  on demand: ${kb(lazy.reduce((s, f) => s + gz(f), 0))} in ${lazy.length} files`);
    for (const [name, bytes] of [...lazyOwners].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${kb(bytes).padStart(9)}  ${name}`);
  }
}
