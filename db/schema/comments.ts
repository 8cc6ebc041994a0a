import type { Generated } from "kysely";

/** A comment on something a member may read: an agenda item, a draft action, a commitment. */
export interface CommentsTable {
  id: Generated<number>;
  series_id: number;
  /** The conference whose item or draft action it is about (null for a commitment). */
  conference_id: number | null;
  commitment_id: number | null;
  /** "item:<agenda item id>", "action:<draft action id>" or "commitment". */
  target: string;
  /** The comment it answers, for a reply. */
  parent_id: number | null;
  author_id: string;
  /** The author's agency in the series when they wrote it. */
  agency_id: number | null;
  body: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

/** People of the series named with @ in a comment. */
export interface CommentMentionsTable {
  comment_id: number;
  user_id: string;
}
