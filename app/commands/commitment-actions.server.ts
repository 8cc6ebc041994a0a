import { json, type AppLoadContext } from "@remix-run/node";
import { runCommitmentCommand } from "./commitment-commands.server";
import { refuse } from "../http/guards.server";
import { DomainError, RefusedError } from "../models/errors.server";
import { canTranslateFollowUp } from "../models/permissions.server";
import { askToConfirmFigure, domainInvalid, invalid, zodInvalid } from "../http/form-result.server";
import { changeTranslation } from "../models/parallel-texts.server";
import { translationSchema } from "../validation/languages";
import { changeStatus, withdrawDropRequests } from "../models/commitment-status.server";
import { addFollowUp, followUpOf, setDue, setOwners, setText } from "../models/commitments.server";
import { dueSchema, followUpSchema, ownersSchema, statusSchema, textSchema, withdrawDropSchema } from "../validation/commitment";

/** What the writer typed into a follow-up, sent back so the form (even without JavaScript) shows it again. */
function echoFollowUp(values: Record<string, FormDataEntryValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["note", "figureLabel", "figureValue", "figureUnit", "at"]) {
    const value = values[key];
    if (typeof value === "string") out[key] = value.slice(0, 4000);
  }
  return out;
}

/**
 * The commands a form can send about one commitment, by `intent`. Shared by
 * the commitment page, the series register and the delegate's page.
 */
export async function handleCommitmentForm(context: AppLoadContext, request: Request, commitmentId: number, form: FormData) {
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries(form);
  try {
    switch (intent) {
      case "status": {
        const parsed = statusSchema.safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        const result = await runCommitmentCommand(context, request, commitmentId, "commitment.progress", ({ user, membership }, db) =>
          // Who may change what, and what a delegate's request becomes, is decided in the model (decideStatusChange).
          changeStatus(db, context.clock, { user, membership }, {
            commitmentId,
            to: parsed.data.to,
            note: parsed.data.note,
            reason: parsed.data.reason,
            forAgencyId: parsed.data.forAgencyId,
          }),
        );
        if (result.proposed) {
          return json({ ok: true as const, intent, errors: {} as Record<string, string>, message: "workflow.dropProposed" as string | null, commitmentId });
        }
        break;
      }
      case "withdrawDrop": {
        const parsed = withdrawDropSchema.safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await runCommitmentCommand(context, request, commitmentId, "commitment.progress", ({ user, membership }, db) =>
          withdrawDropRequests(db, context.clock, { user, membership }, commitmentId),
        );
        return json({ ok: true as const, intent, errors: {} as Record<string, string>, message: "workflow.dropWithdrawn" as string | null, commitmentId });
      }
      case "followUp": {
        const parsed = followUpSchema(context.locale).safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent, echoFollowUp(values));
        // An ambiguous figure ("1.200") is asked about, and nothing is stored until its writer confirms it.
        if (parsed.data.toConfirm) return askToConfirmFigure(intent, parsed.data.toConfirm, echoFollowUp(values));
        await runCommitmentCommand(context, request, commitmentId, "commitment.progress", ({ user, membership }, db) =>
          addFollowUp(db, context.clock, user.id, {
            commitmentId,
            note: parsed.data.note,
            figure: parsed.data.figure,
            agencyId: membership?.agencyId ?? null,
            at: parsed.data.at,
            writerLanguage: context.locale,
          }),
        );
        break;
      }
      case "owners": {
        const parsed = ownersSchema.safeParse({ ...values, owners: form.getAll("owners") });
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await runCommitmentCommand(context, request, commitmentId, "commitment.edit", ({ user }, db) =>
          setOwners(db, context.clock, user.id, commitmentId, parsed.data.owners),
        );
        break;
      }
      case "due": {
        const parsed = dueSchema.safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await runCommitmentCommand(context, request, commitmentId, "commitment.edit", ({ user }, db) =>
          setDue(db, context.clock, user.id, commitmentId, {
            dueOn: parsed.data.dueKind === "date" ? parsed.data.dueOn : null,
            dueNext: parsed.data.dueKind === "next",
          }),
        );
        break;
      }
      case "text": {
        const parsed = textSchema.safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await runCommitmentCommand(context, request, commitmentId, "commitment.edit", ({ user }, db) =>
          setText(db, context.clock, user.id, commitmentId, parsed.data.text),
        );
        break;
      }
      case "translation": {
        const parsed = translationSchema.safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        const { language, text, seenBase, confirm } = parsed.data;
        if (parsed.data.field === "note") {
          const followUpId = Number(values.followUpId);
          const outcome = await runCommitmentCommand(context, request, commitmentId, "commitment.progress", async ({ user, membership }, db) => {
            const followUp = Number.isSafeInteger(followUpId) ? await followUpOf(db, commitmentId, followUpId) : undefined;
            if (!followUp) throw new DomainError("notFound");
            if (!canTranslateFollowUp({ user, membership }, followUp.agencyId)) throw new RefusedError("texts.refusedOtherParty");
            return changeTranslation(db, context.clock, { userId: user.id, ip: context.clientIp }, {
              subject: "follow_up",
              subjectId: followUpId,
              field: "note",
              language,
              text,
              seenBase,
              confirm: confirm === "1",
            });
          });
          return json({ ok: true as const, intent, errors: {} as Record<string, string>, message: `texts.outcome.${outcome}` as string | null, commitmentId });
        }
        if (parsed.data.field !== "text") return invalid({ form: "errors.generic" }, intent);
        const outcome = await runCommitmentCommand(context, request, commitmentId, "commitment.edit", ({ user }, db) =>
          changeTranslation(db, context.clock, { userId: user.id, ip: context.clientIp }, {
            subject: "commitment",
            subjectId: commitmentId,
            field: "text",
            language,
            text,
            seenBase,
            confirm: confirm === "1",
          }),
        );
        return json({ ok: true as const, intent, errors: {} as Record<string, string>, message: `texts.outcome.${outcome}` as string | null, commitmentId });
      }
      default:
        return json({ ok: false as const, intent, errors: { form: "errors.generic" } as Record<string, string>, message: null }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof RefusedError) {
      await refuse(context, request, 403, `commitment:${commitmentId}`);
      return json({ ok: false as const, intent, errors: { form: error.key } as Record<string, string>, message: null }, { status: 403 });
    }
    return domainInvalid(error, intent);
  }
  return json({ ok: true as const, intent, errors: {} as Record<string, string>, message: "commitment.saved" as string | null, commitmentId });
}
