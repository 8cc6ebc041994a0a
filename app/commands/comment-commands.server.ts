import type { AppLoadContext } from "@remix-run/node";
import { domainInvalid, done, invalid, zodInvalid } from "../http/form-result.server";
import { addComment, findMentions, setCommentResolved } from "../models/comments.server";
import type { Membership } from "../models/memberships.server";
import { canComment, canResolveComments } from "../models/permissions.server";
import { getSeriesMembers } from "../models/series.server";
import type { SessionUser } from "../models/session.server";
import { refuse } from "../http/guards.server";
import { commentSchema, commentStateSchema } from "../validation/comment";

export const COMMENT_INTENTS = ["comment", "resolveComment", "reopenComment"] as const;

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
  const values = Object.fromEntries(form);
  const scope = place.commitmentId !== null ? { commitmentId: place.commitmentId } : { conferenceId: place.conferenceId ?? 0 };
  try {
    if (intent === "comment") {
      if (!canComment(actor)) throw await refuse(context, request, 403, `comments:${place.seriesId}`);
      const parsed = commentSchema.safeParse(values);
      if (!parsed.success) return zodInvalid(parsed.error, intent);
      const onCommitment = parsed.data.target === "commitment";
      // A conference's comments are on its items and actions; a commitment's on the commitment.
      if (onCommitment !== (place.commitmentId !== null)) return invalid({ target: "errors.commentNotFound" }, intent);
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
      const parsed = commentStateSchema.safeParse(values);
      if (!parsed.success) return zodInvalid(parsed.error, intent);
      await setCommentResolved(context.db, context.clock, { commentId: parsed.data.commentId, scope, by: actor.user.id, resolved: intent === "resolveComment" });
    }
  } catch (error) {
    return domainInvalid(error, intent);
  }
  if (place.docName) context.collab.announce(place.docName, { kind: "comments" });
  return done(intent, intent === "comment" ? "comments.posted" : "comments.updated");
}
