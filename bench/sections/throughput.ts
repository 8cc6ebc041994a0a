import { spawnSync } from "node:child_process";
import fs from "node:fs";
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
  /** Concurrent editors, one run of each count. */
  editorCounts: number[];
  /** Seconds of editing per system and editor count, split into `segments` alternating segments. */
  seconds: number;
  segments: number;
  templateDb: string;
  /** Extra server environment (e.g. for profiling); the benchmark itself sets none. */
  accordEnv?: Record<string, string>;
}

interface Side {
  name: "accord" | "bare";
  pid: number;
  editors: LeanWriter[];
  markers: MarkerEditor[];
  observer: LeanReader;
  /** Resolvers of each editor's edit in flight, by editor. */
  waiting: Map<number, { seq: number; t0: number; resolve: () => void }>;
  confirmed: number;
  latencies: number[];
  editingMs: number;
  /** Server CPU (user + system, every thread of the process) spent during this side's segments, in seconds. */
  cpuSeconds: number;
  storedRows: number;
  /** Write system calls (write, writev, pwrite…: syscw of /proc/<pid>/io) the server made during this side's segments. */
  writeCalls: number;
  /** Edits each editor made (each is one update). */
  made: number[];
}

const CLOCK_TICKS = (() => {
  const out = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const ticks = Number(out.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** CPU time a process has used so far (user + system, all its threads), from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Write system calls a process has made so far (syscw in /proc/<pid>/io: write, writev, pwrite…), or NaN where it cannot be read. */
function writeCallsOf(pid: number): number {
  try {
    const match = /^syscw:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/io`, "utf8"));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
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

/** One editor count: its editors and observers on both systems, taking turns in segments. */
async function runEditors(
  options: ThroughputOptions & { editors: number },
  targets: { accord: (email: string) => SocketTarget; bare: SocketTarget },
  servers: { accordPid: number; barePid: number; dbPath: string; docName: string },
  seedDoc: Y.Doc,
  items: string[],
  log: Log,
) {
  const closers: (() => Promise<void>)[] = [];
  try {
    const makeSide = async (name: Side["name"]): Promise<Side> => {
      const initial = Y.encodeStateAsUpdate(seedDoc);
      const editors = await inBatches(
        Array.from({ length: options.editors }, (_, i) => i),
        10,
        async (i) => {
          const doc = new Y.Doc();
          const target = name === "accord" ? targets.accord(i % 2 === 0 ? LAN : ZHANG) : targets.bare;
          const editor = await LeanWriter.connect(target, doc, "yjs", true);
          closers.push(() => editor.close());
          // The bare relay's copy came from the seeder; make sure this editor has the agenda.
          if (agendaOf(doc).size === 0) Y.applyUpdate(doc, initial);
          return editor;
        },
      );
      const side: Side = {
        name,
        pid: name === "accord" ? servers.accordPid : servers.barePid,
        editors,
        markers: editors.map((c, i) => new MarkerEditor(c.doc, items[i % items.length])),
        observer: null as unknown as LeanReader,
        waiting: new Map(),
        confirmed: 0,
        latencies: [],
        editingMs: 0,
        cpuSeconds: 0,
        storedRows: 0,
        writeCalls: 0,
        made: new Array<number>(options.editors).fill(0),
      };
      side.observer = await LeanReader.connect(name === "accord" ? targets.accord(HUNG) : targets.bare, "yjs", observe(() => side));
      closers.push(() => side.observer.close());
      return side;
    };
    const sides = [await makeSide("accord"), await makeSide("bare")];

    const segmentMs = (options.seconds * 1000) / options.segments;
    const seqs = new Array<number>(options.editors).fill(0);
    for (let segment = 0; segment < options.segments; segment += 1) {
      // Which system goes first alternates, so that neither always follows the other's leftovers.
      for (const side of segment % 2 === 0 ? sides : [...sides].reverse()) {
        const rowsBefore = side.name === "accord" ? appendedRows(servers.dbPath) : 0;
        const cpuBefore = cpuSecondsOf(side.pid);
        const writesBefore = writeCallsOf(side.pid);
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
        side.cpuSeconds += cpuSecondsOf(side.pid) - cpuBefore;
        side.writeCalls += writeCallsOf(side.pid) - writesBefore;
        side.confirmed += confirmed;
        if (side.name === "accord") side.storedRows += appendedRows(servers.dbPath) - rowsBefore;
        log(`throughput ${options.editors} editors, ${side.name} segment ${segment + 1}/${options.segments}: ${confirmed} edits confirmed${lost ? `, ${lost} not` : ""}`);
      }
    }

    // Convergence. Every editor must have received every other editor's update;
    // a sample of editors then applies what it kept and must equal the others
    // in the sample and, for Accord, the stored document.
    const convergence: Record<string, { allReceived: boolean; sampleEqual: boolean; sampled: number; stored?: boolean }> = {};
    for (const side of sides) {
      const total = side.made.reduce((sum, n) => sum + n, 0);
      let allReceived = true;
      try {
        await until(() => side.editors.every((c, e) => c.deferredCount === total - side.made[e]), `${side.name} editors to receive every update`, 30_000);
      } catch {
        allReceived = false;
      }
      const last = side.editors.length - 1;
      const sample = [...new Set([0, Math.floor(last / 4), Math.floor(last / 2), Math.floor((3 * last) / 4), last])].map((i) => side.editors[i]);
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
        const stored = loadStoredDoc(servers.dbPath, servers.docName);
        entry.stored = agendaJson(stored) === json && vector(stored).equals(reference);
        stored.destroy();
      }
      convergence[side.name] = entry;
    }

    const [a, b] = sides;
    const perSecond = (side: Side) => round((side.confirmed / side.editingMs) * 1000, 1);
    /** Server CPU seconds per 1,000 confirmed edits. */
    const cpuPerThousand = (side: Side) => round((side.cpuSeconds / Math.max(side.confirmed, 1)) * 1000, 3);
    const row = {
      editors: options.editors,
      accord: {
        confirmedEdits: a.confirmed,
        editsPerSecond: perSecond(a),
        storedRows: a.storedRows,
        storedPerSecond: round((a.storedRows / a.editingMs) * 1000, 1),
        cpuSecondsPer1000: cpuPerThousand(a),
        writeCallsPerEdit: round(a.writeCalls / Math.max(a.confirmed, 1), 2),
        confirmLatency: summarise(a.latencies) as Summary,
        converged: convergence.accord,
      },
      bare: {
        confirmedEdits: b.confirmed,
        editsPerSecond: perSecond(b),
        cpuSecondsPer1000: cpuPerThousand(b),
        writeCallsPerEdit: round(b.writeCalls / Math.max(b.confirmed, 1), 2),
        confirmLatency: summarise(b.latencies) as Summary,
        converged: convergence.bare,
      },
      /** Accord / bare relay, edits per second (higher is better). */
      ratio: ratio(perSecond(a), perSecond(b)),
      /** Accord / bare relay, server CPU per edit (lower is better). */
      cpuRatio: ratio(cpuPerThousand(a), cpuPerThousand(b)),
    };
    log(
      `throughput ${options.editors} editors: accord ${row.accord.editsPerSecond}/s (stored ${row.accord.storedPerSecond}/s, ${row.accord.cpuSecondsPer1000} s CPU per 1,000), ` +
        `bare ${row.bare.editsPerSecond}/s (${row.bare.cpuSecondsPer1000} s CPU per 1,000): ${String(row.ratio)}× the edits, ${String(row.cpuRatio)}× the CPU; ` +
        `write system calls per edit ${String(row.accord.writeCallsPerEdit)} vs ${String(row.bare.writeCallsPerEdit)}`,
    );
    return row;
  } finally {
    await Promise.allSettled(closers.map((close) => close()));
  }
}

/**
 * Lean y-websocket clients edit one conference document as fast as the
 * server confirms, 10, 50 and 100 of them at once: each editor makes an edit,
 * waits until an observer socket receives it from the server (for Accord that
 * is after it is stored), and makes the next one. Accord and the bare relay
 * take turns in segments; each server's CPU time is read from /proc around its
 * own segments. At the end every client and (for Accord) the stored document
 * must be equal.
 */
export async function runThroughput(options: ThroughputOptions, log: Log) {
  const accord = await startAccord({ dbPath: copyDb(options.templateDb), env: options.accordEnv });
  const bare = await startRelay("bare");
  let seeder: LeanWriter | null = null;
  try {
    const { docName } = await conferenceDocName(accord.clients.get(LAN)!, SERIES, 18);
    const accordTarget = (email: string): SocketTarget => ({
      url: `ws://127.0.0.1:${accord.server.port}/collab/${docName}`,
      headers: { cookie: accord.cookie(email), origin: accord.server.url },
    });
    const bareTarget: SocketTarget = { url: `ws://127.0.0.1:${bare.port}/collab/${docName}`, headers: {} };

    // The bare relay starts empty: a writer uploads Accord's state and stays, so the room outlives each editor count.
    const seedDoc = new Y.Doc();
    const fetcher = await LeanWriter.connect(accordTarget(LAN), seedDoc, "yjs");
    await fetcher.close();
    const items = agendaItemIds(seedDoc);
    seeder = await LeanWriter.connect(bareTarget, seedDoc, "yjs", true);

    const rows = [];
    for (const editors of options.editorCounts) {
      rows.push(
        await runEditors(
          { ...options, editors },
          { accord: accordTarget, bare: bareTarget },
          { accordPid: accord.server.pid, barePid: bare.pid, dbPath: accord.server.dbPath, docName },
          seedDoc,
          items,
          log,
        ),
      );
    }
    return {
      method:
        "Lean y-websocket clients in the benchmark process (handshake, then updates), one document; each editor replaces its own marker in an agenda title, " +
        "then waits until an observer socket receives that edit from the server before the next (closed loop, one edit in flight per editor). " +
        `For each number of editors, Accord and the bare relay take turns in ${options.segments} segments, ${options.seconds} s each in total, the first system alternating. ` +
        "CPU = the server process's user + system time (every thread: for Accord that includes the log's writer thread and its fsyncs) from /proc/<pid>/stat " +
        "around its own segments, per 1,000 confirmed edits. " +
        "Write system calls per edit = syscw of /proc/<pid>/io (write, writev, pwrite: socket frames and the write-ahead log) around the same segments. " +
        "Stored = rows appended to collab_updates during Accord's segments (sqlite_sequence, as compaction deletes folded rows). " +
        "Editors keep the updates they receive and apply them only after the run: every editor must have received every other editor's update, " +
        "and a sample of 5 editors, once they apply them, must equal each other and the stored document; " +
        "the client side still parses every fanned-out message in this one process, on the same 2 cores as the servers.",
      seconds: options.seconds,
      segments: options.segments,
      rows,
    };
  } finally {
    await seeder?.close();
    await Promise.allSettled([accord.stop(), bare.stop()]);
  }
}
