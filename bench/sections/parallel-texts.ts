import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MESSAGE_NOTICE, MESSAGE_STORED } from "../../app/collab/close-codes";
import { keyBetween } from "../../app/collab/order-keys";
import { applyServerStatesAsReceived } from "../../app/collab/received-state";
import { ACTION_TEXT_FIELDS, AGENDA_TEXT_FIELDS, textKey } from "../../app/collab/parallel-texts";
import { remember, rememberChanged } from "../../app/collab/text-alignment";
import { withDb } from "../../test/helpers/db";
import { copyDb, docNameOf } from "../lib/fixtures";
import { LAN, SERIES, startAccord, type AccordServer } from "../lib/servers";
import { median, percentile, ratio, round, summarise } from "../lib/stats";
import { sleep, type Log } from "../lib/util";
import { runParallelTextsInBrowser, type BrowserView } from "./parallel-texts-browser";

export interface ParallelTextsOptions {
  templateDb: string;
  items: number;
  repeats: number;
  /** Cold loads and syncs of each variant by a real client, alternating; as many again by a client applying its first state as Yjs does by default. */
  loads: number;
  /** Three languages and the same words opened in Chromium (parallel-texts-browser.ts): counted rounds and what each visits; null to skip. */
  browser: { rounds: number; views: readonly BrowserView[] } | null;
}

// What a secretariat writes per item, in each language: a title, a paragraph of notes, an outcome.
const SAMPLE: Record<string, { title: string; notes: string; outcome: string; action: string }> = {
  vi: {
    title: "Hợp tác phòng, chống buôn lậu ma túy và động vật hoang dã qua biên giới",
    notes:
      "Hai bên đánh giá kết quả chiến dịch Rồng Mê Kông: hơn 4.500 vụ việc đã được phát hiện, trao đổi thông tin về các tuyến và phương thức buôn lậu mới, đặc biệt qua đường biển và thương mại điện tử xuyên biên giới.",
    outcome: "Hai bên nhất trí tiếp tục chiến dịch và báo cáo chung từng giai đoạn cho Tổ chức Hải quan Thế giới.",
    action: "Trao đổi danh sách hàng hóa rủi ro cao hằng tháng qua đầu mối kỹ thuật",
  },
  zh: {
    title: "跨境毒品和野生动物走私联合打击合作",
    notes: "双方总结了湄公龙行动成果：共查获案件4500余起，交流了走私新路线和新手法情报，特别是海上走私和跨境电商渠道的情况。",
    outcome: "双方同意继续开展该行动，并就各阶段情况共同向世界海关组织通报。",
    action: "每月通过技术联络点交换高风险货物清单",
  },
  en: {
    title: "Cooperation against cross-border drug and wildlife smuggling",
    notes:
      "Both sides reviewed the Mekong Dragon operation: more than 4,500 cases detected, and information exchanged on new smuggling routes and methods, in particular by sea and through cross-border e-commerce.",
    outcome: "Both sides agreed to keep the campaign going and to report each of its stages jointly to the World Customs Organization.",
    action: "Exchange the lists of high-risk goods every month through the technical contact points",
  },
};

function richText(text: string): Y.XmlFragment {
  const fragment = new Y.XmlFragment();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(0, [paragraph]);
  return fragment;
}

/**
 * How a text in line remembers its source: as the workspace writes it now (a
 * digest), or as documents written before kept it (the source's words, which
 * the workspace now writes only once the source changes).
 */
export type InLineShape = "digest" | "sourceText";

/**
 * A conference document of `items` agenda items and as many draft actions,
 * with every text in each of `languages` (the first is the base), the others
 * confirmed in line with it, as the workspace leaves them.
 */
