import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** What one document's presence may hold: the hub relays all of it to every newcomer. */
export interface PresenceLimits {
  /** Presence states in the document, everyone's together. */
  maxStates: number;
  /** Client ids one connection may speak for (a tab has one; a reconnect briefly two). */
  maxIdsPerConnection: number;
  /** One state, as JSON. */
  maxStateBytes: number;
  /** All states of the document together, as JSON. */
  maxStatesBytes: number;
}

export interface AwarenessIdentity {
  id: string;
  name: string;
  /** The colour the hub gave this person in this document (unique while they are there). */
  color?: string;
}

/**
 * Rewrites an awareness update from one connection so that it can only speak
 * for itself: every state's `user.name` and `user.id` are the signed-in
 * person's (no one can appear under another's name), `user.color` is the one
 * the hub gave them (two people never share one), and client ids already
 * claimed by another connection are dropped. Returns null if nothing is left.
 */
export function sanitiseAwarenessUpdate(
  update: Uint8Array,
  identity: AwarenessIdentity,
  mayUseClientId: (clientId: number) => boolean,
  maxStateBytes = Infinity,
): { update: Uint8Array; clientIds: number[] } | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 64) throw new Error("too many awareness states in one message");
  const kept: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    if (raw.length > maxStateBytes) continue;
    if (!mayUseClientId(clientId)) continue;
    const state: unknown = JSON.parse(raw);
    if (state !== null && typeof state === "object" && !Array.isArray(state)) {
      const record = state as Record<string, unknown>;
      const user = record.user && typeof record.user === "object" ? (record.user as Record<string, unknown>) : {};
      record.user = { ...user, id: identity.id, name: identity.name, ...(identity.color ? { color: identity.color } : {}) };
      kept.push({ clientId, clock, state: JSON.stringify(record) });
    } else {
      // null means "this client left": always allowed for one's own ids.
      kept.push({ clientId, clock, state: "null" });
    }
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return { update: encoding.toUint8Array(encoder), clientIds: kept.map((k) => k.clientId) };
}
