import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser } from "../../test/helpers/browser";
import { withDb } from "../../test/helpers/db";
import { copyDb } from "../lib/fixtures";
import { LAN, SERIES, startAccord, type AccordServer } from "../lib/servers";
import { median, ratio, round, summarise, type Summary } from "../lib/stats";
import { sleep, type Log } from "../lib/util";
import { CPU_SLOWDOWN, LINK } from "./slow-link";

// Issue 12's load-and-sync figure as a secretariat meets it: Chromium opening
// the workspace of a conference held in three languages, against the same
// conference holding the same words in one language.

/** The demo series' planned conference, whose workspace is editable. */
const CONFERENCE_NUMBER = 18;
/** An agenda item's own rich text, not the delegation's private note beside it (another document). */
const AGENDA_TEXT = '.agenda-list .ProseMirror[contenteditable="true"]:not(.private-note *)';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type ViewportName = keyof typeof VIEWPORTS;
type Profile = "unthrottled" | "slowLink";
const VARIANTS = ["three", "sameWords"] as const;
type Variant = (typeof VARIANTS)[number];

/** The moments a ratio is given for, in the order they come. */
const MOMENTS = ["socketFirstMessage", "syncStep2", "synced", "editable", "step2ToSynced", "openToSynced", "scriptMs", "taskMs"] as const;
type Moment = (typeof MOMENTS)[number];

export interface ParallelTextsBrowserOptions {
  templateDb: string;
  items: number;
  /** Stored states: the conference in vi, zh and en (the two others in line), and the same words all in vi's fields. */
  states: Record<Variant, Uint8Array>;
  /** Counted rounds. */
  rounds: number;
  /** What each round visits: a link profile and a viewport. */
  views: readonly BrowserView[];
}

export interface BrowserView {
  profile: Profile;
  viewport: ViewportName;
}

/**
 * A copy of the template in which the conference's document is `state` (a
 * snapshot, no updates), its series works in `languages` (as
 * setSeriesLanguages stores them), its texts' base is the first of them (as a
 * conference created in that series has), and the conference waits in the
 * projection backlog, so that the server projects the document into SQL once
 * on start and the page's server-rendered copy shows what the document holds.
 */
function prepareDb(templateDb: string, variant: Variant, state: Uint8Array, languages: string[], authentic: string[]) {
  const dbPath = copyDb(templateDb, `parallel-browser-${variant}.db`);
  const conferenceId = withDb(dbPath, (db) => {
    const row = db
      .prepare("SELECT c.id, c.series_id FROM conferences c JOIN series s ON s.id = c.series_id WHERE s.slug = ? AND c.number = ?")
      .get(SERIES, CONFERENCE_NUMBER) as { id: number; series_id: number };
    db.prepare("UPDATE series SET languages = ?, authentic_languages = ? WHERE id = ?").run(JSON.stringify(languages), JSON.stringify(authentic), row.series_id);
    db.prepare("UPDATE conferences SET base_language = ? WHERE id = ?").run(languages[0], row.id);
    const docName = `conference/${row.id}`;
    db.prepare("DELETE FROM collab_updates WHERE doc_name = ?").run(docName);
    db.prepare("INSERT OR REPLACE INTO collab_snapshots (doc_name, data, last_update_id, updated_at) VALUES (?, ?, 0, ?)").run(
      docName,
      Buffer.from(state),
      new Date().toISOString(),
    );
    db.prepare("INSERT OR IGNORE INTO projection_backlog (conference_id) VALUES (?)").run(row.id);
    return row.id;
  });
  return { dbPath, conferenceId };
}

