import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { launchBrowser } from "../../test/helpers/browser";
import { copyDb } from "../lib/fixtures";
import { LAN, SERIES, startAccord } from "../lib/servers";

/** The demo's administrator, for the administration page. */
const ADMIN = "admin@accord.test";
import { ratio, round, summarise } from "../lib/stats";
import type { Log } from "../lib/util";

/**
 * A delegate at a border post: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round
 * trip, a phone-class CPU (4× slowdown). Chromium's DevTools throttling, so the
 * figures are those of the browser's own network stack and scheduler.
 */
export const LINK = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
export const CPU_SLOWDOWN = 4;

export interface SlowLinkOptions {
  templateDb: string;
  repeats: number;
}

interface PageSpec {
  name: string;
  path: string;
  /** Who is signed in (none: the sign-in page). */
  as: string | null;
  /** What "usable" means on this page: selectors that all match once it is. */
  ready: string[];
  /** Where a person types once the page is ready; usable only once what they typed is stored. */
  typeInto?: string;
}

/** The 18th conference of the demo series is planned: its workspace is editable. */
const WORKSPACE_NUMBER = 18;
/** An agenda item's own rich text, not the delegation's private note beside it (another document). */
const AGENDA_TEXT = '.agenda-list .ProseMirror[contenteditable="true"]:not(.private-note *)';
/**
 * What a person types to show the workspace is typable: one character (decision 0053), typed the
 * moment the page shows the agenda's text editable and synced. Earlier rounds typed it into the same
 * database: what counts is one more than the text held when it became editable.
 */
const TYPED = "q";

const PAGES: PageSpec[] = [
  { name: "login", path: "/login", as: null, ready: ['form[action="/login"] input[name="email"]'] },
  // Typable: the document has synced, the editor (a chunk loaded after the page) is editable,
  // and a character typed into an agenda item's text has been stored by the server.
  {
    name: "workspace",
    path: `/series/${SERIES}/conferences/${WORKSPACE_NUMBER}`,
    as: LAN,
    ready: [".collab-status-ok", AGENDA_TEXT],
    typeInto: AGENDA_TEXT,
  },
  { name: "myCommitments", path: "/my/commitments", as: LAN, ready: ["main h1"] },
  { name: "leader", path: `/series/${SERIES}/leader`, as: LAN, ready: ["main h1"] },
  { name: "register", path: `/series/${SERIES}/commitments`, as: LAN, ready: ["main h1"] },
  { name: "briefing", path: `/series/${SERIES}/briefing`, as: LAN, ready: ["main h1"] },
  { name: "admin", path: "/admin/users", as: ADMIN, ready: ["main h1"] },
];

/** The workspace's rich-text editor (TipTap, ProseMirror), a chunk of its own: counted apart too. */
const EDITOR_CHUNK = /\/rich-text-editor-[^/]*\.js$/;

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...LINK });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  return cdp;
}

/** Compressed bytes of JavaScript the page fetched (as sent over the wire, headers included), and of its editor chunk. */
function countScripts(cdp: CDPSession) {
  const scripts = new Map<string, string>();
  let bytes = 0;
  let editorBytes = 0;
  cdp.on("Network.responseReceived", (event: { requestId: string; type: string; response: { url: string } }) => {
    if (event.type === "Script") scripts.set(event.requestId, event.response.url);
  });
  cdp.on("Network.loadingFinished", (event: { requestId: string; encodedDataLength: number }) => {
    const url = scripts.get(event.requestId);
    if (url === undefined) return;
    bytes += event.encodedDataLength;
    if (EDITOR_CHUNK.test(new URL(url).pathname)) editorBytes += event.encodedDataLength;
  });
  return () => ({ bytes, editorBytes, files: scripts.size });
}

/**
 * Where the workspace's time goes: moments noted by the page itself (ms from
 * navigation start, on its own clock), set before any of its scripts run.
 */
