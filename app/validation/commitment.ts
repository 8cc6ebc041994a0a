import { z } from "zod";
import { COMMITMENT_STATUSES, REVIEW_OUTCOMES } from "../models/commitment-rules";
import { parseNumber } from "../i18n/parse-number";
import type { Locale } from "../i18n/locales";
import { isoDateField } from "./fields";

const optionalId = z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null);

import { REASON_MAX } from "./limits";

export { REASON_MAX };

export const statusSchema = z
  .object({
    intent: z.literal("status"),
    to: z.enum(COMMITMENT_STATUSES, { message: "errors.required" }),
    note: z.string().trim().max(2000, { message: "errors.tooLong" }).default(""),
    reason: z.string().trim().max(REASON_MAX, { message: "workflow.reasonTooLong" }).default(""),
    forAgencyId: optionalId,
  })
  .refine((v) => !(v.to === "blocked" || v.to === "dropped") || v.reason !== "", { message: "workflow.reasonRequired", path: ["reason"] })
  .transform((v) => ({ ...v, reason: v.reason === "" ? null : v.reason }));

export const withdrawDropSchema = z.object({ intent: z.literal("withdrawDrop") });

/** A figure read as 1200 from "1.200" waits for its writer to say that is what they meant. */
export interface FigureToConfirm {
  typed: string;
  value: number;
  alternative: number | null;
}

/** A follow-up, its figure read the way the writer (in `locale`) writes numbers. */
export function followUpSchema(locale: Locale) {
  return z
    .object({
      intent: z.literal("followUp"),
      note: z.string().trim().min(1, { message: "errors.required" }).max(4000, { message: "errors.tooLong" }),
      figureLabel: z.string().trim().max(200, { message: "errors.tooLong" }).default(""),
      figureValue: z.string().trim().max(40, { message: "errors.tooLong" }).default(""),
      figureUnit: z.string().trim().max(60, { message: "errors.tooLong" }).default(""),
      // The value the writer confirmed for what they typed (a plain JavaScript number, e.g. "1200").
      figureConfirm: z.string().trim().max(40).default(""),
      at: z.union([z.literal(""), isoDateField]).default(""),
    })
    .transform((v, ctx) => {
      const hasFigure = v.figureLabel !== "" || v.figureValue !== "";
      let figure: { label: string; value: number; unit: string } | null = null;
      let toConfirm: FigureToConfirm | null = null;
      if (hasFigure) {
        if (!v.figureLabel) {
          ctx.addIssue({ code: "custom", message: "errors.figureLabelRequired", path: ["figureLabel"] });
          return z.NEVER;
        }
        const parsed = parseNumber(v.figureValue, locale);
        if (parsed.status === "invalid") {
          ctx.addIssue({ code: "custom", message: v.figureValue === "" ? "errors.figureValueRequired" : "errors.figureInvalid", path: ["figureValue"] });
          return z.NEVER;
        }
        figure = { label: v.figureLabel, value: parsed.value, unit: v.figureUnit };
        // Confirmed only for this very reading: a changed figure is asked about again.
        if (parsed.status === "confirm" && v.figureConfirm !== String(parsed.value)) {
          toConfirm = { typed: v.figureValue, value: parsed.value, alternative: parsed.alternative };
        }
      }
      return { note: v.note, figure, toConfirm, at: v.at ? `${v.at}T12:00:00.000Z` : undefined };
    });
}

export const ownersSchema = z.object({
  intent: z.literal("owners"),
  // One ticked box arrives as a single value, none as nothing.
  owners: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).min(1, { message: "errors.ownersRequired" })),
});

export const dueSchema = z
  .object({
    intent: z.literal("due"),
    dueKind: z.enum(["date", "next", "none"]),
    dueOn: z.union([z.literal(""), isoDateField]).default(""),
  })
  .refine((v) => v.dueKind !== "date" || v.dueOn !== "", { message: "errors.dateInvalid", path: ["dueOn"] });

export const textSchema = z.object({
  intent: z.literal("text"),
  text: z.string().trim().min(1, { message: "errors.required" }).max(4000, { message: "errors.tooLong" }),
});

export const reviewSchema = z
  .object({
    commitmentId: z.coerce.number().int().positive(),
    outcome: z.enum(REVIEW_OUTCOMES, { message: "errors.required" }),
    note: z.string().trim().max(2000, { message: "errors.tooLong" }).default(""),
  })
  // Dropped by the conference: the note is the reason kept with the status change.
  .refine((v) => v.outcome !== "dropped" || v.note !== "", { message: "workflow.reasonRequired", path: ["note"] });
