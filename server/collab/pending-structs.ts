import * as Y from "yjs";

/*
 * Yjs keeps edits whose earlier edits it has not seen in the store as
 * "pending" until those arrive. They are not integrated, not part of any
 * "update" event and therefore never stored; Y.encodeStateAsUpdate still
 * merges them into its result, which costs a merge of every pending client
 * (7–22 ms with a few hundred strangers' fragments waiting) and would hand
 * clients edits a restart loses. The server encodes without them.
 */

/** Bytes of edits waiting for earlier edits the server has not seen. */
export function pendingBytes(doc: Y.Doc): number {
  const { pendingStructs, pendingDs } = doc.store;
  return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
}

export function dropPending(doc: Y.Doc) {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}

/** The document as integrated (and stored), for a client with this state vector (all of it when omitted). */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, stateVector);
  dropPending(doc);
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}