function noteMoments({ agendaText, typed, ready }: { agendaText: string; typed: string; ready: string[] }) {
  const marks: Record<string, number> = {};
  (window as unknown as { accordMoments: Record<string, number> }).accordMoments = marks;
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
      this.addEventListener("message", () => mark("socketFirstMessage"), { once: true });
    }
  };
  document.addEventListener("mousedown", () => mark("clicked"), true);
  document.addEventListener("keydown", () => mark("firstKey"), true);
  document.addEventListener("keyup", () => (marks.lastKey = performance.now()), true);
  // What was typed shows (once more than the text held when it became editable: earlier rounds typed
  // the same word into the same database), then is stored (the status leaves "ok" and comes back to it).
  const count = () => (document.querySelector(agendaText)?.textContent ?? "").split(typed).length - 1;
  let before: number | null = null;
  let typedShown = false;
  let leftOk = false;
  const observer = new MutationObserver(() => {
    if (document.documentElement.dataset.hydrated) mark("hydrated");
    if (document.querySelector(".collab-status-ok")) mark("synced");
    if (document.querySelector(".agenda-list .ProseMirror")) mark("firstEditor");
    if (document.querySelector(agendaText)) mark("editable");
    if (before === null && "editable" in marks) before = count();
    // As soon as the page is typable, the field gets the focus and the bench's keyboard types (typeNow):
    // no wait for the bench to notice, scroll and click, which on a 4×-slowed CPU took half a second.
    if (!("typeRequested" in marks) && ready.every((s) => document.querySelector(s) !== null)) {
      mark("typeRequested");
      document.querySelector<HTMLElement>(agendaText)?.focus();
      void (window as unknown as { accordTypeNow: () => Promise<void> }).accordTypeNow();
    }
    if (!typedShown && before !== null && count() > before) {
      typedShown = true;
      mark("typedShown");
    }
    if (typedShown && document.querySelector(".collab-status-ok") === null) leftOk = true;
    if (leftOk && document.querySelector(".collab-status-ok")) mark("typedStored");
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** The document's and scripts' own timings, beside the noted moments. */
function readMoments(): Record<string, number> {
  const marks = { ...(window as unknown as { accordMoments: Record<string, number> }).accordMoments };
  const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  if (nav) Object.assign(marks, { htmlFirstByte: nav.responseStart, htmlLoaded: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd });
  const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => r.initiatorType === "script" || r.initiatorType === "link" || r.name.endsWith(".js"));
  const editor = scripts.find((r) => /\/rich-text-editor-[^/]*\.js$/.test(r.name));
  if (editor) marks.editorChunkLoaded = editor.responseEnd;
  const js = scripts.filter((r) => r.name.endsWith(".js"));
  if (js.length > 0) marks.lastScriptLoaded = Math.max(...js.map((r) => r.responseEnd));
  return marks;
}

/**
 * "Usable" is measured from the start of navigation to the moment the page's
 * readiness selector matches and the load event has fired (so the page's own
 * scripts have run): for pages without an editor this is "readable and
 * interactive", for the workspace "typable".
 */
async function visit(context: BrowserContext, spec: PageSpec) {
  const page = await context.newPage();
  let moments: Record<string, number> = {};
  const cdp = await throttle(page);
  const scripts = countScripts(cdp);
  if (spec.typeInto) {
    await page.exposeFunction("accordTypeNow", () => page.keyboard.type(TYPED));
    await page.addInitScript(noteMoments, { agendaText: spec.typeInto, typed: TYPED, ready: spec.ready });
  }
  const started = performance.now();
  await page.goto(spec.path, { waitUntil: "load", timeout: 120_000 });
  // A function, not a string: the pages' CSP forbids evaluating strings.
  await page.waitForFunction((selectors) => selectors.every((s) => document.querySelector(s) !== null), spec.ready, { timeout: 120_000, polling: 50 });
  if (spec.typeInto) {
    // The page typed as it became typable (noteMoments). Should the editor have been replaced while the
    // page settled (a new session, edit rights known), the bench clicks and types again until it shows.
    const field = page.locator(spec.typeInto).first();
    const typedShown = () =>
      page
        .waitForFunction(() => "typedShown" in (window as unknown as { accordMoments: Record<string, number> }).accordMoments, undefined, { timeout: 5_000, polling: 50 })
        .then(() => true, () => false);
    for (let attempt = 0; !(await typedShown()); attempt++) {
      if (attempt === 3) throw new Error("typing into the workspace never showed");
      await field.click();
      await page.keyboard.type(TYPED);
    }
    // "Saving" shows from the keystroke until the hub acknowledges the edit: the page notes when "ok" is back.
    await page.waitForFunction(() => "typedStored" in (window as unknown as { accordMoments: Record<string, number> }).accordMoments, undefined, { timeout: 120_000, polling: 50 });
  }
  const ms = performance.now() - started;
  // Read once the page is usable, so that reading them adds nothing to the time measured.
  if (spec.typeInto) moments = await page.evaluate(readMoments);
  await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => undefined);
  const js = scripts();
  await page.close();
  return { ms, jsBytes: js.bytes, editorBytes: js.editorBytes, jsFiles: js.files, moments };
}

