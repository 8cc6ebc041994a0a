import * as Y from "yjs";
import { copyDb, docNameOf } from "../lib/fixtures";
import { LeanReader, LeanWriter, type SocketTarget } from "../lib/lean-client";
import { HUNG, LAN, SERIES, startAccord, startRelay, ZHANG, type HeapReading, type Probe } from "../lib/servers";
import { ratio, round } from "../lib/stats";
import { inBatches, sleep, type Log } from "../lib/util";

export interface MemoryOptions {
  /** The database with the commitment load; its extra conferences give distinct documents. */
  loadedDb: string;
  docNames: string[];
  idleConnections: number;
  /** Also wait for Accord to unload idle documents and check the heap comes back. */
  unloadCheck: boolean;
}

const KB = 1024;

interface Readings {
  before: HeapReading;
  withConnections: HeapReading;
  afterConnections: HeapReading;
  withDocs: HeapReading;
  afterDocs: HeapReading;
  afterUnload?: HeapReading;
}

function perUnit(readings: Readings, connections: number, docs: number) {
  const d = (a: HeapReading, b: HeapReading, field: keyof HeapReading, n: number) => round(((a[field] as number) - (b[field] as number)) / n / KB, 1);
  const perConnHeap = d(readings.withConnections, readings.before, "heapUsed", connections);
  const perConnExternal = d(readings.withConnections, readings.before, "external", connections);
  const perConnRss = d(readings.withConnections, readings.before, "vmRss", connections);
  const perDocWithConnHeap = d(readings.withDocs, readings.afterConnections, "heapUsed", docs);
  const perDocWithConnRss = d(readings.withDocs, readings.afterConnections, "vmRss", docs);
  return {
    perConnectionKB: { heapUsed: perConnHeap, external: perConnExternal, rss: perConnRss },
    perDocumentKB: {
      heapUsed: round(perDocWithConnHeap - perConnHeap, 1),
      rss: round(perDocWithConnRss - perConnRss, 1),
      withItsConnectionHeapUsed: perDocWithConnHeap,
    },
    heapLeftAfterClosingConnectionsKB: round((readings.afterConnections.heapUsed - readings.before.heapUsed) / KB, 1),
  };
}

async function measure(
  probe: Probe,
  log: Log,
  label: string,
  options: MemoryOptions,
  openIdle: (i: number) => Promise<{ close(): Promise<void> }>,
  openDoc: (docName: string) => Promise<{ close(): Promise<void> }>,
  unloadWaitMs: number | null,
): Promise<Readings> {
  // Warm the code paths first, so that the JIT and caches are not counted per connection.
  const warm = await inBatches(Array.from({ length: 50 }, (_, i) => i), 25, openIdle);
  await Promise.all(warm.map((c) => c.close()));
  await sleep(500);
  const before = await probe.heap();
  const idle = await inBatches(Array.from({ length: options.idleConnections }, (_, i) => i), 25, openIdle);
  await sleep(1000);
  const withConnections = await probe.heap();
  await Promise.all(idle.map((c) => c.close()));
  await sleep(1000);
  const afterConnections = await probe.heap();
  const docs = await inBatches(options.docNames, 10, openDoc);
  await sleep(1000);
  const withDocs = await probe.heap();
  await Promise.all(docs.map((c) => c.close()));
  await sleep(1000);
  const afterDocs = await probe.heap();
  const readings: Readings = { before, withConnections, afterConnections, withDocs, afterDocs };
  if (unloadWaitMs !== null) {
    await sleep(unloadWaitMs);
    readings.afterUnload = await probe.heap();
  }
  log(
    `memory ${label}: heapUsed ${round(before.heapUsed / KB / KB, 1)} MB → ${round(withConnections.heapUsed / KB / KB, 1)} MB with ${options.idleConnections} idle sockets → ` +
      `${round(withDocs.heapUsed / KB / KB, 1)} MB with ${options.docNames.length} documents`,
  );
  return readings;
}

/**
 * Heap (after two full GCs, via the bench-only probe preloaded into each
 * server) and VmRSS (from /proc) per idle connection and per loaded document,
 * Accord's hub beside the bare relay.
 */
