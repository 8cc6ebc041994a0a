import { z } from "zod";
import { conferenceFormatField, isoDateField } from "./fields";

export const conferenceSchema = z
  .object({
    number: z.coerce.number({ message: "errors.numberInvalid" }).int({ message: "errors.numberInvalid" }).min(1, { message: "errors.numberInvalid" }).max(10_000, { message: "errors.numberInvalid" }),
    title: z.string().trim().min(1, { message: "errors.required" }).max(300, { message: "errors.tooLong" }),
    startsOn: isoDateField,
    endsOn: isoDateField,
    format: conferenceFormatField,
    venue: z.string().trim().max(300, { message: "errors.tooLong" }).default(""),
    hostAgencyId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: "errors.endsBeforeStarts", path: ["endsOn"] })
  .refine((v) => v.format === "online" || v.venue !== "", { message: "errors.venueRequired", path: ["venue"] });

export type ConferenceForm = z.infer<typeof conferenceSchema>;
