import * as awarenessProtocol from "y-protocols/awareness";
import { sanitiseAwarenessUpdate, type PresenceLimits } from "./awareness-guard";
import type { CollabConnection } from "./connection";
import type { CollabDocument } from "./document";

/**
 * Takes a connection's presence (awareness) update into the document: only
 * for its own client ids, under the signed-in person's name and the colour
 * the hub gave them, within what one connection and the whole document may
 * hold. Returns false when something was dropped at a limit.
 */
export function receivePresence(doc: CollabDocument, conn: CollabConnection, update: Uint8Array, limits: PresenceLimits): boolean {
  const states = doc.awareness.getStates();
  const identity = { id: conn.user.id, name: conn.user.name, color: conn.color };
  let withinLimits = true;
  // Ids this message adds, counted as they are taken: limits hold within one message too.
  let newForConnection = 0;
  let newForDocument = 0;
  const clean = sanitiseAwarenessUpdate(
    update,
    identity,
    (clientId) => {
      if (!conn.clientIds.has(clientId)) {
        const newHere = !states.has(clientId);
        if (conn.clientIds.size + newForConnection >= limits.maxIdsPerConnection || (newHere && states.size + newForDocument >= limits.maxStates)) {
          withinLimits = false;
          return false;
        }
        newForConnection += 1;
        if (newHere) newForDocument += 1;
      }
      for (const other of doc.connections) {
        if (other === conn || !other.clientIds.has(clientId)) continue;
        // The same person reconnecting before their old socket timed out takes their presence back.
        if (other.user.id !== conn.user.id) return false;
        other.clientIds.delete(clientId);
      }
      return clientId !== doc.clientID;
    },
    limits.maxStateBytes,
  );
  if (!clean) return withinLimits;
  // Counted only once the document could hold more than allowed (many states at their largest).
  if (states.size * limits.maxStateBytes > limits.maxStatesBytes && presenceBytes(doc) + clean.update.byteLength > limits.maxStatesBytes) {
    return false;
  }
  for (const id of clean.clientIds) conn.clientIds.add(id);
  awarenessProtocol.applyAwarenessUpdate(doc.awareness, clean.update, conn);
  return withinLimits;
}

/** Presence a document holds, as JSON bytes: what every newcomer is sent. */
function presenceBytes(doc: CollabDocument): number {
  let total = 0;
  for (const state of doc.awareness.getStates().values()) total += JSON.stringify(state).length;
  return total;
}
