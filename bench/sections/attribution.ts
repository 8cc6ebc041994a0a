import * as Y from "yjs";
import { encodeDeleteRanges } from "../../app/collab/delete-ranges";
import { conferenceDocName, loadStoredDoc } from "../../test/helpers/collab";
import { withDb } from "../../test/helpers/db";
import { appendTypingUpdates, copyDb, docNameOf, prng } from "../lib/fixtures";
import { agendaItemIds, LeanReader, LeanWriter, MarkerEditor, openSocket, readNumberAt, type SocketTarget } from "../lib/lean-client";
import { HUNG, LAN, SERIES, startAccord, ZHANG, type AccordServer } from "../lib/servers";
import { median, percentile, ratio, round } from "../lib/stats";
import { inBatches, sleep, within, type Log } from "../lib/util";

// What storing who wrote what (decision 0028) costs: the cold load of a large
// document through the hub with attribution on and off, alternating in the
// same run, and the storage attribution adds per 10,000 edits typed through
// the hub as a person types (one character per update, some deletions).
// Its cost on propagation: two servers, one with attribution and one without,
// the same readers and edits, in interleaved rounds; each round's p99 is taken
// and the medians of those are compared, so that one noisy moment on a shared
// machine moves one round, not the verdict.

export interface AttributionOptions {
  templateDb: string;
  coldLoadSize: number;
  /** Cold loads per setting, alternating on and off. */
  coldRuns: number;
  typedEdits: number;
  propagation: { readers: number; rounds: number; editsPerRound: number; warmup: number; gapMs: number };
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

/**
 * What attribution would have stored for the typed updates of the cold-load
 * document: the typist's client bound to them, and one deletion row per
 * update that deleted something (as the hub stores them, decision 0028).
 */
function addAttributionRows(dbPath: string, docName: string) {
  withDb(dbPath, (db) => {
    const user = db.prepare("SELECT id FROM users WHERE email = ?").get(LAN) as { id: string };
    const rows = db.prepare("SELECT data, created_at FROM collab_updates WHERE doc_name = ? ORDER BY id").all(docName) as { data: Buffer; created_at: string }[];
    const bind = db.prepare("INSERT OR IGNORE INTO collab_clients (doc_name, client_id, user_id, relayed, first_at) VALUES (?, ?, ?, 0, ?)");
    const deletion = db.prepare("INSERT INTO collab_deletions (doc_name, user_id, ranges, created_at) VALUES (?, ?, ?, ?)");
    db.transaction(() => {
      for (const row of rows) {
        const decoded = Y.decodeUpdate(new Uint8Array(row.data));
        for (const struct of decoded.structs) bind.run(docName, struct.id.client, user.id, row.created_at);
        const ranges = encodeDeleteRanges(decoded.ds as unknown as Parameters<typeof encodeDeleteRanges>[0]);
        if (ranges) deletion.run(docName, user.id, Buffer.from(ranges), row.created_at);
      }
    })();
  });
}

const MARK = Buffer.from("#A");
/** The same client id for both writers, so that their edits are the same bytes. */
const WRITER_CLIENT_ID = 1_234_567_893;

interface PropagationSide {
  mode: "on" | "off";
  editor: MarkerEditor;
  writer: LeanWriter;
  readers: LeanReader[];
  pending: { seq: number; t0: number; got: number; lat: number[]; done: () => void } | null;
  seq: number;
  roundP99: number[];
  all: number[];
}

/** One writer and N readers on each server; rounds of edits alternate between them, the first server alternating too. */
async function propagationOnOff(servers: Record<"on" | "off", AccordServer>, docName: string, options: AttributionOptions["propagation"], log: Log) {
  const target = (server: AccordServer, email: string): SocketTarget => ({
    url: `ws://127.0.0.1:${server.server.port}/collab/${docName}`,
    headers: { cookie: server.cookie(email), origin: server.server.url },
  });
  const sides: PropagationSide[] = [];
  try {
    for (const mode of ["on", "off"] as const) {
      const doc = new Y.Doc();
      doc.clientID = WRITER_CLIENT_ID;
      const writer = await LeanWriter.connect(target(servers[mode], LAN), doc, "yjs");
      const side: PropagationSide = { mode, editor: new MarkerEditor(doc, agendaItemIds(doc)[0]), writer, readers: [], pending: null, seq: 0, roundP99: [], all: [] };
      side.readers = await inBatches(
        Array.from({ length: options.readers }, (_, i) => i),
        25,
        (i) =>
          LeanReader.connect(target(servers[mode], i % 2 === 0 ? ZHANG : HUNG), "yjs", (data, at) => {
            const index = data.indexOf(MARK);
            const pending = side.pending;
            if (index < 0 || !pending || readNumberAt(data, index + MARK.length).value !== pending.seq) return;
            pending.lat.push(at - pending.t0);
            pending.got += 1;
            if (pending.got === options.readers) pending.done();
          }),
      );
      sides.push(side);
    }
    const edit = async (side: PropagationSide) => {
      const seq = ++side.seq;
      let done = () => {};
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      side.pending = { seq, t0: performance.now(), got: 0, lat: [], done };
      side.editor.edit(`#A${seq}.`);
      await within(finished, 10_000);
      const lat = side.pending.lat;
      side.pending = null;
      await sleep(options.gapMs);
      return lat;
    };
    for (const side of sides) for (let i = 0; i < options.warmup; i += 1) await edit(side);
    for (let round = 0; round < options.rounds; round += 1) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const lat: number[] = [];
        for (let i = 0; i < options.editsPerRound; i += 1) lat.push(...(await edit(side)));
        side.roundP99.push(percentile(Float64Array.from(lat).sort() as unknown as number[], 99));
        side.all.push(...lat);
      }
    }
  } finally {
    for (const side of sides) await Promise.all([side.writer.close(), ...side.readers.map((reader) => reader.close())]);
  }
  const [on, off] = sides;
  const p = (samples: number[], q: number) => round(percentile(Array.from(Float64Array.from(samples).sort()), q), 2);
  const result = {
    readers: options.readers,
    rounds: options.rounds,
    editsPerRound: options.editsPerRound,
    on: { medianRoundP99: round(median(on.roundP99), 2), p50: p(on.all, 50), p99: p(on.all, 99), roundP99: on.roundP99.map((v) => round(v, 2)) },
    off: { medianRoundP99: round(median(off.roundP99), 2), p50: p(off.all, 50), p99: p(off.all, 99), roundP99: off.roundP99.map((v) => round(v, 2)) },
    /** On ÷ off, median of the rounds' p99. */
    ratioP99: ratio(median(on.roundP99), median(off.roundP99)),
    /** On ÷ off, p99 of every arrival pooled. */
    ratioPooledP99: ratio(p(on.all, 99), p(off.all, 99)),
    ratioP50: ratio(p(on.all, 50), p(off.all, 50)),
  };
  log(`attribution propagation, ${options.readers} readers: p99 median of rounds on ${result.on.medianRoundP99} ms, off ${result.off.medianRoundP99} ms (${String(result.ratioP99)}); pooled ${String(result.ratioPooledP99)}`);
  return result;
}