export function parallelDocument(
  languages: readonly string[],
  items: number,
  words: Record<string, (typeof SAMPLE)[string]> = SAMPLE,
  inLine: InLineShape = "digest",
): Uint8Array {
  const SAMPLE = words;
  const remembered = inLine === "digest" ? remember : rememberChanged;
  const base = languages[0];
  const doc = new Y.Doc();
  let position: string | null = null;
  doc.transact(() => {
    for (let i = 0; i < items; i++) {
      position = keyBetween(position, null);
      const item = new Y.Map<unknown>();
      item.set("kind", "thematic");
      item.set("position", position);
      const alignment = new Y.Map<unknown>();
      for (const language of languages) {
        const words = SAMPLE[language];
        item.set(textKey("title", language, base), new Y.Text(`${words.title} ${i + 1}`));
        item.set(textKey("notes", language, base), richText(words.notes));
        item.set(textKey("outcome", language, base), richText(words.outcome));
        if (language !== base) {
          const source = SAMPLE[base];
          const sources: Record<string, string> = { title: `${source.title} ${i + 1}`, notes: source.notes, outcome: source.outcome };
          for (const field of AGENDA_TEXT_FIELDS) alignment.set(`${field}@${language}`, remembered(base, sources[field]));
        }
      }
      if (languages.length > 1) item.set("alignment", alignment);
      doc.getMap("agenda").set(`item${i}`, item);

      const action = new Y.Map<unknown>();
      action.set("position", position);
      action.set("due", "next");
      const owners = new Y.Map<unknown>();
      owners.set("VNC", true);
      action.set("owners", owners);
      const actionAlignment = new Y.Map<unknown>();
      for (const language of languages) {
        action.set(textKey("text", language, base), new Y.Text(`${SAMPLE[language].action} ${i + 1}`));
        if (language !== base) for (const field of ACTION_TEXT_FIELDS) actionAlignment.set(`${field}@${language}`, remembered(base, `${SAMPLE[base].action} ${i + 1}`));
      }
      if (languages.length > 1) action.set("alignment", actionAlignment);
      doc.getMap("actions").set(`action${i}`, action);
    }
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

interface Target {
  serverUrl: string;
  docName: string;
  headers: Record<string, string>;
}

/** One cold load by a real client, in ms: each from the moment the socket opened unless said. */
interface LoadAndSync {
  /** Until sync step 2 has arrived (its bytes only). */
  received: number;
  /** Until sync step 2 is applied to the client's new Y.Doc and the provider says it is synced. */
  synced: number;
  /** From the start of the connection (the upgrade, in which the hub reads the document from storage) until synced. */
  syncedFromConnect: number;
  /** This process's CPU time over the whole load: the client's own work, which other processes do not inflate. */
  clientCpu: number;
}

/**
 * A client as the workspace has one: y-websocket's WebsocketProvider over a
 * fresh Y.Doc (in Node, through `ws`), applying sync step 2 as received
 * (received-state.ts) unless `asReceived` is false (as Yjs does by default,
 * encoding the whole state again for the provider's update listener), until it has applied the first sync
 * and the hub has built its own copy (the hub's sync step 1 to a writer comes
 * once it has). Times are taken in the socket's own listeners, which run
 * before the provider's.
 */
async function loadAndSync(target: Target, asReceived: boolean, timeoutMs = 60_000): Promise<LoadAndSync> {
  const cpu = process.cpuUsage();
  const at = { connect: performance.now(), open: NaN, received: NaN, serverStep1: NaN, synced: NaN, cpu: NaN };
  const { headers } = target;
  class NodeSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
      this.on("open", () => (at.open = performance.now()));
      // The provider asks for ArrayBuffers (binaryType), which this listener gets too.
      this.on("message", (raw: ArrayBuffer | Buffer) => {
        const data = raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
        if (data[0] !== 0) return;
        if (data[1] === 1 && Number.isNaN(at.received)) at.received = performance.now();
        if (data[1] === 0 && Number.isNaN(at.serverStep1)) at.serverStep1 = performance.now();
      });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(target.serverUrl, target.docName, doc, {
    WebSocketPolyfill: NodeSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // The hub's "stored" acknowledgement and notices, which the workspace reads (collab-notices.ts); unread here.
  for (const type of [MESSAGE_STORED, MESSAGE_NOTICE]) provider.messageHandlers[type] = () => {};
  if (asReceived) applyServerStatesAsReceived(provider);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the client did not sync")), timeoutMs);
      const check = () => {
        if (Number.isNaN(at.synced) || Number.isNaN(at.serverStep1)) return;
        clearTimeout(timer);
        resolve();
      };
      provider.on("sync", (synced: boolean) => {
        if (synced && Number.isNaN(at.synced)) {
          at.synced = performance.now();
          const used = process.cpuUsage(cpu);
          at.cpu = (used.user + used.system) / 1000;
        }
        check();
      });
      provider.ws?.addEventListener("message", () => setImmediate(check));
    });
  } finally {
    provider.destroy();
    doc.destroy();
  }
  return { received: at.received - at.open, synced: at.synced - at.open, syncedFromConnect: at.synced - at.connect, clientCpu: at.cpu };
}

/** The hub's own builds from storage so far (ACCORD_DIAGNOSTICS=1): how many, and their time in ms. */
async function hubBuilds(server: AccordServer): Promise<{ builds: number; buildMs: number; buildCpuMs: number }> {
  const response = await fetch(`${server.server.url}/internal/diagnostics`);
  const body = (await response.json()) as { hub: { builds: number; buildMs: number; buildCpuMs: number } };
  return { builds: body.hub.builds, buildMs: body.hub.buildMs, buildCpuMs: body.hub.buildCpuMs };
}

/** CPU time (ms, this process, every thread) per build, over `times` builds of `state`. */
function cpuPerBuild(state: Uint8Array, times: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < times; i++) timeBuild(state);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / times;
}

/** Builds a document from its stored state, as the hub and a browser each do on load. */
function timeBuild(state: Uint8Array): number {
  const started = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const ms = performance.now() - started;
  doc.destroy();
  return ms;
}

/** The bound: three languages load and sync within 1.5× of one language holding the same words. */
export const PARALLEL_TEXTS_LIMIT = 1.5;

/**
 * Issue 12's cost: the same conference in one language and in three (vi, zh,
 * en, the two others in line with the first), stored as a snapshot, beside
 * the same words all in one language's fields. Three languages are measured
 * twice: as the workspace writes them now (a text in line keeps a digest of
 * its source) and as documents written before kept them (the source's words),
 * so that the change shows in one run. Measured side by side: the stored
 * state's size (what a first sync sends); what a person waits for, a real
 * client's cold load and sync through the hub (socket open → its Y.Doc built
 * and synced, the document unloaded by the hub in between); the hub's own
 * build of the document from storage; and building the document in this
 * process alone. Variants alternate so that all see the same noise.
 */
export async function runParallelTexts(options: ParallelTextsOptions, log: Log) {
  const docName = docNameOf(options.templateDb, SERIES, 18);
  // The same words as the three languages hold, all in one language's fields: what parallel texts cost beyond their text.
  const joined = (key: keyof (typeof SAMPLE)[string]) => ["vi", "zh", "en"].map((l) => SAMPLE[l][key]).join(" ");
  const sameText = { vi: { title: joined("title"), notes: joined("notes"), outcome: joined("outcome"), action: joined("action") } };
  const variants = {
    one: parallelDocument(["vi"], options.items),
    oneSameText: parallelDocument(["vi"], options.items, sameText),
    threeBefore: parallelDocument(["vi", "zh", "en"], options.items, SAMPLE, "sourceText"),
    three: parallelDocument(["vi", "zh", "en"], options.items),
  };
  type Variant = keyof typeof variants;
  const VARIANTS = Object.keys(variants) as Variant[];
  const samples = () => Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  const build = samples();
  // Warmed up first, so the first variant does not pay for the compiler.
  for (let i = 0; i < 20; i++) for (const variant of VARIANTS) timeBuild(variants[variant]);
  for (let i = 0; i < options.repeats * 20; i++) for (const variant of VARIANTS) build[variant].push(timeBuild(variants[variant]));
  // The same builds counted in this process's CPU time, in batches of ten: on a
  // shared machine, wall time also counts whoever else had the cores.
  const buildCpu = samples();
  for (let i = 0; i < options.repeats * 4; i++) for (const variant of VARIANTS) buildCpu[variant].push(cpuPerBuild(variants[variant], 10));
  const servers = {} as Record<Variant, AccordServer>;
  const received = samples();
  const synced = samples();
  const fromConnect = samples();
  const clientCpu = samples();
  const hubBuild = samples();
  const hubBuildCpu = samples();
  const syncedPlain = samples();
  const clientCpuPlain = samples();
  let warmLoads = 0;
  try {
    for (const variant of VARIANTS) {
      const dbPath = copyDb(options.templateDb, `parallel-${variant}.db`);
      withDb(dbPath, (db) => {
        db.prepare("DELETE FROM collab_updates WHERE doc_name = ?").run(docName);
        db.prepare("INSERT OR REPLACE INTO collab_snapshots (doc_name, data, last_update_id, updated_at) VALUES (?, ?, 0, ?)").run(
          docName,
          Buffer.from(variants[variant]),
          new Date().toISOString(),
        );
      });
      // Unloaded 300 ms after its last socket closes, so each connection loads it from cold.
      servers[variant] = await startAccord({ dbPath, users: [LAN], env: { COLLAB_IDLE_UNLOAD_MS: "300", ACCORD_DIAGNOSTICS: "1" } });
    }
    const target = (variant: Variant): Target => ({
      serverUrl: `ws://127.0.0.1:${servers[variant].server.port}/collab`,
      docName,
      headers: { cookie: servers[variant].cookie(LAN), origin: servers[variant].server.url },
    });
    // One load of each first, not counted: the server's first build also pays for its compiler.
    for (const variant of VARIANTS) await loadAndSync(target(variant), true);
    await sleep(1200);
    // Rounds alternate between the workspace's client and the default one (a
    // document is cold again only after a pause, so never twice in a round).
    for (let i = 0; i < options.loads * 2; i++) {
      const asReceived = i % 2 === 0;
      // Each round starts with another variant, so none is always first after the pause.
      const order = VARIANTS.map((_, k) => VARIANTS[(Math.floor(i / 2) + k) % VARIANTS.length]);
      for (const variant of order) {
        const hubBefore = await hubBuilds(servers[variant]);
        const run = await loadAndSync(target(variant), asReceived);
        const hubAfter = await hubBuilds(servers[variant]);
        if (!asReceived) {
          syncedPlain[variant].push(run.synced);
          clientCpuPlain[variant].push(run.clientCpu);
          if (hubAfter.builds - hubBefore.builds !== 1) warmLoads += 1;
          continue;
        }
        received[variant].push(run.received);
        synced[variant].push(run.synced);
        fromConnect[variant].push(run.syncedFromConnect);
        clientCpu[variant].push(run.clientCpu);
        // Exactly one build per load, or the document was still loaded (not a cold load): counted, not used.
        if (hubAfter.builds - hubBefore.builds === 1) {
          hubBuild[variant].push(hubAfter.buildMs - hubBefore.buildMs);
          hubBuildCpu[variant].push(hubAfter.buildCpuMs - hubBefore.buildCpuMs);
        } else warmLoads += 1;
      }
      await sleep(1200);
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
  const kb = (variant: Variant) => round(variants[variant].length / 1024, 1);
  const summaries = (all: Record<Variant, number[]>) => Object.fromEntries(VARIANTS.map((v) => [v, summarise(all[v])])) as Record<Variant, ReturnType<typeof summarise>>;
  /** Three languages (as now, or as before) against the same words in one language, and against one language's own text. */
  // On this shared machine a median carries other processes' pauses (and the
  // collector's, which a larger document meets more often in a loop); the
  // fastest tenth of the interleaved runs is what the code itself costs.
  const fastTenth = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 10);
  const against = (variant: "three" | "threeBefore") => ({
    state: ratio(variants[variant].length, variants.oneSameText.length),
    loadAndSync: ratio(median(synced[variant]), median(synced.oneSameText)),
    loadAndSyncFastTenth: ratio(fastTenth(synced[variant]), fastTenth(synced.oneSameText)),
    loadAndSyncFromConnect: ratio(median(fromConnect[variant]), median(fromConnect.oneSameText)),
    received: ratio(median(received[variant]), median(received.oneSameText)),
    clientCpu: ratio(median(clientCpu[variant]), median(clientCpu.oneSameText)),
    hubBuild: ratio(median(hubBuild[variant]), median(hubBuild.oneSameText)),
    hubBuildCpu: ratio(median(hubBuildCpu[variant]), median(hubBuildCpu.oneSameText)),
    build: ratio(median(build[variant]), median(build.oneSameText)),
    buildFastTenth: ratio(fastTenth(build[variant]), fastTenth(build.oneSameText)),
    buildCpu: ratio(median(buildCpu[variant]), median(buildCpu.oneSameText)),
    loadAndSyncVsOneLanguage: ratio(median(synced[variant]), median(synced.one)),
    clientCpuVsOneLanguage: ratio(median(clientCpu[variant]), median(clientCpu.one)),
    /** The same two with a client that applies its first state as Yjs does by default. */
    defaultClientLoadAndSync: ratio(median(syncedPlain[variant]), median(syncedPlain.oneSameText)),
    defaultClientCpu: ratio(median(clientCpuPlain[variant]), median(clientCpuPlain.oneSameText)),
    buildVsOneLanguage: ratio(median(build[variant]), median(build.one)),
  });
  const now = against("three");
  const before = against("threeBefore");
  const within = (r: number | null) => r !== null && r <= PARALLEL_TEXTS_LIMIT;
  const result = {
    items: options.items,
    loads: options.loads,
    /** Loads that found the document still in the hub's memory (no build): kept in the client figures, left out of the hub's build. */
    warmLoads,
    stateKB: Object.fromEntries(VARIANTS.map((v) => [v, kb(v)])) as Record<Variant, number>,
    /** What a person waits for: socket open → the client's Y.Doc built and synced. */
    loadAndSyncMs: summaries(synced),
    /** The same from the start of the connection (the upgrade, in which the hub reads storage). */
    loadAndSyncFromConnectMs: summaries(fromConnect),
    /** Socket open → sync step 2 received, before the client applies it. */
    receivedMs: summaries(received),
    /** The client's CPU time over a load (this process). */
    clientCpuMs: summaries(clientCpu),
    /** The same two with a client that applies its first state as Yjs does by default (its update listener makes Yjs encode it again). */
    defaultClientLoadAndSyncMs: summaries(syncedPlain),
    defaultClientCpuMs: summaries(clientCpuPlain),
    /** The hub building its copy from storage, as it does once a writer has had the first sync: wall and CPU time. */
    hubBuildMs: summaries(hubBuild),
    hubBuildCpuMs: summaries(hubBuildCpu),
    buildMs: summaries(build),
    buildCpuMs: summaries(buildCpu),
    /** Three languages as the workspace writes them now, against the same words in one language. */
    vsSameText: now,
    /** The same, as documents were written before (in-line texts keeping their source's words). */
    vsSameTextBefore: before,
    target: {
      limit: PARALLEL_TEXTS_LIMIT,
      loadAndSync: within(now.loadAndSync),
      state: within(now.state),
      build: within(now.buildCpu),
      hubBuild: within(now.hubBuildCpu),
    },
    method:
      `Conference 18's document replaced by ${options.items} agenda items and ${options.items} draft actions, every text (title, notes, outcome, action) in Vietnamese only; the same words as the three languages hold, all in Vietnamese fields ("same words"); ` +
      "or in Vietnamese, Chinese and English with the two others confirmed in line, either as the workspace writes them now (each in-line text keeps a 16-digit digest of the Vietnamese) or as documents were written before (each keeps the Vietnamese text itself), stored as a snapshot, one server per variant. " +
      "State: the stored bytes, which a first sync sends. " +
      `Load and sync (the issue's figure): a secretariat's y-websocket WebsocketProvider over a new Y.Doc, in Node, applying sync step 2 as the workspace does (received-state.ts: no update listener attached while it applies, its listeners handed the received bytes), opens /collab/<doc> on a server that has unloaded the document (COLLAB_IDLE_UNLOAD_MS=300, 1.2 s between rounds); timed from the socket's open event until the provider has applied sync step 2 to its document and reports synced (median of ${options.loads} loads per variant, variants alternating, each round starting with another); ` +
      "also from the start of the connection (the upgrade, in which the hub reads the document from storage), until sync step 2 arrives (before it is applied), and the client's CPU time over the load (this process, which runs nothing else meanwhile). " +
      `Rounds alternate with as many (${options.loads}) by the same provider applying sync step 2 as Yjs does by default ("default client": with the provider's update listener attached, Yjs encodes the whole state again), load and sync and client CPU only. ` +
      "The hub answers a cold first sync from the stored bytes and builds its own copy right after (for a writer): its build is timed inside the server (CollabDocument.build, wall and process CPU time, /internal/diagnostics), one build per load; its ratio is in CPU time. " +
      "Build in this process: Y.applyUpdate of the stored state into a new document, as a browser does with a first sync; its ratio is the median CPU time of this process per build (batches of ten), its wall times are given too.",
  };
  const line = (r: typeof now) =>
    `load and sync ${r.loadAndSync}× (fastest tenth ${r.loadAndSyncFastTenth}×, from connect ${r.loadAndSyncFromConnect}×, step 2 received ${r.received}×, client CPU ${r.clientCpu}×; default client ${r.defaultClientLoadAndSync}×, CPU ${r.defaultClientCpu}×), state ${r.state}×, hub's build ${r.hubBuildCpu}× in CPU time (wall ${r.hubBuild}×), ` +
    `build here ${r.buildCpu}× in CPU time (wall: fastest tenth ${r.buildFastTenth}×, median ${r.build}×)`;
  log(`parallel texts: state ${kb("one")} / ${kb("oneSameText")} / ${kb("threeBefore")} → ${kb("three")} KB (one language / same words / three before / three now)`);
  log(
    `parallel texts: load and sync p50 ${VARIANTS.map((v) => round(median(synced[v]), 2)).join(" / ")} ms (default client ${VARIANTS.map((v) => round(median(syncedPlain[v]), 2)).join(" / ")}); ` +
      `client CPU p50 ${VARIANTS.map((v) => round(median(clientCpu[v]), 2)).join(" / ")} ms (default client ${VARIANTS.map((v) => round(median(clientCpuPlain[v]), 2)).join(" / ")}); hub's build p50 ${VARIANTS.map((v) => round(median(hubBuildCpu[v]), 2)).join(" / ")} ms CPU (${warmLoads} loads not cold)`,
  );
  log(`parallel texts vs the same words in one language (target ≤ ${PARALLEL_TEXTS_LIMIT}×): before ${line(before)}; now ${line(now)}`);
  // After the Node loads, whose servers are stopped by now: the browser's visits do not share the machine with them.
  const browser = options.browser
    ? await runParallelTextsInBrowser(
        { templateDb: options.templateDb, items: options.items, states: { three: variants.three, sameWords: variants.oneSameText }, ...options.browser },
        log,
      )
    : null;
  return { ...result, browser };
}
