import * as Y from "yjs";
import { conferenceDocName, loadStoredDoc } from "../../test/helpers/collab";
import { copyDb } from "../lib/fixtures";
import { agendaItemIds, LeanReader, LeanWriter, MarkerEditor, readNumberAt, type Protocol, type SocketTarget } from "../lib/lean-client";
import { HUNG, LAN, SERIES, startAccord, startRelay, ZHANG } from "../lib/servers";
import { ratio, summarise, type Summary } from "../lib/stats";
import { inBatches, sleep, within, type Log } from "../lib/util";

export interface PropagationOptions {
  ns: number[];
  /** Measured edits per system and N. */
  edits: number;
  warmup: number;
  /** Edits in a row to one system before switching to the next. */
  block: number;
  /** Pause after every reader has an edit, before the next. */
  gapMs: number;
  templateDb: string;
  /** Extra server environment (e.g. for profiling); the benchmark itself sets none. */
  accordEnv?: Record<string, string>;
  /** Also measure Accord with COLLAB_RELAY_AFTER=fsync (relay only once the edit survives power loss). */
  withFsyncRelay?: boolean;
  /** Also measure Accord with COLLAB_ATTRIBUTION=off (who wrote what not stored), to show what attribution costs. */
  withAttributionOff?: boolean;
}

export interface PropagationRow {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  baselineP50: number;
  baselineP95: number;
  baselineP99: number;
  floorP50: number;
  floorP95: number;
  floorP99: number;
  /** Accord / bare relay. */
  ratioP50: number | null;
  ratioP95: number | null;
  ratioP99: number | null;
  /** Accord / raw ws floor. */
  floorRatioP99: number | null;
  edits: number;
  /** Accord with COLLAB_RELAY_AFTER=fsync, when measured. */
  fsyncRelay?: { p50: number; p95: number; p99: number; ratioP99: number | null };
  /** Accord with attribution off, when measured; `attributionCostP99` = Accord (on) / Accord (off). */
  attributionOff?: { p50: number; p95: number; p99: number; attributionCostP50: number | null; attributionCostP99: number | null };
  /** Latency of the last reader to get each edit. */
  lastReader: Partial<Record<SystemName, Summary>>;
  samples: Partial<Record<SystemName, number>>;
  missing: Partial<Record<SystemName, number>>;
}

type SystemName = "accord" | "accordFsync" | "accordNoAttribution" | "bare" | "raw";

interface Pending {
  t0: number;
  got: number;
  expect: number;
  lat: number[];
  done: () => void;
}

interface System {
  name: SystemName;
  protocol: Protocol;
  readerTarget: (index: number) => SocketTarget;
  writer: LeanWriter;
  editor: MarkerEditor;
  readers: LeanReader[];
  pending: Map<number, Pending>;
  seq: number;
  latencies: number[];
  last: number[];
  missing: number;
}

const MARK = Buffer.from("#E");
/** The same client id for the three writers, so that their edits are the same bytes. */
const WRITER_CLIENT_ID = 1_234_567_891;

function onUpdate(system: System) {
  return (data: Buffer, at: number) => {
    const index = data.indexOf(MARK);
    if (index < 0) return;
    const { value: seq } = readNumberAt(data, index + MARK.length);
    const pending = system.pending.get(seq);
    if (!pending) return;
    pending.lat.push(at - pending.t0);
    pending.got += 1;
    if (pending.got === pending.expect) pending.done();
  };
}

async function edit(system: System, record: boolean) {
  const seq = ++system.seq;
  let done = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const pending: Pending = { t0: 0, got: 0, expect: system.readers.length, lat: [], done };
  system.pending.set(seq, pending);
  pending.t0 = performance.now();
  system.editor.edit(`#E${seq}.`);
  await within(finished, 10_000);
  system.pending.delete(seq);
  if (!record) return;
  system.latencies.push(...pending.lat);
  system.last.push(pending.got === pending.expect ? Math.max(...pending.lat) : 10_000);
  system.missing += pending.expect - pending.got;
}

