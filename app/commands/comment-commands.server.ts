import type { AppLoadContext } from "@remix-run/node";
import { parseForm, refused, refusedByDomain, refusedWith, saved } from "../http/form-reply.server";
import { constraintsOf } from "../validation/constraint.server";
import { addComment, findMentions, setCommentResolved } from "../models/comments.server";
import type { Membership } from "../models/memberships.server";
import { canComment, canResolveComments } from "../models/permissions.server";
import { getSeriesMembers } from "../models/series.server";
import type { SessionUser } from "../models/session.server";
import { refuse } from "../http/guards.server";
import { commentSchema, commentStateSchema } from "../validation/comment";

export const COMMENT_INTENTS = ["comment", "resolveComment", "reopenComment"] as const;

/** What the comment box may hold, for the pages that show it. */
export function commentFormConstraints() {
  return constraintsOf({ comment: commentSchema });
}

/**
 * Comment commands on a conference's items and draft actions, or on one
 * commitment: authorised here, written by the model, and announced to every
 * open screen of the conference so that they show it at once.
 */
export async function handleCommentForm(
  context: AppLoadContext,
  request: Request,
  actor: { user: SessionUser; membership: Membership | null },
  place: { seriesId: number; conferenceId: number | null; commitmentId: number | null; docName: string | null },
  intent: string,
  form: FormData,
) {
  const scope = place.commitmentId !== null ? { commitmentId: place.commitmentId } : { conferenceId: place.conferenceId ?? 0 };
  try {
    if (intent === "comment") {
      if (!canComment(actor)) throw await refuse(context, request, 403, `comments:${place.seriesId}`);
      const submission = parseForm(form, commentSchema);
      if (submission.status !== "success") return refused(intent, submission);
      const parsed = { data: submission.value };
      const onCommitment = parsed.data.target === "commitment";
      // A conference's comments are on its items and actions; a commitment's on the commitment.
      if (onCommitment !== (place.commitmentId !== null)) return refusedWith(intent, submission, "errors.commentNotFound", { field: "target" });
      const members = await getSeriesMembers(context.db, place.seriesId);
      await addComment(context.db, context.clock, {
        seriesId: place.seriesId,
        conferenceId: place.conferenceId,
        commitmentId: place.commitmentId,
        target: parsed.data.target as `item:${string}`,
        parentId: parsed.data.parentId,
        authorId: actor.user.id,
        agencyId: actor.membership?.agencyId ?? null,
        body: parsed.data.body,
        mentions: findMentions(parsed.data.body, members),
      });
    } else {
      if (!canResolveComments(actor)) throw await refuse(context, request, 403, `comments:${place.seriesId}`);
      const submission = parseForm(form, commentStateSchema);
      if (submission.status !== "success") return refused(intent, submission);
      await setCommentResolved(context.db, context.clock, { commentId: submission.value.commentId, scope, by: actor.user.id, resolved: intent === "resolveComment" });
    }
  } catch (error) {
    return refusedByDomain(intent, form, error);
  }
  if (place.docName) context.collab.announce(place.docName, { kind: "comments" });
  return saved(intent, form, intent === "comment" ? "comments.posted" : "comments.updated");
}
