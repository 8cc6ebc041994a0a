/*
 * The process starts here. React and Remix pick their production or
 * development code when they are first imported, and static imports run before
 * any statement of the module that imports them: so the mode is settled here,
 * and everything else is loaded after it.
 */
process.env.NODE_ENV ??= "production";

// A path esbuild does not follow: main.js is bundled as an entry of its own.
const main = new URL("./main.js", import.meta.url).href;
await import(main);

export {};