/**
 * One writer, N readers, one document; Accord's hub beside the bare relay and
 * the raw broadcast floor. Writer and readers share this process (one clock);
 * each server runs in its own process. Edits go to the three systems in
 * interleaved blocks, so that noise from the shared machine falls on all three.
 */
export async function runPropagation(options: PropagationOptions, log: Log) {
  const accord = await startAccord({ dbPath: copyDb(options.templateDb), env: options.accordEnv });
  const accordFsync = options.withFsyncRelay
    ? await startAccord({ dbPath: copyDb(options.templateDb), env: { ...options.accordEnv, COLLAB_RELAY_AFTER: "fsync" } })
    : null;
  const accordOff = options.withAttributionOff
    ? await startAccord({ dbPath: copyDb(options.templateDb), env: { ...options.accordEnv, COLLAB_ATTRIBUTION: "off" } })
    : null;
  const bare = await startRelay("bare");
  const raw = await startRelay("raw");
  try {
    const { docName } = await conferenceDocName(accord.clients.get(LAN)!, SERIES, 18);
    const targetOn = (server: typeof accord) => (email: string): SocketTarget => ({
      url: `ws://127.0.0.1:${server.server.port}/collab/${docName}`,
      headers: { cookie: server.cookie(email), origin: server.server.url },
    });
    const accordTarget = targetOn(accord);
    const relayTarget = (port: number): SocketTarget => ({ url: `ws://127.0.0.1:${port}/collab/${docName}`, headers: {} });

    // The writers: Accord's from the server, the others from the same state.
    const accordDoc = new Y.Doc();
    accordDoc.clientID = WRITER_CLIENT_ID;
    const accordWriter = await LeanWriter.connect(accordTarget(LAN), accordDoc, "yjs");
    const initial = Y.encodeStateAsUpdate(accordDoc);
    const itemId = agendaItemIds(accordDoc)[0];
    const docFrom = () => {
      const doc = new Y.Doc();
      doc.clientID = WRITER_CLIENT_ID;
      Y.applyUpdate(doc, initial);
      return doc;
    };
    const bareWriter = await LeanWriter.connect(relayTarget(bare.port), docFrom(), "yjs");
    const rawWriter = await LeanWriter.connect(relayTarget(raw.port), docFrom(), "raw");

    const system = (name: SystemName, protocol: Protocol, writer: LeanWriter, readerTarget: (i: number) => SocketTarget): System => ({
      name,
      protocol,
      readerTarget,
      writer,
      editor: new MarkerEditor(writer.doc, itemId),
      readers: [],
      pending: new Map(),
      seq: 0,
      latencies: [],
      last: [],
      missing: 0,
    });
    const systems: System[] = [
      system("accord", "yjs", accordWriter, (i) => accordTarget(i % 2 === 0 ? ZHANG : HUNG)),
      system("bare", "yjs", bareWriter, () => relayTarget(bare.port)),
      system("raw", "raw", rawWriter, () => relayTarget(raw.port)),
    ];
    if (accordFsync) {
      // Same document, same starting state (copied database), same writer bytes.
      const fsyncTarget = targetOn(accordFsync);
      const fsyncWriter = await LeanWriter.connect(fsyncTarget(LAN), docFrom(), "yjs");
      systems.push(system("accordFsync", "yjs", fsyncWriter, (i) => fsyncTarget(i % 2 === 0 ? ZHANG : HUNG)));
    }
    if (accordOff) {
      const offTarget = targetOn(accordOff);
      const offWriter = await LeanWriter.connect(offTarget(LAN), docFrom(), "yjs");
      systems.push(system("accordNoAttribution", "yjs", offWriter, (i) => offTarget(i % 2 === 0 ? ZHANG : HUNG)));
    }
    const byName = (name: SystemName) => systems.find((s) => s.name === name);

    const rows: PropagationRow[] = [];
    for (const n of options.ns) {
      for (const s of systems) {
        s.readers = await inBatches(
          Array.from({ length: n }, (_, i) => i),
          25,
          (i) => LeanReader.connect(s.readerTarget(i), s.protocol, onUpdate(s)),
        );
        s.latencies = [];
        s.last = [];
        s.missing = 0;
      }
      log(`propagation N=${n}: ${n} readers on each of ${systems.map((s) => s.name).join(", ")}; warming up`);
      for (const s of systems) for (let i = 0; i < options.warmup; i += 1) await edit(s, false);
      const rounds = Math.ceil(options.edits / options.block);
      for (let r = 0; r < rounds; r += 1) {
        for (let k = 0; k < systems.length; k += 1) {
          const s = systems[(r + k) % systems.length];
          for (let b = 0; b < options.block && s.last.length < options.edits; b += 1) {
            await edit(s, true);
            await sleep(options.gapMs);
          }
        }
      }
      const [a, b, w] = systems.slice(0, 3).map((s) => summarise(s.latencies));
      const f = accordFsync ? summarise(byName("accordFsync")!.latencies) : null;
      const o = accordOff ? summarise(byName("accordNoAttribution")!.latencies) : null;
      rows.push({
        n,
        p50: a.p50,
        p95: a.p95,
        p99: a.p99,
        baselineP50: b.p50,
        baselineP95: b.p95,
        baselineP99: b.p99,
        floorP50: w.p50,
        floorP95: w.p95,
        floorP99: w.p99,
        ratioP50: ratio(a.p50, b.p50),
        ratioP95: ratio(a.p95, b.p95),
        ratioP99: ratio(a.p99, b.p99),
        floorRatioP99: ratio(a.p99, w.p99),
        edits: options.edits,
        ...(f ? { fsyncRelay: { p50: f.p50, p95: f.p95, p99: f.p99, ratioP99: ratio(f.p99, b.p99) } } : {}),
        ...(o ? { attributionOff: { p50: o.p50, p95: o.p95, p99: o.p99, attributionCostP50: ratio(a.p50, o.p50), attributionCostP99: ratio(a.p99, o.p99) } } : {}),
        lastReader: Object.fromEntries(systems.map((s) => [s.name, summarise(s.last)])),
        samples: Object.fromEntries(systems.map((s) => [s.name, s.latencies.length])),
        missing: Object.fromEntries(systems.map((s) => [s.name, s.missing])),
      });
      log(
        `propagation N=${n}: p99 accord ${a.p99} ms, bare ${b.p99} ms, raw ${w.p99} ms (ratio ${String(ratio(a.p99, b.p99))})` +
          (f ? `; relay after fsync ${f.p99} ms (ratio ${String(ratio(f.p99, b.p99))})` : "") +
          (o ? `; attribution off ${o.p99} ms (on/off ${String(ratio(a.p99, o.p99))})` : ""),
      );
      for (const s of systems) {
        await Promise.all(s.readers.map((reader) => reader.close()));
        s.readers = [];
      }
      await sleep(300);
    }

    // Write-before-broadcast: what every reader saw is already in the database.
    await sleep(200);
    const stored = loadStoredDoc(accord.server.dbPath, docName);
    const title = (doc: Y.Doc) => String((doc.getMap("agenda").get(itemId) as Y.Map<unknown>).get("title"));
    const storedMatches = title(stored) === title(accordDoc);
    stored.destroy();
    for (const s of systems) await s.writer.close();
    return {
      method:
        "One writer and N lean readers in the benchmark process, each server in its own process, loopback. " +
        "Each edit replaces a marker '#E<seq>.' in an agenda item title (one Yjs update); latency = arrival at a reader " +
        "(performance.now(), taken first in the socket's message handler) − the moment the writer made the edit. " +
        `Closed loop: the next edit waits until all N readers have the previous one, then ${options.gapMs} ms. ` +
        `Edits go to the systems in interleaved blocks of ${options.block}; ${options.warmup} warm-up edits each. ` +
        "Percentiles pool every reader's arrival of every measured edit.",
      rows,
      writerTitleStored: storedMatches,
    };
  } finally {
    await Promise.allSettled([accord.stop(), accordFsync?.stop(), accordOff?.stop(), bare.stop(), raw.stop()]);
  }
}
