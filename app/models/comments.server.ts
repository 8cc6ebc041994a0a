import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";

// Comments on an agenda item, a draft action or a commitment: anyone who may
// read the thing may comment on it (observers and delegates included);
// secretariats resolve and reopen. Comments are kept beside the record, never
// in it: conclusion, exports and the API's record leave them out.

export const COMMENT_MAX = 4000;

/** What a comment is about, inside a conference document or on a commitment. */
export type CommentTarget = `item:${string}` | `action:${string}` | "commitment";

export function isCommentTarget(value: string): value is CommentTarget {
  return value === "commitment" || /^(item|action):[A-Za-z0-9_-]{1,64}$/.test(value);
}

export interface CommentView {
  id: number;
  target: string;
  parentId: number | null;
  authorName: string;
  agencyCode: string | null;
  body: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
}

/** Comments of a conference (or of one commitment), oldest first, with replies after what they answer. */
export async function listComments(db: DB, scope: { conferenceId: number } | { commitmentId: number }): Promise<CommentView[]> {
  let query = db
    .selectFrom("comments")
    .innerJoin("users as author", "author.id", "comments.author_id")
    .leftJoin("users as resolver", "resolver.id", "comments.resolved_by")
    .leftJoin("agencies", "agencies.id", "comments.agency_id")
    .select([
      "comments.id",
      "comments.target",
      "comments.parent_id as parentId",
      "author.name as authorName",
      "agencies.code as agencyCode",
      "comments.body",
      "comments.created_at as createdAt",
      "comments.resolved_at as resolvedAt",
      "resolver.name as resolvedByName",
    ])
    .orderBy("comments.id");
  query = "conferenceId" in scope ? query.where("comments.conference_id", "=", scope.conferenceId) : query.where("comments.commitment_id", "=", scope.commitmentId);
  return query.limit(2000).execute();
}

/** People of the series a comment may name with @: the longest name that follows an @ wins. */
export function findMentions(body: string, members: { userId: string; name: string }[]): string[] {
  const byLength = [...members].sort((a, b) => b.name.length - a.name.length);
  const found = new Set<string>();
  for (let at = body.indexOf("@"); at !== -1; at = body.indexOf("@", at + 1)) {
    const rest = body.slice(at + 1);
    const member = byLength.find((m) => rest.startsWith(m.name));
    if (member) found.add(member.userId);
  }
  return [...found];
}

export interface NewComment {
  seriesId: number;
  conferenceId: number | null;
  commitmentId: number | null;
  target: CommentTarget;
  parentId: number | null;
  authorId: string;
  agencyId: number | null;
  body: string;
  mentions: string[];
}

export async function addComment(db: DB, clock: Clock, input: NewComment): Promise<number> {
  const body = input.body.trim();
  if (!body) throw new DomainError("commentEmpty", "body");
  if (body.length > COMMENT_MAX) throw new DomainError("commentTooLong", "body");
  return serializable(db, async (trx) => {
    if (input.parentId !== null) {
      // A reply answers a comment on the same thing, and threads are one level deep.
      const parent = await trx
        .selectFrom("comments")
        .select(["target", "conference_id", "commitment_id", "parent_id"])
        .where("id", "=", input.parentId)
        .executeTakeFirst();
      if (!parent || parent.target !== input.target || parent.conference_id !== input.conferenceId || parent.commitment_id !== input.commitmentId || parent.parent_id !== null) {
        throw new DomainError("commentNotFound");
      }
    }
    const row = await trx
      .insertInto("comments")
      .values({
        series_id: input.seriesId,
        conference_id: input.conferenceId,
        commitment_id: input.commitmentId,
        target: input.target,
        parent_id: input.parentId,
        author_id: input.authorId,
        agency_id: input.agencyId,
        body,
        created_at: isoNow(clock),
        resolved_at: null,
        resolved_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.mentions.length > 0) {
      await trx.insertInto("comment_mentions").values(input.mentions.map((userId) => ({ comment_id: row.id, user_id: userId }))).execute();
    }
    return row.id;
  });
}

/** Resolves (or reopens) a thread: its first comment carries the state. */
export async function setCommentResolved(db: DB, clock: Clock, input: { commentId: number; scope: { conferenceId: number } | { commitmentId: number }; by: string; resolved: boolean }) {
  let query = db
    .updateTable("comments")
    .set(input.resolved ? { resolved_at: isoNow(clock), resolved_by: input.by } : { resolved_at: null, resolved_by: null })
    .where("id", "=", input.commentId)
    .where("parent_id", "is", null);
  query = "conferenceId" in input.scope ? query.where("conference_id", "=", input.scope.conferenceId) : query.where("commitment_id", "=", input.scope.commitmentId);
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new DomainError("commentNotFound");
}
