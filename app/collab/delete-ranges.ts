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
  private readonly byClient = new Map<number, { clock: number; end: number; who: T }[]>();

  add(ranges: DeletedRange[], who: T) {
    for (const range of ranges) {
      let list = this.byClient.get(range.client);
      if (!list) this.byClient.set(range.client, (list = []));
      list.push({ clock: range.clock, end: range.clock + range.len, who });
    }
  }

  /** Who deleted the item (client, clock); undefined when no one is recorded. */
  find(client: number, clock: number): T | undefined {
    const list = this.byClient.get(client);
    if (!list) return undefined;
    // Ranges are few per client and kept in the order they were made: the first that covers it wins.
    for (const range of list) if (range.clock <= clock && clock < range.end) return range.who;
    return undefined;
  }
}
