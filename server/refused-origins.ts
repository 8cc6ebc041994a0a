import type { Logger } from "pino";
import type { Clock } from "../app/models/clock.server";
import type { DB } from "../db/connection";

/** Distinct addresses remembered per minute; beyond, refusals are counted under one shared entry. */
const MAX_ADDRESSES = 5_000;
const MAX_PATHS = 5;
const FLUSH_MS = 5_000;

interface Tally {
  minute: string;
  ip: string;
  count: number;
  written: number;
  origin: string | null;
  paths: string[];
  rowId: number | null;
}

/**
 * The audit trail of cross-site POSTs refused by the origin check, aggregated:
 * one row per address per minute, carrying how many were refused. The first
 * refusal of an address in a minute is written at once (so a single forgery
 * attempt is on record immediately); later ones only raise its count, written
 * every few seconds. A flood of forged posts costs one row a minute per
 * address instead of one row per request.
 */
export class RefusedOriginLog {
  private tallies = new Map<string, Tally>();
  private minute = "";
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: DB,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  record(input: { ip: string | null; path: string; origin: string | null }) {
    const minute = this.clock.now().toISOString().slice(0, 16);
    if (minute !== this.minute) {
      // A new minute: the tallies of earlier ones are kept only until their counts are written.
      this.minute = minute;
      for (const [key, tally] of this.tallies) if (tally.minute !== minute && tally.count === tally.written) this.tallies.delete(key);
    }
    const ip = input.ip ?? "unknown";
    let key = `${minute} ${ip}`;
    if (!this.tallies.has(key) && this.tallies.size >= MAX_ADDRESSES) key = `${minute} *`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { minute, ip: key.endsWith(" *") ? "*" : ip, count: 0, written: 0, origin: input.origin, paths: [], rowId: null };
      this.tallies.set(key, tally);
    }
    tally.count += 1;
    if (tally.paths.length < MAX_PATHS && !tally.paths.includes(input.path)) tally.paths.push(input.path);
    if (tally.rowId === null && tally.count === 1) this.queue(() => this.insert(tally));
    else this.schedule();
  }

  /** Writes every count not yet written (on a timer, and at shutdown). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const tally of this.tallies.values()) {
      if (tally.count !== tally.written) this.queue(() => (tally.rowId === null ? this.insert(tally) : this.update(tally)));
    }
    await this.writing;
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /** Writes one at a time, in order: an update never overtakes the insert of its row. */
  private queue(write: () => Promise<void>) {
    this.writing = this.writing.then(write).catch((err: unknown) => this.logger.warn({ err }, "could not record refused cross-site requests"));
  }

  private detail(tally: Tally) {
    return JSON.stringify({ origin: tally.origin, count: tally.count, paths: tally.paths, minute: tally.minute });
  }

  private async insert(tally: Tally) {
    if (tally.rowId !== null) return this.update(tally);
    const count = tally.count;
    const row = await this.db
      .insertInto("audit_events")
      .values({ at: this.clock.now().toISOString(), kind: "origin.refused", subject: tally.paths[0] ?? "", actor_id: null, ip: tally.ip, detail: this.detail(tally) })
      .returning("id")
      .executeTakeFirstOrThrow();
    tally.rowId = row.id;
    tally.written = count;
  }

  private async update(tally: Tally) {
    if (tally.rowId === null || tally.count === tally.written) return;
    const count = tally.count;
    await this.db.updateTable("audit_events").set({ detail: this.detail(tally) }).where("id", "=", tally.rowId).execute();
    tally.written = count;
  }
}
