// Counting what the server has not stored yet. A Yjs state vector maps each
// client id to the number of operations of that client a document holds; the
// hub acknowledges what it stored with its own state vector (MESSAGE_STORED).
// Everything this browser holds beyond that is kept only on this device.

export type StateVector = Map<number, number>;

/** Raises `into` to at least `from`, client by client. Returns whether anything changed. */
export function mergeStateVector(into: StateVector, from: StateVector): boolean {
  let changed = false;
  for (const [client, clock] of from) {
    if (clock > (into.get(client) ?? 0)) {
      into.set(client, clock);
      changed = true;
    }
  }
  return changed;
}

/** Sum over clients of max(0, local − stored): operations not yet stored by the server. */
export function countUnsaved(local: StateVector, stored: StateVector): number {
  let total = 0;
  for (const [client, clock] of local) total += Math.max(0, clock - (stored.get(client) ?? 0));
  return total;
}