/** Until the server has projected the document (its backlog empty, the agenda's rows in SQL). */
async function untilProjected(dbPath: string, conferenceId: number, items: number) {
  const until = Date.now() + 60_000;
  for (;;) {
    const done = withDb(dbPath, (db) => {
      const backlog = (db.prepare("SELECT count(*) AS n FROM projection_backlog").get() as { n: number }).n;
      const rows = (db.prepare("SELECT count(*) AS n FROM agenda_items WHERE conference_id = ?").get(conferenceId) as { n: number }).n;
      return backlog === 0 && rows === items;
    });
    if (done) return;
    if (Date.now() > until) throw new Error("the server did not project the conference's document");
    await sleep(100);
  }
}

/** Waits until the hub holds no document (the last visit's unloaded): false if it still did after 10 s. */
async function untilCold(server: AccordServer): Promise<boolean> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const response = await fetch(`${server.server.url}/internal/diagnostics`).catch((error: unknown) => {
      throw new Error(`the server does not answer (${String(error)}): ${server.server.logs.text().slice(-3000)}`);
    });
    const body = (await response.json()) as { hub: { loadedDocuments: number } };
    if (body.hub.loadedDocuments === 0) return true;
    await sleep(50);
  }
  return false;
}

/**
 * Moments noted by the page itself, ms from navigation start on its own
 * clock, set before any of its scripts run: the conference socket's first
 * message and its sync step 2 (the whole document), the live document shown
 * (status "ok"), the first agenda text editable.
 */
