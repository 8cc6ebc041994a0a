import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

// The ranges of Yjs items one transaction deleted, as compact bytes: the
// count of clients, then for each its id, its count of ranges and each range
// as (clock, length). Stored with who deleted them (decision 0028), since a
// Yjs deletion itself names no one.

export interface DeletedRange {
  client: number;
  clock: number;
  len: number;
}

/** The shape of a Yjs DeleteSet (transaction.deleteSet), which Yjs does not export as a type. */
export interface DeleteSetLike {
  clients: Map<number, { clock: number; len: number }[]>;
}

export function encodeDeleteRanges(ds: DeleteSetLike): Uint8Array | null {
  let clients = 0;
  for (const ranges of ds.clients.values()) if (ranges.length > 0) clients += 1;
  if (clients === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients);
  for (const [client, ranges] of ds.clients) {
    if (ranges.length === 0) continue;
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.len);
    }
  }
  return encoding.toUint8Array(encoder);
}

export function decodeDeleteRanges(bytes: Uint8Array): DeletedRange[] {
  const decoder = decoding.createDecoder(bytes);
  const out: DeletedRange[] = [];
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const client = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    for (let r = 0; r < count; r++) {
      const clock = decoding.readVarUint(decoder);
      const len = decoding.readVarUint(decoder);
      out.push({ client, clock, len });
    }
  }
  return out;
}

/**
 * Who deleted an item, from every stored deletion in the order they were
 * made: the first to delete it (two people may delete the same words at once).
 */
export class DeleterIndex<T> {
  private readonly byClient = new Map<number, { clock: number; end: number; order: number; who: T }[]>();
  private added = 0;
  private sorted = true;

  add(ranges: DeletedRange[], who: T) {
    for (const range of ranges) {
      let list = this.byClient.get(range.client);
      if (!list) this.byClient.set(range.client, (list = []));
      list.push({ clock: range.clock, end: range.clock + range.len, order: this.added++, who });
    }
    this.sorted = false;
  }

  /** Who deleted the item (client, clock); undefined when no one is recorded. */
  find(client: number, clock: number): T | undefined {
    if (!this.sorted) {
      for (const list of this.byClient.values()) list.sort((a, b) => a.clock - b.clock || a.order - b.order);
      this.sorted = true;
    }
    const list = this.byClient.get(client);
    if (!list) return undefined;
    // The last range starting at or before the clock, then back over the few that may also cover it.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (list[mid].clock <= clock) low = mid + 1;
      else high = mid;
    }
    let best: { order: number; who: T } | undefined;
    for (let i = low - 1, seen = 0; i >= 0 && seen < MAX_OVERLAP_SCAN; i--, seen++) {
      const range = list[i];
      if (range.end > clock && (!best || range.order < best.order)) best = range;
    }
    return best?.who;
  }
}

/**
 * How far back a lookup looks for a range that started earlier and still
 * covers the item: ranges of one client overlap only when two people deleted
 * the same text at once, and then they are neighbours.
 */
const MAX_OVERLAP_SCAN = 64;
