import * as Y from "yjs";
import { agendaOf } from "../../app/collab/conference-doc";
import { conferenceDocName, loadStoredDoc, until } from "../../test/helpers/collab";
import { withDb } from "../../test/helpers/db";
import { copyDb } from "../lib/fixtures";
import { agendaItemIds, LeanReader, LeanWriter, MarkerEditor, readNumberAt, type SocketTarget } from "../lib/lean-client";
import { HUNG, LAN, SERIES, startAccord, startRelay, ZHANG } from "../lib/servers";
import { ratio, round, summarise, type Summary } from "../lib/stats";
import { inBatches, within, type Log } from "../lib/util";

export interface ThroughputOptions {
  editors: number;
  /** Seconds of editing per system, split into `segments` alternating segments. */
  seconds: number;
  segments: number;
  templateDb: string;
  /** Extra server environment (e.g. for profiling); the benchmark itself sets none. */
  accordEnv?: Record<string, string>;
}

interface Side {
  name: "accord" | "bare";
  editors: LeanWriter[];
  markers: MarkerEditor[];
  observer: LeanReader;
  /** Resolvers of each editor's edit in flight, by editor. */
  waiting: Map<number, { seq: number; t0: number; resolve: () => void }>;
  confirmed: number;
  latencies: number[];
  editingMs: number;
  storedRows: number;
  /** Edits each editor made (each is one update). */
  made: number[];
}

const MARK = Buffer.from("#T");

function observe(side: () => Side) {
  return (data: Buffer, at: number) => {
    const index = data.indexOf(MARK);
    if (index < 0) return;
    const editor = readNumberAt(data, index + MARK.length);
    const seq = readNumberAt(data, editor.end + 1).value;
    const s = side();
    const waiting = s.waiting.get(editor.value);
    if (!waiting || waiting.seq !== seq) return;
    s.waiting.delete(editor.value);
    s.latencies.push(at - waiting.t0);
    waiting.resolve();
  };
}