export async function runSlowLink(options: SlowLinkOptions, log: Log) {
  const accord = await startAccord({ dbPath: copyDb(options.templateDb), users: [LAN, ADMIN] });
  const browser = await launchBrowser();
  try {
    const samples = new Map<string, number[]>(PAGES.map((p) => [p.name, []]));
    const jsBytes = new Map<string, number>();
    const editorBytes = new Map<string, number>();
    const jsFiles = new Map<string, number>();
    const moments: Array<Record<string, number>> = [];
    for (let round_ = 0; round_ < options.repeats; round_++) {
      // Pages alternate within each round, each in a fresh profile (nothing cached), so all share the machine's noise.
      for (const spec of PAGES) {
        const context = await browser.newContext({ baseURL: accord.server.url, locale: "en-GB", viewport: { width: 390, height: 844 } });
        if (spec.as) {
          const [name, value] = accord.cookie(spec.as).split(";")[0].split("=");
          await context.addCookies([{ name, value, url: accord.server.url }]);
        }
        try {
          const result = await visit(context, spec).catch((error: unknown) => {
            throw new Error(`${spec.name} (${spec.path}), round ${round_ + 1}: ${error instanceof Error ? error.message : String(error)}`);
          });
          samples.get(spec.name)!.push(result.ms);
          jsBytes.set(spec.name, result.jsBytes);
          editorBytes.set(spec.name, result.editorBytes);
          jsFiles.set(spec.name, result.jsFiles);
          if (spec.typeInto) moments.push(result.moments);
        } finally {
          await context.close();
        }
      }
      log(`slow link: round ${round_ + 1}/${options.repeats}`);
    }
    const login = summarise(samples.get("login")!);
    const pages = Object.fromEntries(
      PAGES.map((spec) => {
        const summary = summarise(samples.get(spec.name)!);
        return [
          spec.name,
          {
            path: spec.path,
            usableMs: summary,
            vsLogin: ratio(summary.p50, login.p50),
            jsKB: round((jsBytes.get(spec.name) ?? 0) / 1024, 1),
            /** Of which the editor chunk (the workspace only). */
            editorKB: round((editorBytes.get(spec.name) ?? 0) / 1024, 1),
            jsFiles: jsFiles.get(spec.name) ?? 0,
          },
        ];
      }),
    );
    // The median of each moment over the rounds, in the order they came.
    const names = [...new Set(moments.flatMap((m) => Object.keys(m)))];
    const workspaceMoments = Object.fromEntries(
      names
        .map((name) => [name, round(summarise(moments.flatMap((m) => (name in m ? [m[name]] : []))).p50, 0)] as const)
        .sort((a, b) => a[1] - b[1]),
    );
    return {
      link: { downMbit: 1.6, upKbit: 750, roundTripMs: LINK.latency, cpuSlowdown: CPU_SLOWDOWN },
      repeats: options.repeats,
      pages,
      workspaceMoments,
      note: "workspaceMoments = medians, ms from navigation start on the page's clock (socket = the conference document's; typeRequested = the page became typable and asked the bench to type; typedShown/typedStored = that character shown, then stored). Usable = navigation start to readiness (workspace: synced, editor editable, one character typed into an agenda item's text the moment it was, shown and stored; others: heading present and load event). JS = compressed bytes over the wire, headers included, fresh profile; of which the rich-text editor's chunk (the workspace's JS without it is the difference).",
    };
  } finally {
    await browser.close();
    await accord.stop();
  }
}
