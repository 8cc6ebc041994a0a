/**
 * The hub's load alone, without sockets or auth: times CollabDocument
 * construction (server/collab/document.ts) straight against a prepared SQLite
 * file through the real store (db/collab-store.ts), before and after
 * compaction, beside Yjs decoding the same state from one buffer (the floor).
 *
 * node --expose-gc build/bench/cold-load-direct.js <db> <docName> <repeats>
 * Prints one JSON object on stdout. Compacts the document in that file.
 */
import * as Y from "yjs";
import { CollabLog } from "../db/collab-log";
import { createSqliteCollabStore } from "../db/collab-store";
import { openSqlite } from "../db/connection";
import { CollabDocument } from "../server/collab/document";
import { summarise } from "./lib/stats";

const [dbPath, docName, repeatArg] = process.argv.slice(2);
const repeats = Number(repeatArg ?? 5);
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
const hooks = { relay() {} };

function time(fn: () => void): number {
  collect();
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const handle = openSqlite(dbPath);
const store = createSqliteCollabStore(handle);
const log = new CollabLog({ file: dbPath, db: handle.db });

const pending = await store.pendingCount(docName);
const readOnly: number[] = [];
const uncompacted: number[] = [];
for (let i = 0; i < repeats; i += 1) {
  readOnly.push(time(() => void store.loadNow(docName)));
  let doc: CollabDocument | null = null;
  uncompacted.push(time(() => (doc = new CollabDocument(docName, store.loadNow(docName), log, hooks)).build()));
  (doc as CollabDocument | null)?.destroy();
}

const loaded = new CollabDocument(docName, store.loadNow(docName), log, hooks);
loaded.build();
const encodeMs = time(() => void Y.encodeStateAsUpdate(loaded.ydoc));
// Timed to the commit of the compaction on the log's writer thread.
const compactStarted = performance.now();
await loaded.compact();
const compactMs = performance.now() - compactStarted;
const state = Y.encodeStateAsUpdate(loaded.ydoc);
loaded.destroy();

const compacted: number[] = [];
const compactedRead: number[] = [];
const floor: number[] = [];
for (let i = 0; i < repeats; i += 1) {
  compactedRead.push(time(() => void store.loadNow(docName)));
  let doc: CollabDocument | null = null;
  compacted.push(time(() => (doc = new CollabDocument(docName, store.loadNow(docName), log, hooks)).build()));
  (doc as CollabDocument | null)?.destroy();
  const bare = new Y.Doc();
  floor.push(time(() => Y.applyUpdate(bare, state)));
  bare.destroy();
}

console.log(
  JSON.stringify({
    docName,
    storedUpdates: pending,
    stateBytes: state.byteLength,
    uncompacted: { construct: summarise(uncompacted), sqlRead: summarise(readOnly) },
    compactMs,
    encodeStateMs: encodeMs,
    compacted: { construct: summarise(compacted), sqlRead: summarise(compactedRead) },
    yjsFloor: summarise(floor),
  }),
);
await log.close();
store.close();
await handle.close();
