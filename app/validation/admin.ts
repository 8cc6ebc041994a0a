import { z } from "zod";
import { LOCALES } from "../i18n/locales";
import { isTimeZone } from "../models/time-zones";
import { agencyCodeField, countryField, descriptionField, emailField, listOf, nameField, passwordField, roleField, slugField, workingLanguagesField } from "./fields";

// What the administration pages accept: agencies, people and series.

// The time zone the agency's people follow unless they choose their own (quiet hours of notification mail).
const timeZoneField = z
  .string()
  .trim()
  .max(64, { message: "notify.agencyTimeZoneInvalid" })
  .refine((zone) => zone === "" || isTimeZone(zone), { message: "notify.agencyTimeZoneInvalid" })
  .transform((zone) => (zone === "" ? null : zone))
  .optional();
export const agencySchema = z.object({ code: agencyCodeField, name: nameField, country: countryField, timeZone: timeZoneField });
export const agencyUpdateSchema = agencySchema.extend({ id: z.coerce.number().int().positive() });

const noneOr = <T extends z.ZodType>(schema: T) => z.union([z.literal("").transform(() => null), schema]).default(null);

const personSchema = z.object({
  name: nameField,
  email: emailField,
  agencyId: noneOr(z.coerce.number().int().positive()),
  isAdmin: z.literal("on").optional().transform((v) => v === "on"),
});
export const userSchema = personSchema.extend({ password: passwordField });
// Empty: the language of the person's home agency's country, else the administrator's.
export const inviteSchema = personSchema.extend({ locale: noneOr(z.enum(LOCALES, { message: "errors.localeInvalid" })) });
export const resendSchema = z.object({ invitationId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const userIdSchema = z.object({ userId: z.string().min(1, { message: "errors.userNotFound" }).max(64, { message: "errors.userNotFound" }) });

const seriesFields = {
  name: nameField,
  description: descriptionField.default(""),
  parties: listOf(z.array(agencyCodeField).min(2, { message: "errors.seriesNeedsTwoParties" })),
  // Absent (a script that predates working languages): the default on create, unchanged on update.
  languages: listOf(workingLanguagesField).optional(),
};
export const seriesSchema = z.object({ slug: slugField, ...seriesFields });
export const seriesUpdateSchema = z.object(seriesFields);
export const grantSchema = z.object({
  userId: z.string().min(1, { message: "errors.userNotFound" }),
  // Empty: the person's own agency (what the form pre-selects), so the common case needs no choice.
  agencyId: noneOr(z.coerce.number({ message: "errors.unknownAgency" }).int().positive({ message: "errors.unknownAgency" })),
  role: roleField,
});