/** Rows ever appended to collab_updates (AUTOINCREMENT keeps counting across compaction's deletes). */
function appendedRows(dbPath: string): number {
  return withDb(dbPath, (db) => {
    const row = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'collab_updates'").get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  });
}

function agendaJson(doc: Y.Doc): string {
  return JSON.stringify({ agenda: agendaOf(doc).toJSON(), actions: doc.getMap("actions").toJSON() });
}

/**
 * 50 lean y-websocket clients edit one conference document as fast as the server confirms: each editor
 * makes an edit, waits until an observer socket receives it from the server
 * (for Accord that is after it is stored), and makes the next one. Accord and
 * the bare relay take turns in segments; at the end every client and (for
 * Accord) the stored document must be equal.
 */
export async function runThroughput(options: ThroughputOptions, log: Log) {
  const accord = await startAccord({ dbPath: copyDb(options.templateDb), env: options.accordEnv });
  const bare = await startRelay("bare");
  const closers: (() => Promise<void>)[] = [];
  try {
    const { docName } = await conferenceDocName(accord.clients.get(LAN)!, SERIES, 18);
    const accordTarget = (email: string): SocketTarget => ({
      url: `ws://127.0.0.1:${accord.server.port}/collab/${docName}`,
      headers: { cookie: accord.cookie(email), origin: accord.server.url },
    });
    const bareTarget: SocketTarget = { url: `ws://127.0.0.1:${bare.port}/collab/${docName}`, headers: {} };

    // The bare relay starts empty: a writer uploads Accord's state, then leaves once the editors have it.
    const seedDoc = new Y.Doc();
    const fetcher = await LeanWriter.connect(accordTarget(LAN), seedDoc, "yjs");
    await fetcher.close();
    const items = agendaItemIds(seedDoc);
    const seeder = await LeanWriter.connect(bareTarget, seedDoc, "yjs");

    const makeSide = async (name: Side["name"]): Promise<Side> => {
      const initial = Y.encodeStateAsUpdate(seedDoc);
      const editors = await inBatches(
        Array.from({ length: options.editors }, (_, i) => i),
        10,
        async (i) => {
          const doc = new Y.Doc();
          const target = name === "accord" ? accordTarget(i % 2 === 0 ? LAN : ZHANG) : bareTarget;
          const editor = await LeanWriter.connect(target, doc, "yjs", true);
          closers.push(() => editor.close());
          // The bare relay's copy came from the seeder; make sure this editor has the agenda.
          if (agendaOf(doc).size === 0) Y.applyUpdate(doc, initial);
          return editor;
        },
      );
      const side: Side = {
        name,
        editors,
        markers: editors.map((c, i) => new MarkerEditor(c.doc, items[i % items.length])),
        observer: null as unknown as LeanReader,
        waiting: new Map(),
        confirmed: 0,
        latencies: [],
        editingMs: 0,
        storedRows: 0,
        made: new Array<number>(options.editors).fill(0),
      };
      side.observer = await LeanReader.connect(name === "accord" ? accordTarget(HUNG) : bareTarget, "yjs", observe(() => side));
      closers.push(() => side.observer.close());
      return side;
    };
    const sides = [await makeSide("accord"), await makeSide("bare")];
    await seeder.close();

    const segmentMs = (options.seconds * 1000) / options.segments;
    const seqs = new Array<number>(options.editors).fill(0);
    for (let segment = 0; segment < options.segments; segment += 1) {
      for (const side of sides) {
        const rowsBefore = side.name === "accord" ? appendedRows(accord.server.dbPath) : 0;
        const started = performance.now();
        const deadline = started + segmentMs;
        let confirmed = 0;
        let lost = 0;
        await Promise.all(
          side.markers.map(async (marker, e) => {
            while (performance.now() < deadline) {
              const seq = ++seqs[e];
              let resolve = () => {};
              const done = new Promise<void>((r) => {
                resolve = r;
              });
              side.waiting.set(e, { seq, t0: performance.now(), resolve });
              marker.edit(`#T${e}.${seq};`);
              side.made[e] += 1;
              if (await within(done, 30_000)) confirmed += 1;
              else lost += 1;
            }
          }),
        );
        side.editingMs += performance.now() - started;
        side.confirmed += confirmed;
        if (side.name === "accord") side.storedRows += appendedRows(accord.server.dbPath) - rowsBefore;
        log(`throughput ${side.name} segment ${segment + 1}/${options.segments}: ${confirmed} edits confirmed${lost ? `, ${lost} not` : ""}`);
      }
    }

    // Convergence. Every editor must have received every other editor's update
    // (counted for all 50); a sample of editors then applies what it kept and
    // must equal the others in the sample and, for Accord, the stored document.
    const convergence: Record<string, { allReceived: boolean; sampleEqual: boolean; sampled: number; stored?: boolean }> = {};
    for (const side of sides) {
      const total = side.made.reduce((sum, n) => sum + n, 0);
      let allReceived = true;
      try {
        await until(() => side.editors.every((c, e) => c.deferredCount === total - side.made[e]), `${side.name} editors to receive every update`, 30_000);
      } catch {
        allReceived = false;
      }
      const sample = [...new Set([0, 12, 25, 37, side.editors.length - 1].filter((i) => i < side.editors.length))].map((i) => side.editors[i]);
      for (const editor of sample) editor.applyDeferred();
      const vector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc));
      const reference = vector(sample[0].doc);
      const json = agendaJson(sample[0].doc);
      const entry: (typeof convergence)[string] = {
        allReceived,
        sampleEqual: sample.every((c) => vector(c.doc).equals(reference) && agendaJson(c.doc) === json),
        sampled: sample.length,
      };
      if (side.name === "accord") {
        const stored = loadStoredDoc(accord.server.dbPath, docName);
        entry.stored = agendaJson(stored) === json && vector(stored).equals(reference);
        stored.destroy();
      }
      convergence[side.name] = entry;
    }

    const [a, b] = sides;
    const perSecond = (side: Side) => round((side.confirmed / side.editingMs) * 1000, 1);
    const result = {
      method:
        `${options.editors} lean y-websocket clients in the benchmark process (handshake, then updates), one document; each editor replaces its own marker in an agenda title, ` +
        "then waits until an observer socket receives that edit from the server before the next (closed loop, one edit in flight per editor). " +
        `Accord and the bare relay take turns in ${options.segments} segments, ${options.seconds} s each in total. ` +
        "Stored = rows appended to collab_updates during Accord's segments (sqlite_sequence, as compaction deletes folded rows). " +
        "Editors keep the updates they receive and apply them only after the run: every editor must have received every other editor's update, " +
        "and a sample of 5 editors, once they apply them, must equal each other and the stored document; " +
        "the client side still parses every fanned-out message in this one process, on the same 2 cores as the server.",
      editors: options.editors,
      seconds: options.seconds,
      accord: {
        confirmedEdits: a.confirmed,
        editsPerSecond: perSecond(a),
        storedRows: a.storedRows,
        storedPerSecond: round((a.storedRows / a.editingMs) * 1000, 1),
        confirmLatency: summarise(a.latencies) as Summary,
        converged: convergence.accord,
      },
      bare: {
        confirmedEdits: b.confirmed,
        editsPerSecond: perSecond(b),
        confirmLatency: summarise(b.latencies) as Summary,
        converged: convergence.bare,
      },
      ratio: ratio(perSecond(a), perSecond(b)),
    };
    log(`throughput: accord ${result.accord.editsPerSecond}/s (stored ${result.accord.storedPerSecond}/s), bare ${result.bare.editsPerSecond}/s`);
    return result;
  } finally {
    await Promise.allSettled(closers.map((close) => close()));
    await Promise.allSettled([accord.stop(), bare.stop()]);
  }
}
