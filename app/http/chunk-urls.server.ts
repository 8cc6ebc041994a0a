import { readFileSync } from "node:fs";

// Where the compiler put the chunk of a module that pages load with import()
// (a catalog, the rich-text editor), so that a page can name it in a
// <link rel="modulepreload"> and the browser fetches it with the page's
// other scripts instead of after they have run. Read from the metafile the
// compiler writes beside the server build; without one (tests run from the
// sources) nothing is preloaded and the page still imports what it needs.

let chunks: Map<string, string> | null = null;

function readChunks(): Map<string, string> {
  const found = new Map<string, string>();
  try {
    const metafile = JSON.parse(readFileSync(new URL("./metafile.js.json", import.meta.url), "utf8")) as {
      outputs: Record<string, { entryPoint?: string }>;
    };
    for (const [output, { entryPoint }] of Object.entries(metafile.outputs)) {
      // public/build/_shared/vi-7DFCKWOO.js is served as /build/_shared/vi-7DFCKWOO.js.
      if (entryPoint && output.startsWith("public/build/") && output.endsWith(".js")) found.set(entryPoint, output.slice("public".length));
    }
  } catch {
    // No metafile: nothing to preload.
  }
  return found;
}

/** The URL of the chunk that starts at this source file (`app/i18n/catalogs/vi.ts`), if the build made one. */
export function chunkUrl(source: string): string | null {
  chunks ??= readChunks();
  return chunks.get(source) ?? null;
}
