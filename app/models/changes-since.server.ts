import { createHash } from "node:crypto";
import type { DB } from "../../db/connection";
import type { EntryChange } from "../collab/attributed-diff";
import { isoNow, type Clock } from "./clock.server";
import { conferenceRedline, type AttributedRedline } from "./edit-attribution.server";

// What changed in a conference's document since one person last marked it
// seen: the whole state they saw is kept (so deleted text can still be
// shown), compared with the document now, with who made each change.
//
// Comparing takes most of a second on a large document, and the answer
// changes only when the document or the reader's mark does: it is kept per
// reader and conference, keyed by both (a digest of each state), so opening
// the workspace again, or asking again while no one edits, costs a digest.

export async function markSeen(db: DB, clock: Clock, input: { userId: string; conferenceId: number; state: Uint8Array }) {
  const seenAt = isoNow(clock);
  await db
    .insertInto("conference_seen")
    .values({ user_id: input.userId, conference_id: input.conferenceId, state: input.state, seen_at: seenAt })
    .onConflict((oc) => oc.columns(["user_id", "conference_id"]).doUpdateSet({ state: input.state, seen_at: seenAt }))
    .execute();
  return seenAt;
}

/** One party's share of the changes: how many entries it added, changed or removed. */
export interface PartyChanges {
  party: string | null;
  agenda: { added: number; changed: number; removed: number };
  actions: { added: number; changed: number; removed: number };
}

export interface ChangesSince {
  /** When the reader last marked the conference seen; null on a first visit (which is then where they start). */
  since: string | null;
  entries: EntryChange<number>[];
  who: Pick<AttributedRedline, "marks" | "people">;
  byParty: PartyChanges[];
}

/**
 * The changes others made since this reader last marked the conference seen.
 * A first visit starts the reader from now, so that they are shown what
 * changes from then on rather than the whole document.
 */
export async function changesSinceSeen(
  db: DB,
  clock: Clock,
  input: { userId: string; conference: { id: number; docName: string; seriesId: number; baseLanguage: string }; current: Uint8Array; parties: string[] },
): Promise<ChangesSince> {
  const seen = await db
    .selectFrom("conference_seen")
    .select(["state", "seen_at"])
    .where("user_id", "=", input.userId)
    .where("conference_id", "=", input.conference.id)
    .executeTakeFirst();
  if (!seen) {
    await markSeen(db, clock, { userId: input.userId, conferenceId: input.conference.id, state: input.current });
    return { since: null, entries: [], who: { marks: {}, people: {} }, byParty: [] };
  }
  const seenState = new Uint8Array(seen.state);
  // Nothing changed since (the common case) needs no comparison: the same state encodes to the same bytes.
  if (Buffer.compare(seenState, input.current) === 0) return { since: seen.seen_at, entries: [], who: { marks: {}, people: {} }, byParty: [] };
  const cacheKey = `${input.userId}\u0000${input.conference.id}`;
  const stateKey = `${seen.seen_at}\u0000${digest(seenState)}\u0000${digest(input.current)}`;
  const cached = answers.get(cacheKey);
  if (cached && cached.stateKey === stateKey) {
    // Most recently used last: the oldest is the first to go.
    answers.delete(cacheKey);
    answers.set(cacheKey, cached);
    return cached.answer;
  }
  const answer = await compare(db, clock, input, seen.seen_at, seenState);
  // A first visit after an unreadable state was marked again just now: nothing to keep.
  if (answer.since !== null) remember(cacheKey, { stateKey, answer });
  return answer;
}

/** Answers kept, by reader and conference (see the top of this file). */
const answers = new Map<string, { stateKey: string; answer: ChangesSince }>();
const MAX_ANSWERS = 500;

function remember(key: string, entry: { stateKey: string; answer: ChangesSince }) {
  answers.delete(key);
  answers.set(key, entry);
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!);
}

function digest(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64");
}

async function compare(
  db: DB,
  clock: Clock,
  input: Parameters<typeof changesSinceSeen>[2],
  seenAt: string,
  seenState: Uint8Array,
): Promise<ChangesSince> {
  let redline;
  try {
    redline = await conferenceRedline(db, input.conference, seenState, input.current);
  } catch {
    // A state that cannot be read back (stored by an older version of the document's shape) must not keep the
    // conference from opening: the reader starts again from now.
    await markSeen(db, clock, { userId: input.userId, conferenceId: input.conference.id, state: input.current });
    return { since: null, entries: [], who: { marks: {}, people: {} }, byParty: [] };
  }
  const othersOf = (entry: EntryChange<number>) => entry.by.map((i) => redline.marks[i]?.userId).filter((id) => id !== input.userId);
  // What the reader changed alone they know already.
  const entries = redline.entries.filter((e) => e.change !== "unchanged" && (e.by.length === 0 || othersOf(e).length > 0));
  const counts = new Map<string | null, PartyChanges>();
  for (const entry of entries) {
    const parties = new Set(othersOf(entry).map((userId) => redline.people[userId!]?.party ?? null));
    if (parties.size === 0) parties.add(null);
    for (const party of parties) {
      let row = counts.get(party);
      if (!row) counts.set(party, (row = { party, agenda: { added: 0, changed: 0, removed: 0 }, actions: { added: 0, changed: 0, removed: 0 } }));
      const bucket = entry.list === "agenda" ? row.agenda : row.actions;
      bucket[entry.change as "added" | "changed" | "removed"] += 1;
    }
  }
  const rank = (party: string | null) => (party === null ? input.parties.length : input.parties.indexOf(party) < 0 ? input.parties.length - 0.5 : input.parties.indexOf(party));
  const byParty = [...counts.values()].sort((a, b) => rank(a.party) - rank(b.party));
  return { since: seenAt, entries, who: { marks: redline.marks, people: redline.people }, byParty };
}