export async function runAttribution(options: AttributionOptions, log: Log) {
  // ---- storage per 10,000 typed edits -------------------------------------
  const accord = await startAccord({ dbPath: copyDb(options.templateDb, "attribution-storage.db") });
  let storage;
  try {
    const { docName } = await conferenceDocName(accord.clients.get(LAN)!, SERIES, 18);
    const writer = await LeanWriter.connect({ url: `ws://127.0.0.1:${accord.server.port}/collab/${docName}`, headers: { cookie: accord.cookie(LAN), origin: accord.server.url } }, new Y.Doc(), "yjs");
    const started = performance.now();
    let closedEarly: number | null = null;
    writer.ws.once("close", (code: number) => (closedEarly = code));
    await typeThrough(writer, options.typedEdits);
    const typedWhileOpen = closedEarly === null;
    await writer.close();
    // Unloading stores and compacts; the server's own shutdown waits for both.
    await accord.stop();
    const dbPath = accord.server.dbPath;
    const clients = tableBytes(dbPath, "collab_clients");
    const deletions = tableBytes(dbPath, "collab_deletions");
    // Every typed edit must be in storage, or the figures below are per fewer edits than they say.
    const stored = loadStoredDoc(dbPath, docName);
    const storedAll = typedWhileOpen && Buffer.from(Y.encodeStateVector(stored)).equals(Buffer.from(Y.encodeStateVector(writer.doc)));
    stored.destroy();
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
      storedAll,
    };
    log(`attribution storage: ${JSON.stringify(storage)}`);
  } finally {
    await accord.stop().catch(() => undefined);
  }

  // ---- propagation, attribution on and off --------------------------------
  const servers = {
    on: await startAccord({ dbPath: copyDb(options.templateDb, "attribution-on.db"), env: { COLLAB_ATTRIBUTION: "on" } }),
    off: await startAccord({ dbPath: copyDb(options.templateDb, "attribution-off.db"), env: { COLLAB_ATTRIBUTION: "off" } }),
  };
  let propagation;
  try {
    const { docName } = await conferenceDocName(servers.on.clients.get(LAN)!, SERIES, 18);
    propagation = await propagationOnOff(servers, docName, options.propagation, log);
  } finally {
    await Promise.allSettled([servers.on.stop(), servers.off.stop()]);
  }

  // ---- cold load, attribution on and off ------------------------------------
  // "Off" is the document as it was before attribution: its typed updates
  // only. "On" holds what attribution stores beside them, read by a server
  // that stores it.
  const prepared = copyDb(options.templateDb, "attribution-cold.db");
  const docName = docNameOf(prepared, SERIES, 18);
  appendTypingUpdates(prepared, docName, options.coldLoadSize, 5);
  const preparedOn = copyDb(prepared, "attribution-cold-with-rows.db");
  addAttributionRows(preparedOn, docName);
  const times: Record<"on" | "off", number[]> = { on: [], off: [] };
  for (let run = 0; run < options.coldRuns; run += 1) {
    // on, off, off, on, on, off…: each setting goes first as often as the other.
    for (const mode of run % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const)) {
      const server = await startAccord({ dbPath: copyDb(mode === "on" ? preparedOn : prepared, `attribution-cold-${mode}.db`), env: { COLLAB_ATTRIBUTION: mode } });
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
      "typing updates (with attribution: also the attribution rows they would have stored), opened by a secretariat on a freshly started server " +
      "(socket open → first sync answered), attribution on and off alternating which goes first, median of the runs. Propagation: a server with attribution and one without, " +
      "each with one writer and N lean readers; rounds of edits alternate between them (which goes first alternating too); each round's p99 over every reader's arrival, " +
      "and the ratio of the medians of those p99s (the pooled p99 ratio beside it).",
    storage,
    propagation,
    coldLoad: cold,
  };
}
