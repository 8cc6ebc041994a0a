import { z } from "zod";
import { isoDateField, listOf } from "./fields";

// Inputs of agreements (MoUs): the same rules for the pages and for anyone
// calling the model. Messages are i18n keys under "errors.".

import { AGREEMENT_STATUSES } from "./limits";

export { AGREEMENT_STATUSES };
export type AgreementStatusValue = (typeof AGREEMENT_STATUSES)[number];

const optionalDate = z.union([z.literal("").transform(() => null), isoDateField]).default(null);
const optionalId = z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null);
const id = z.coerce.number({ message: "errors.required" }).int().positive({ message: "errors.required" });
const shortText = (max: number) => z.string().trim().max(max, { message: "errors.tooLong" }).default("");
const requiredText = (max: number) =>
  z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(max, { message: "errors.tooLong" });

export const agreementSchema = z.object({
  title: requiredText(300),
  parties: listOf(z.array(z.coerce.number().int().positive())),
  conferenceId: optionalId,
  status: z.enum(AGREEMENT_STATUSES, { message: "errors.required" }),
  signedOn: optionalDate,
  signedAt: shortText(300),
  validFrom: optionalDate,
  validUntil: optionalDate,
});
export type AgreementForm = z.infer<typeof agreementSchema>;

export const signatorySchema = z.object({
  name: requiredText(200),
  title: shortText(300),
  agencyId: optionalId,
});

export const removeByIdSchema = z.object({ id });

export const clauseSchema = z.object({
  label: shortText(40),
  text: requiredText(8000),
  position: z.union([z.literal("").transform(() => null), z.coerce.number({ message: "errors.numberInvalid" }).int({ message: "errors.numberInvalid" }).min(1, { message: "errors.numberInvalid" }).max(10_000, { message: "errors.numberInvalid" })]).default(null),
});

export const editClauseSchema = clauseSchema.extend({ id });

export const clauseCommitmentSchema = z
  .object({
    clauseId: id,
    text: requiredText(4000),
    owners: listOf(z.array(z.coerce.number().int().positive()).min(1, { message: "errors.ownersRequired" })),
    dueKind: z.enum(["date", "next"], { message: "errors.dueRequired" }),
    dueOn: z.union([z.literal(""), isoDateField]).default(""),
  })
  .refine((v) => v.dueKind !== "date" || v.dueOn !== "", { message: "errors.dateInvalid", path: ["dueOn"] });

/** The submitted agreement form in the model's terms. */
export function agreementInputOf(form: AgreementForm) {
  return {
    title: form.title,
    partyAgencyIds: form.parties,
    conferenceId: form.conferenceId,
    status: form.status,
    signedOn: form.signedOn,
    signedAt: form.signedAt,
    validFrom: form.validFrom,
    validUntil: form.validUntil,
  };
}

/** An agreement's title and clause in another language, on the page of its texts: no clause means its title. */
export const translationTargetSchema = z.object({ clauseId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null) });
