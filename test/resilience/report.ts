import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../helpers/env";

/**
 * RELIABILITY.md at the top of the repository, written by the resilience suite
 * itself. Each test file runs in its own worker, so each records its section
 * when it ends; the figures of every section live in a JSON comment inside the
 * file, and the whole page is rebuilt from them, newest figures winning.
 */

export const FULL = process.env.RESILIENCE_SCALE === "full";
export const SCALE = FULL ? "full" : "bounded";

/** The bounded value in CI, the full one with RESILIENCE_SCALE=full. */
export function scaled<T>(bounded: T, full: T): T {
  return FULL ? full : bounded;
}

export interface Section {
  title: string;
  /** Rows of a two-column table: what was measured, and the figure. */
  figures: [string, string | number][];
  notes?: string[];
}

interface Stored {
  sections: Record<string, Section & { at: string; scale: string; machine: string }>;
}

const FILE = path.join(ROOT, "RELIABILITY.md");
const DATA = /<!-- resilience-data\n([\s\S]*?)\n-->/;
const ORDER = ["authorisation-matrix", "cross-site", "socket-fuzz", "crash", "uploads-and-errors", "request-limits"];

export function machine(): string {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${gib} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}

function read(): Stored {
  if (!existsSync(FILE)) return { sections: {} };
  const match = DATA.exec(readFileSync(FILE, "utf8"));
  if (!match) return { sections: {} };
  try {
    return JSON.parse(match[1]) as Stored;
  } catch {
    return { sections: {} };
  }
}

const cell = (value: string | number) => String(value).replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Records one test file's figures and rewrites RELIABILITY.md. */
export function writeSection(key: string, section: Section) {
  const stored = read();
  stored.sections[key] = { ...section, at: new Date().toISOString(), scale: SCALE, machine: machine() };
  const keys = Object.keys(stored.sections).sort((a, b) => {
    const ia = ORDER.indexOf(a) === -1 ? ORDER.length : ORDER.indexOf(a);
    const ib = ORDER.indexOf(b) === -1 ? ORDER.length : ORDER.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
  const lines = [
    "# Reliability figures",
    "",
    "Written by the resilience suite (`npm run test:resilience`; `RESILIENCE_SCALE=full` for the long form)",
    "at the end of each of its test files. Do not edit by hand: the next run rewrites this page.",
    "",
  ];
  for (const k of keys) {
    const s = stored.sections[k];
    lines.push(`## ${s.title}`, "", `Run ${s.at} · scale ${s.scale} · ${s.machine}`, "", "| measure | figure |", "| --- | --- |");
    for (const [what, value] of s.figures) lines.push(`| ${cell(what)} | ${cell(value)} |`);
    if (s.notes?.length) lines.push("", ...s.notes.map((n) => `- ${n}`));
    lines.push("");
  }
  lines.push("<!-- resilience-data", JSON.stringify(stored, null, 1), "-->", "");
  writeFileSync(FILE, lines.join("\n"));
}
