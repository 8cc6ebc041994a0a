import * as Y from "yjs";
import { conferenceDocName } from "../../test/helpers/collab";
import { withDb } from "../../test/helpers/db";
import { appendTypingUpdates, copyDb, docNameOf, prng } from "../lib/fixtures";
import { LeanReader, LeanWriter, openSocket, type SocketTarget } from "../lib/lean-client";
import { LAN, SERIES, startAccord } from "../lib/servers";
import { median, ratio, round } from "../lib/stats";
import { sleep, type Log } from "../lib/util";

// What storing who wrote what (decision 0028) costs: the cold load of a large
// document through the hub with attribution on and off, alternating in the
// same run, and the storage attribution adds per 10,000 edits typed through
// the hub as a person types (one character per update, some deletions).
// Its cost on propagation is measured in the propagation section (a second
// Accord server with COLLAB_ATTRIBUTION=off beside the first).

export interface AttributionOptions {
  templateDb: string;
  coldLoadSize: number;
  /** Cold loads per setting, alternating on and off. */
  coldRuns: number;
  typedEdits: number;
}

async function coldSync(target: SocketTarget) {
  const opened = performance.now();
  const ws = await openSocket(target);
  const reader = new LeanReader(ws, "yjs");
  await reader.whenSynced(180_000);
  const took = reader.syncedAt - opened;
  await reader.close();
  return took;
}

/** Types `count` edits through the hub as one person would, in small bursts, and waits until all are stored. */
async function typeThrough(writer: LeanWriter, count: number) {
  const random = prng(11);
  const texts: Y.Text[] = [];
  for (const item of writer.doc.getMap<Y.Map<unknown>>("agenda").values()) {
    const title = item.get("title");
    if (title instanceof Y.Text) texts.push(title);
  }
  let text = texts[0];
  let cursor = text.length;
  for (let i = 0; i < count; i += 1) {
    if (i % 200 === 0) {
      text = random.pick(texts);
      cursor = text.length;
      // Keep titles short: the schema bounds them, and a person rewrites rather than appends for ever.
      if (text.length > 200) {
        text.delete(0, text.length - 20);
        cursor = text.length;
      }
    }
    const roll = random.next();
    if (roll < 0.1 && text.length > 0) {
      const at = random.int(text.length);
      text.delete(at, 1);
      if (cursor > at) cursor -= 1;
    } else {
      cursor = Math.min(cursor, text.length);
      text.insert(cursor, random.pick([..."abcdefghijklmnopqrstuvwxyz   "]));
      cursor += 1;
    }
    if (i % 50 === 49) await sleep(5);
  }
}

function tableBytes(dbPath: string, table: string): { rows: number; payloadBytes: number; pageBytes: number | null } {
  return withDb(dbPath, (db) => {
    const rows = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const payload = table === "collab_deletions" ? (db.prepare("SELECT coalesce(sum(length(ranges)), 0) AS n FROM collab_deletions").get() as { n: number }).n : 0;
    let pageBytes: number | null = null;
    try {
      pageBytes = (db.prepare("SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name = ? OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = ? AND type = 'index')").get(table, table) as { n: number }).n;
    } catch {
      pageBytes = null;
    }
    return { rows, payloadBytes: payload, pageBytes };
  });
}

export async function runAttribution(options: AttributionOptions, log: Log) {
  // ---- storage per 10,000 typed edits -------------------------------------
  const accord = await startAccord({ dbPath: copyDb(options.templateDb, "attribution-storage.db") });
  let storage;
  try {
    const { docName } = await conferenceDocName(accord.clients.get(LAN)!, SERIES, 18);
    const writer = await LeanWriter.connect({ url: `ws://127.0.0.1:${accord.server.port}/collab/${docName}`, headers: { cookie: accord.cookie(LAN), origin: accord.server.url } }, new Y.Doc(), "yjs");
    const started = performance.now();
    await typeThrough(writer, options.typedEdits);
    await writer.close();
    // Unloading stores and compacts; the server's own shutdown waits for both.
    await accord.stop();
    const dbPath = accord.server.dbPath;
    const clients = tableBytes(dbPath, "collab_clients");
    const deletions = tableBytes(dbPath, "collab_deletions");
    const document = withDb(dbPath, (db) => (db.prepare("SELECT coalesce(sum(length(data)), 0) AS n FROM collab_snapshots WHERE doc_name = ?").get(docName) as { n: number }).n);
    const per10k = (bytes: number | null) => (bytes === null ? null : round((bytes * 10_000) / options.typedEdits, 0));
    storage = {
      edits: options.typedEdits,
      typedInMs: round(performance.now() - started, 0),
      clientBindings: clients.rows,
      deletionRows: deletions.rows,
      deletionPayloadBytesPer10k: per10k(deletions.payloadBytes),
      attributionPageBytesPer10k: per10k(clients.pageBytes !== null && deletions.pageBytes !== null ? clients.pageBytes + deletions.pageBytes : null),
      compactedDocumentBytes: document,
    };
    log(`attribution storage: ${JSON.stringify(storage)}`);
  } finally {
    await accord.stop().catch(() => undefined);
  }

  // ---- cold load, attribution on and off ------------------------------------
  const prepared = copyDb(options.templateDb, "attribution-cold.db");
  const docName = docNameOf(prepared, SERIES, 18);
  appendTypingUpdates(prepared, docName, options.coldLoadSize, 5);
  const times: Record<"on" | "off", number[]> = { on: [], off: [] };
  for (let run = 0; run < options.coldRuns; run += 1) {
    for (const mode of run % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const)) {
      const server = await startAccord({ dbPath: copyDb(prepared, `attribution-cold-${mode}.db`), env: { COLLAB_ATTRIBUTION: mode } });
      try {
        times[mode].push(await coldSync({ url: `ws://127.0.0.1:${server.server.port}/collab/${docName}`, headers: { cookie: server.cookie(LAN), origin: server.server.url } }));
      } finally {
        await server.stop();
      }
    }
  }
  const cold = {
    size: options.coldLoadSize,
    runs: options.coldRuns,
    onMedianMs: round(median(times.on), 1),
    offMedianMs: round(median(times.off), 1),
    ratio: ratio(median(times.on), median(times.off)),
    samples: times,
  };
  log(`attribution cold load ${options.coldLoadSize}: on ${cold.onMedianMs} ms, off ${cold.offMedianMs} ms (ratio ${String(cold.ratio)})`);
  return {
    method:
      "Storage: one secretariat types through the hub (one character per update, 10% deletions, in bursts of 50), then the server stops (stores and compacts); " +
      "the attribution tables' pages (SQLite dbstat, with their indexes) are scaled to 10,000 edits. Cold load: a document with the given number of stored " +
      "typing updates, opened by a secretariat on a freshly started server (socket open → first sync answered), attribution on and off alternating, median of the runs.",
    storage,
    coldLoad: cold,
  };
}
