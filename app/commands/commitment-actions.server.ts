import { data, type AppLoadContext } from "@remix-run/node";
import { runCommitmentCommand } from "./commitment-commands.server";
import { refuse } from "../http/guards.server";
import { DomainError, RefusedError } from "../models/errors.server";
import { canTranslateFollowUp } from "../models/permissions.server";
import { parseForm, refused, refusedByDomain, refusedWith, saved, type FormReply } from "../http/form-reply.server";
import { changeTranslation } from "../models/parallel-texts.server";
import { translationSchema } from "../validation/languages";
import { constraintsOf } from "../validation/constraint.server";
import { changeStatus, withdrawDropRequests } from "../models/commitment-status.server";
import { addFollowUp, followUpOf, setDue, setOwners, setText, statusReasonOf } from "../models/commitments.server";
import type { DB } from "../../db/connection";
import type { TranslatedSubject } from "../../db/schema/translations";
import { dueSchema, followUpSchema, ownersSchema, statusSchema, textSchema, withdrawDropSchema, type FigureToConfirm } from "../validation/commitment";

/** A follow-up whose figure reads two ways: nothing is stored, and the form asks its writer (200: the request was understood). */
export type FollowUpReply = FormReply & { confirmFigure?: FigureToConfirm };

/** What the commitment forms' inputs may hold, for the pages that show them (the figure rules do not depend on the language). */
export function commitmentFormConstraints() {
  return (constraints ??= constraintsOf({ status: statusSchema, followUp: followUpSchema("en"), owners: ownersSchema, due: dueSchema, text: textSchema, translation: translationSchema }));
}
let constraints: ReturnType<typeof constraintsOf> | undefined;

/**
 * The commands a form can send about one commitment, by `intent` (which is
 * also the name of the form the answer is for). Shared by the commitment
 * page, the series register and the delegate's page.
 */
export async function handleCommitmentForm(context: AppLoadContext, request: Request, commitmentId: number, form: FormData) {
  const intent = String(form.get("intent") ?? "");
  const done = (submission: Parameters<typeof saved>[1], message = "commitment.saved") => saved(intent, submission, message, { commitmentId });
  try {
    switch (intent) {
      case "status": {
        const submission = parseForm(form, statusSchema);
        if (submission.status !== "success") return refused(intent, submission);
        const value = submission.value;
        const result = await runCommitmentCommand(context, request, commitmentId, "commitment.progress", ({ user, membership }, db) =>
          // Who may change what, and what a delegate's request becomes, is decided in the model (decideStatusChange).
          changeStatus(db, context.clock, { user, membership }, { commitmentId, to: value.to, note: value.note, reason: value.reason, forAgencyId: value.forAgencyId, writerLanguage: context.locale }),
        );
        return done(submission, result.proposed ? "workflow.dropProposed" : "commitment.saved");
      }
      case "withdrawDrop": {
        const submission = parseForm(form, withdrawDropSchema);
        if (submission.status !== "success") return refused(intent, submission);
        await runCommitmentCommand(context, request, commitmentId, "commitment.progress", ({ user, membership }, db) =>
          withdrawDropRequests(db, context.clock, { user, membership }, commitmentId),
        );
        return done(submission, "workflow.dropWithdrawn");
      }
      case "followUp": {
        const submission = parseForm(form, followUpSchema(context.locale));
        if (submission.status !== "success") return refused(intent, submission);
        const value = submission.value;
        // An ambiguous figure ("1.200") is asked about, and nothing is stored until its writer confirms it.
        if (value.toConfirm) return data<FollowUpReply>({ form: intent, ...submission.reply(), confirmFigure: value.toConfirm });
        await runCommitmentCommand(context, request, commitmentId, "commitment.progress", ({ user, membership }, db) =>
          addFollowUp(db, context.clock, user.id, {
            commitmentId,
            note: value.note,
            figure: value.figure,
            agencyId: membership?.agencyId ?? null,
            at: value.at,
            writerLanguage: context.locale,
          }),
        );
        return done(submission);
      }
      case "owners": {
        const submission = parseForm(form, ownersSchema);
        if (submission.status !== "success") return refused(intent, submission);
        const { owners } = submission.value;
        await runCommitmentCommand(context, request, commitmentId, "commitment.edit", ({ user }, db) => setOwners(db, context.clock, user.id, commitmentId, owners));
        return done(submission);
      }
      case "due": {
        const submission = parseForm(form, dueSchema);
        if (submission.status !== "success") return refused(intent, submission);
        const { dueKind, dueOn } = submission.value;
        await runCommitmentCommand(context, request, commitmentId, "commitment.edit", ({ user }, db) =>
          setDue(db, context.clock, user.id, commitmentId, { dueOn: dueKind === "date" ? dueOn : null, dueNext: dueKind === "next" }),
        );
        return done(submission);
      }
      case "text": {
        const submission = parseForm(form, textSchema);
        if (submission.status !== "success") return refused(intent, submission);
        const { text } = submission.value;
        await runCommitmentCommand(context, request, commitmentId, "commitment.edit", ({ user }, db) => setText(db, context.clock, user.id, commitmentId, text));
        return done(submission);
      }
      case "translation": {
        const submission = parseForm(form, translationSchema);
        if (submission.status !== "success") return refused(intent, submission);
        const { language, text, seenBase, confirm, field } = submission.value;
        const write = (db: DB, userId: string, subject: TranslatedSubject, subjectId: number) =>
          changeTranslation(db, context.clock, { userId, ip: context.clientIp }, { subject, subjectId, field, language, text, seenBase, confirm: confirm === "1" });
        let outcome: Awaited<ReturnType<typeof write>>;
        if (field === "note") {
          const followUpId = Number(form.get("followUpId"));
          outcome = await runCommitmentCommand(context, request, commitmentId, "commitment.progress", async ({ user, membership }, db) => {
            const followUp = Number.isSafeInteger(followUpId) ? await followUpOf(db, commitmentId, followUpId) : undefined;
            if (!followUp) throw new DomainError("notFound");
            if (!canTranslateFollowUp({ user, membership }, followUp.agencyId)) throw new RefusedError("texts.refusedOtherParty");
            return write(db, user.id, "follow_up", followUpId);
          });
        } else if (field === "reason") {
          // Those who may report on the commitment may give the reason for its status in their language.
          const eventId = Number(form.get("eventId"));
          outcome = await runCommitmentCommand(context, request, commitmentId, "commitment.progress", async ({ user }, db) => {
            if (!Number.isSafeInteger(eventId) || !(await statusReasonOf(db, commitmentId, eventId))) throw new DomainError("notFound");
            return write(db, user.id, "status_reason", eventId);
          });
        } else if (field === "text") {
          outcome = await runCommitmentCommand(context, request, commitmentId, "commitment.edit", ({ user }, db) => write(db, user.id, "commitment", commitmentId));
        } else {
          return refusedWith(intent, submission, "errors.generic");
        }
        return done(submission, `texts.outcome.${outcome}`);
      }
      default:
        return refusedWith(intent, form, "errors.generic");
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof RefusedError) {
      await refuse(context, request, 403, `commitment:${commitmentId}`);
      return refusedWith(intent, form, error.key, { status: 403 });
    }
    return refusedByDomain(intent, form, error);
  }
}