function noteOpening({ agendaText }: { agendaText: string }) {
  const marks: Record<string, number> = {};
  (window as unknown as { accordOpening: Record<string, number> }).accordOpening = marks;
  const mark = (name: string) => {
    if (!(name in marks)) marks[name] = performance.now();
  };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes("/collab/conference/") || String(url).includes("/private/")) return;
      mark("socketCreated");
      this.addEventListener("open", () => mark("socketOpen"));
      // Registered before the page's own handlers, so it runs first for each message.
      this.addEventListener("message", (event: MessageEvent) => {
        mark("socketFirstMessage");
        const data: unknown = event.data;
        if (!(data instanceof ArrayBuffer) || data.byteLength < 2 || "syncStep2" in marks) return;
        const [type, step] = new Uint8Array(data, 0, 2);
        if (type === 0 && step === 1) {
          mark("syncStep2");
          marks.syncStep2Bytes = data.byteLength;
        }
      });
    }
  };
  // Stopped once every moment has come: the three-language page makes more mutations, and looking must not cost it more.
  const observer = new MutationObserver(() => {
    if (document.documentElement.dataset.hydrated) mark("hydrated");
    if (document.querySelector(".collab-status-ok")) mark("synced");
    if (document.querySelector(agendaText)) mark("editable");
    if ("hydrated" in marks && "synced" in marks && "editable" in marks) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** The noted moments, with the page's own navigation timing and what it shows once ready. */
function readOpening(): Record<string, number> {
  const marks = { ...(window as unknown as { accordOpening: Record<string, number> }).accordOpening };
  const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  if (nav) {
    Object.assign(marks, { htmlFirstByte: nav.responseStart, htmlLoaded: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd });
    Object.assign(marks, { htmlTransferBytes: nav.transferSize, htmlBytes: nav.decodedBodySize });
  }
  Object.assign(marks, {
    columns: document.querySelectorAll(".agenda-list .parallel-columns").length,
    agendaItems: document.querySelectorAll(".agenda-list > li").length,
  });
  return marks;
}

async function visit(browser: Browser, server: AccordServer, path: string, { profile, viewport }: BrowserView): Promise<Record<string, number>> {
  const context: BrowserContext = await browser.newContext({ baseURL: server.server.url, locale: "en-GB", viewport: VIEWPORTS[viewport] });
  try {
    const [name, value] = server.cookie(LAN).split(";")[0].split("=");
    await context.addCookies([{ name, value, url: server.server.url }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    if (profile === "slowLink") {
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...LINK });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    }
    await page.addInitScript(noteOpening, { agendaText: AGENDA_TEXT });
    await page.goto(path, { waitUntil: "commit", timeout: 120_000 });
    // A function, not a string: the pages' CSP forbids evaluating strings.
    await page.waitForFunction(
      () => {
        const marks = (window as unknown as { accordOpening?: Record<string, number> }).accordOpening;
        return marks !== undefined && "synced" in marks && "editable" in marks;
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    ).catch(async (error: unknown) => {
      const noted = await page.evaluate(() => JSON.stringify((window as unknown as { accordOpening?: Record<string, number> }).accordOpening)).catch(() => "?");
      throw new Error(`the workspace was not ready (moments so far: ${noted}): ${String(error)}`);
    });
    // The main thread's work so far (seconds, as Chromium counts it): read at once, so little comes after "ready".
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    const metric = (key: string) => (metrics.find((m) => m.name === key)?.value ?? NaN) * 1000;
    const moments = await page.evaluate(readOpening);
    return {
      ...moments,
      step2ToSynced: moments.synced - moments.syncStep2,
      openToSynced: moments.synced - moments.socketOpen,
      scriptMs: metric("ScriptDuration"),
      taskMs: metric("TaskDuration"),
    };
  } finally {
    await context.close();
  }
}

type Runs = Record<Variant, Array<Record<string, number>>>;

/** Facts of the page per variant (medians), beside the moments: what was sent and what it showed once ready. */
const PAGE_FACTS = ["syncStep2Bytes", "htmlTransferBytes", "htmlBytes", "columns", "agendaItems", "htmlLoaded", "domContentLoaded", "hydrated", "socketOpen"] as const;

/**
 * Opens /series/<slug>/conferences/18 in Chromium as Lan (a secretariat), on
 * two servers started from copies of one database: one whose conference holds
 * the three-language document in a series working in vi, zh and en, the other
 * the same words in one language in a series working in vi only. Fresh
 * profile per visit; the hub has unloaded the document before each (a cold
 * open, as the Node figure's); the two servers alternate, each round starting
 * with the other; each view is a link profile and a viewport.
 */
export async function runParallelTextsInBrowser(options: ParallelTextsBrowserOptions, log: Log) {
  const languages: Record<Variant, { working: string[]; authentic: string[] }> = {
    three: { working: ["vi", "zh", "en"], authentic: ["vi", "zh"] },
    sameWords: { working: ["vi"], authentic: ["vi"] },
  };
  const servers = {} as Record<Variant, AccordServer>;
  const path = `/series/${SERIES}/conferences/${CONFERENCE_NUMBER}`;
  const runs: Runs[] = options.views.map(() => ({ three: [], sameWords: [] }));
  let warmVisits = 0;
  let browser: Browser | null = null;
  try {
    for (const variant of VARIANTS) {
      const { dbPath, conferenceId } = prepareDb(options.templateDb, variant, options.states[variant], languages[variant].working, languages[variant].authentic);
      // Unloaded 300 ms after its last socket closes, so each visit opens it from cold.
      servers[variant] = await startAccord({ dbPath, users: [LAN], env: { COLLAB_IDLE_UNLOAD_MS: "300", ACCORD_DIAGNOSTICS: "1" } });
      await untilProjected(dbPath, conferenceId, options.items);
    }
    browser = await launchBrowser();
    // Not counted: each server's first render and build also pay for its compiler.
    for (const variant of VARIANTS) {
      await untilCold(servers[variant]);
      await visit(browser, servers[variant], path, options.views[0]);
    }
    for (let round_ = 0; round_ < options.rounds; round_++) {
      const order = round_ % 2 === 0 ? VARIANTS : ([...VARIANTS].reverse() as Variant[]);
      for (const [index, view] of options.views.entries()) {
        for (const variant of order) {
          if (!(await untilCold(servers[variant]))) warmVisits += 1;
          const result = await visit(browser, servers[variant], path, view);
          // The page must show what its series works in: columns for three languages, none for one.
          if ((result.columns > 0) !== (variant === "three")) throw new Error(`the ${variant} page showed ${result.columns} agenda items in columns`);
          runs[index][variant].push(result);
        }
      }
      log(`parallel texts in Chromium: round ${round_ + 1}/${options.rounds}`);
    }
  } finally {
    await browser?.close();
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }

  const of = (list: Array<Record<string, number>>, key: string) => list.map((r) => r[key]).filter(Number.isFinite);
  const views = options.views.map((view, index) => {
    const moments = Object.fromEntries(
      MOMENTS.map((moment) => {
        const three = summarise(of(runs[index].three, moment));
        const sameWords = summarise(of(runs[index].sameWords, moment));
        return [moment, { three, sameWords, ratio: ratio(three.p50, sameWords.p50) }];
      }),
    ) as Record<Moment, { three: Summary; sameWords: Summary; ratio: number | null }>;
    const page = Object.fromEntries(
      VARIANTS.map((variant) => [variant, Object.fromEntries(PAGE_FACTS.map((key) => [key, round(median(of(runs[index][variant], key)), 0)]))]),
    ) as Record<Variant, Record<(typeof PAGE_FACTS)[number], number>>;
    const { width, height } = VIEWPORTS[view.viewport];
    return { name: `${view.profile === "slowLink" ? "slow link" : "unthrottled"}, ${width}×${height}`, ...view, moments, page };
  });
  for (const view of views) {
    const parts = MOMENTS.map((m) => `${m} ${round(view.moments[m].three.p50, 0)} / ${round(view.moments[m].sameWords.p50, 0)} ms = ${view.moments[m].ratio}×`);
    log(`parallel texts in Chromium, ${view.name} (three languages / same words in one, p50): ${parts.join("; ")}`);
  }
  return {
    rounds: options.rounds,
    /** Visits that found the hub still holding a document after 10 s (not a cold open); kept in the figures. */
    warmVisits,
    link: { downMbit: 1.6, upKbit: 750, roundTripMs: LINK.latency, cpuSlowdown: CPU_SLOWDOWN },
    views,
    method:
      `Chromium (fresh profile per visit) opens ${path} signed in as a secretariat (the bench's session cookie; the page in her language, Vietnamese), on two servers started from copies of one database: ` +
      `in one, conference ${CONFERENCE_NUMBER}'s document holds ${options.items} agenda items and as many draft actions in Vietnamese, Chinese and English (the two others confirmed in line) and its series works in vi, zh and en (authentic vi, zh); ` +
      "in the other the document holds the same words all in Vietnamese fields and the series works in vi only. In both the conference's texts have vi as their base (as a conference created in that series has), " +
      "and the server projects the document into SQL on start (the conference put in projection_backlog), so the server-rendered copy is that of the document. " +
      "The hub has unloaded the document before each visit (COLLAB_IDLE_UNLOAD_MS=300, waited for through /internal/diagnostics): a cold open, as in the Node figure. " +
      "Moments noted by the page (an init script: listeners on the conference socket, a MutationObserver), ms from navigation start: socketFirstMessage; syncStep2 (the message holding the whole document reaches the page); synced (the status reads ok: the live document is on screen); editable (the first agenda text can be typed into). " +
      "step2ToSynced = synced − syncStep2 (the page applying the first state and drawing the live agenda); openToSynced = synced − socket open (the span of the Node figure, with the drawing); scriptMs and taskMs = the page's main-thread script and task time (Chromium's Performance.getMetrics) once both moments had come. " +
      `Medians over ${options.rounds} rounds after one visit of each not counted; every view visited on both servers in each round, each round starting with the other. ` +
      `Views: link profile (unthrottled, or the slow-link section's: ${LINK.latency} ms, 1.6 Mbit/s down, 750 kbit/s up, ${CPU_SLOWDOWN}× CPU, Chromium's own throttling) and viewport.`,
  };
}
