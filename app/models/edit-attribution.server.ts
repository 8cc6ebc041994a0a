import type { DB } from "../../db/connection";
import { attributedDiff, type AttributedPart, type Authors } from "../collab/attributed-diff";
import { decodeDeleteRanges, DeleterIndex } from "../collab/delete-ranges";

// Who wrote what in a conference document (decision 0028): the people bound
// to its Yjs client ids and the deletions stored with who made them, turned
// into the authors of a redline. A person is named with their party in the
// series (the agency they act for there), so "Trần Văn An (VNC)".

export interface EditAuthor {
  userId: string;
  name: string;
  /** The agency code they act for in this series; null for someone outside it (an administrator). */
  party: string | null;
  /** When their first edit in this document was stored. */
  since: string;
}

/** One person's change at one time: what a redline's parts point to (by index into `marks`). */
export interface EditMark {
  userId: string;
  /** When it was stored: the deletion's time, or for an insertion the first edit of its client. */
  at: string;
}

export interface DocumentAuthors {
  /** By user id. */
  people: Record<string, EditAuthor>;
  marks: EditMark[];
  /** Resolves Yjs items to indexes into `marks`. */
  resolve: Authors<number>;
}

export async function documentAuthors(db: DB, docName: string, seriesId: number): Promise<DocumentAuthors> {
  const [clients, deletions] = await Promise.all([
    db.selectFrom("collab_clients").select(["client_id", "user_id", "first_at"]).where("doc_name", "=", docName).execute(),
    db.selectFrom("collab_deletions").select(["user_id", "ranges", "created_at"]).where("doc_name", "=", docName).orderBy("id").execute(),
  ]);
  const userIds = [...new Set([...clients.map((c) => c.user_id), ...deletions.map((d) => d.user_id)])];
  const people: Record<string, EditAuthor> = {};
  if (userIds.length > 0) {
    const rows = await db
      .selectFrom("users")
      .leftJoin("memberships", (join) => join.onRef("memberships.user_id", "=", "users.id").on("memberships.series_id", "=", seriesId))
      .leftJoin("agencies", "agencies.id", "memberships.agency_id")
      .select(["users.id", "users.name", "agencies.code"])
      .where("users.id", "in", userIds)
      .execute();
    for (const row of rows) people[row.id] = { userId: row.id, name: row.name, party: row.code ?? null, since: "" };
  }
  const marks: EditMark[] = [];
  const byClient = new Map<number, number>();
  for (const row of clients) {
    byClient.set(Number(row.client_id), marks.push({ userId: row.user_id, at: row.first_at }) - 1);
    const person = people[row.user_id];
    if (person && (!person.since || row.first_at < person.since)) person.since = row.first_at;
  }
  const deleters = new DeleterIndex<number>();
  for (const row of deletions) deleters.add(decodeDeleteRanges(new Uint8Array(row.ranges)), marks.push({ userId: row.user_id, at: row.created_at }) - 1);
  return {
    people,
    marks,
    resolve: {
      insertedBy: (client) => byClient.get(client),
      deletedBy: (client, clock) => deleters.find(client, clock),
    },
  };
}

/**
 * One person's neighbouring changes read as one: a word deleted key by key
 * is one deletion, dated by its last key.
 */
function joinRuns(parts: AttributedPart<number>[], marks: EditMark[]): AttributedPart<number>[] {
  const out: AttributedPart<number>[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    const same =
      last &&
      last.type === part.type &&
      part.type !== "equal" &&
      last.by !== undefined &&
      part.by !== undefined &&
      marks[last.by].userId === marks[part.by].userId;
    if (!same) {
      out.push({ ...part });
      continue;
    }
    last.text += part.text;
    if (marks[part.by!].at > marks[last.by!].at) last.by = part.by;
  }
  return out;
}

export interface AttributedRedline {
  entries: ReturnType<typeof attributedDiff<number>>;
  /** Only the marks the entries point to, with their people. */
  marks: Record<number, EditMark>;
  people: Record<string, EditAuthor>;
}

/** A redline between two stored states of a conference document, with who made each change. */
export async function conferenceRedline(db: DB, conference: { docName: string; seriesId: number; baseLanguage: string }, from: Uint8Array, to: Uint8Array): Promise<AttributedRedline> {
  const authors = await documentAuthors(db, conference.docName, conference.seriesId);
  const entries = attributedDiff(from, to, { base: conference.baseLanguage, authors: authors.resolve });
  for (const entry of entries) for (const field of entry.fields) field.parts = joinRuns(field.parts, authors.marks);
  const marks: Record<number, EditMark> = {};
  const people: Record<string, EditAuthor> = {};
  const keep = (index: number | undefined) => {
    if (index === undefined || marks[index]) return;
    marks[index] = authors.marks[index];
    const person = authors.people[authors.marks[index].userId];
    if (person) people[person.userId] = person;
  };
  for (const entry of entries) {
    entry.by.forEach(keep);
    for (const field of entry.fields) for (const part of field.parts) keep(part.by);
  }
  return { entries, marks, people };
}