export async function runMemory(options: MemoryOptions, log: Log) {
  const UNLOAD_MS = 10_000;
  const accord = await startAccord({
    dbPath: copyDb(options.loadedDb),
    probe: true,
    // Documents stay in memory 10 s after their last socket closes (default 30 s), so the unload check is shorter.
    env: { COLLAB_IDLE_UNLOAD_MS: String(UNLOAD_MS) },
  });
  const bare = await startRelay("bare", { probe: true });
  const anchors: { close(): Promise<void> }[] = [];
  try {
    const idleDoc = docNameOf(options.loadedDb, SERIES, 18);
    const accordTarget = (docName: string, email: string): SocketTarget => ({
      url: `ws://127.0.0.1:${accord.server.port}/collab/${docName}`,
      headers: { cookie: accord.cookie(email), origin: accord.server.url },
    });
    const bareTarget = (docName: string): SocketTarget => ({ url: `ws://127.0.0.1:${bare.port}/collab/${docName}`, headers: {} });

    // Accord's documents come from its database; the bare relay's are uploaded with the same content.
    const stateDoc = new Y.Doc();
    const fetcher = await LeanWriter.connect(accordTarget(idleDoc, LAN), stateDoc, "yjs");
    await fetcher.close();
    const state = Y.encodeStateAsUpdate(stateDoc);
    const seeded = () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      return doc;
    };

    // The idle connections' document stays loaded throughout, held by an anchor socket.
    anchors.push(await LeanReader.connect(accordTarget(idleDoc, LAN), "yjs"));
    anchors.push(await LeanWriter.connect(bareTarget(idleDoc), seeded(), "yjs"));

    const accordReadings = await measure(
      accord.probe!,
      log,
      "accord",
      options,
      (i) => LeanReader.connect(accordTarget(idleDoc, i % 2 === 0 ? ZHANG : HUNG), "yjs"),
      (docName) => LeanReader.connect(accordTarget(docName, LAN), "yjs"),
      options.unloadCheck ? UNLOAD_MS + 4000 : null,
    );
    const bareReadings = await measure(
      bare.probe!,
      log,
      "bare",
      options,
      () => LeanReader.connect(bareTarget(idleDoc), "yjs"),
      (docName) => LeanWriter.connect(bareTarget(docName), seeded(), "yjs"),
      null,
    );
    const a = perUnit(accordReadings, options.idleConnections, options.docNames.length);
    const b = perUnit(bareReadings, options.idleConnections, options.docNames.length);
    const mb = (r: HeapReading) => ({ heapUsedMB: round(r.heapUsed / KB / KB, 2), externalMB: round(r.external / KB / KB, 2), rssMB: round(r.vmRss / KB / KB, 1) });
    const accordDocsIdle = round((accordReadings.afterDocs.heapUsed - accordReadings.afterConnections.heapUsed) / options.docNames.length / KB, 1);
    return {
      method:
        `${options.idleConnections} idle lean y-websocket connections (synced, then silent) to one document held open by another socket; then one connection to each of ` +
        `${options.docNames.length} distinct documents with the same content (conference 18's agenda, ${state.byteLength} bytes of state). ` +
        "Heap = process.memoryUsage().heapUsed after two full GCs, read through a probe preloaded into the server process by the benchmark only " +
        "(NODE_OPTIONS=--expose-gc --require build/bench/heap-probe.cjs; Accord itself does not report its heap). RSS = VmRSS from /proc/<pid>/status. " +
        "Per document = (heap with the documents − heap before) / documents − per connection. 50 connections are opened and closed first to warm up.",
      idleConnections: options.idleConnections,
      documents: options.docNames.length,
      stateBytes: state.byteLength,
      accord: {
        ...a,
        perLoadedDocumentWithoutConnectionsKB: accordDocsIdle,
        heapAfterUnloadMinusBeforeDocsKB: accordReadings.afterUnload
          ? round((accordReadings.afterUnload.heapUsed - accordReadings.afterConnections.heapUsed) / KB, 1)
          : null,
        readings: Object.fromEntries(Object.entries(accordReadings).map(([k, r]) => [k, mb(r as HeapReading)])),
      },
      bare: {
        ...b,
        readings: Object.fromEntries(Object.entries(bareReadings).map(([k, r]) => [k, mb(r as HeapReading)])),
      },
      ratios: {
        perConnectionHeap: ratio(a.perConnectionKB.heapUsed, b.perConnectionKB.heapUsed),
        perConnectionRss: ratio(a.perConnectionKB.rss, b.perConnectionKB.rss),
        perDocumentHeap: ratio(a.perDocumentKB.heapUsed, b.perDocumentKB.heapUsed),
      },
    };
  } finally {
    await Promise.allSettled(anchors.map((c) => c.close()));
    await Promise.allSettled([accord.stop(), bare.stop()]);
  }
}
