import * as decoding from "lib0/decoding";
import type * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

// A browser's first sync receives the whole document in one sync step 2.
// With an "update" listener on the document (the provider, IndexedDB and the
// workspace each have one), Yjs encodes everything the transaction added once
// more to hand it to them, and for a conference in three languages that
// encoding is as long as the apply itself (decision 0052). The listeners do
// not need Yjs's encoding: the bytes the hub sent hold exactly what was added
// (and perhaps what the document already had, which applying again leaves
// as is). So a sync step 2 is applied with no update listener attached, and
// each listener is then handed the received bytes.

const MESSAGE_SYNC = 0;

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;

/**
 * Applies an update the way Y.applyUpdate does, telling the document's
 * "update" listeners afterwards with `update` itself rather than Yjs's own
 * encoding of the change. Listeners are told only when the document changed,
 * as Yjs tells them. Inside a running transaction the change would be
 * announced by that transaction: then it is an ordinary Y.applyUpdate.
 */
export function applyAsReceived(doc: Y.Doc, update: Uint8Array, origin: unknown) {
  const observers = doc._observers as Map<string, Set<UpdateListener>>;
  const listeners = observers.get("update");
  if (!listeners || doc._transaction !== null) return Y.applyUpdate(doc, update, origin);
  observers.delete("update");
  let transaction: Y.Transaction | null = null;
  try {
    doc.transact((tr) => {
      transaction = tr;
      Y.applyUpdate(doc, update, origin);
    }, origin);
  } finally {
    // A listener attached by an observer during the apply stays attached
    // (one detached meanwhile would stay too: nothing here detaches one then).
    for (const added of observers.get("update") ?? []) listeners.add(added);
    observers.set("update", listeners);
  }
  if (transaction === null || !changedDocument(transaction)) return;
  for (const listener of [...listeners]) listener(update, origin, doc, transaction);
}

function changedDocument(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (clock !== (transaction.beforeState.get(client) ?? 0)) return true;
  return false;
}

/**
 * Makes a provider apply every sync step 2 it receives (the whole document
 * on a first sync, what was missed on a reconnect) with applyAsReceived.
 * Everything else it receives takes y-websocket's own path.
 */
export function applyServerStatesAsReceived(provider: WebsocketProvider) {
  const ordinary = provider.messageHandlers[MESSAGE_SYNC];
  provider.messageHandlers[MESSAGE_SYNC] = (
    encoder: encoding.Encoder,
    decoder: decoding.Decoder,
    from: WebsocketProvider,
    emitSynced: boolean,
    messageType: number,
  ) => {
    if (decoding.readVarUint(decoding.clone(decoder)) !== syncProtocol.messageYjsSyncStep2) {
      return ordinary(encoder, decoder, from, emitSynced, messageType);
    }
    decoding.readVarUint(decoder);
    const update = decoding.readVarUint8Array(decoder);
    try {
      applyAsReceived(from.doc, update, from);
    } catch (error) {
      // As y-protocols does for a sync step 2 it cannot apply.
      console.error("Caught error while handling a Yjs update", error);
    }
    if (emitSynced && !from.synced) from.synced = true;
  };
}
