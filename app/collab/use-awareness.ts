import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";

// Who is here, and which field each person is in, from y-protocols awareness.

export interface PeerState {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  /** The field this person is in, e.g. "agenda:<id>:title", or null. */
  focus: string | null;
  isSelf: boolean;
}

function readPeers(awareness: Awareness): PeerState[] {
  const peers: PeerState[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: Record<string, unknown> }).user;
    if (!user || typeof user.name !== "string") continue;
    const focus = (state as { focus?: unknown }).focus;
    peers.push({
      clientId,
      userId: typeof user.id === "string" ? user.id : `client-${clientId}`,
      name: user.name,
      color: typeof user.color === "string" ? user.color : "",
      focus: typeof focus === "string" ? focus : null,
      isSelf: clientId === awareness.clientID,
    });
  }
  return peers;
}

function samePeers(a: PeerState[], b: PeerState[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i];
      return q !== undefined && p.clientId === q.clientId && p.userId === q.userId && p.name === q.name && p.color === q.color && p.focus === q.focus && p.isSelf === q.isSelf;
    })
  );
}

export function useAwarenessPeers(awareness: Awareness | null): PeerState[] {
  const [peers, setPeers] = useState<PeerState[]>([]);
  useEffect(() => {
    if (!awareness) return setPeers([]);
    // Awareness changes with every caret move; most of them change nothing read here, and
    // keeping the same array then spares every field that shows presence a render per keystroke.
    const refresh = () => {
      const next = readPeers(awareness);
      setPeers((prev) => (samePeers(prev, next) ? prev : next));
    };
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [awareness]);
  return peers;
}

/** One entry per person (several tabs count once), yourself first. */
export function peoplePresent(peers: PeerState[]): PeerState[] {
  const byUser = new Map<string, PeerState>();
  for (const peer of peers) {
    const known = byUser.get(peer.userId);
    if (!known || (peer.isSelf && !known.isSelf)) byUser.set(peer.userId, peer);
  }
  return [...byUser.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
}

export function setLocalFocus(awareness: Awareness | null, focus: string | null) {
  if (!awareness) return;
  const current = (awareness.getLocalState() as { focus?: unknown } | null)?.focus ?? null;
  if (current !== focus) awareness.setLocalStateField("focus", focus);
}
