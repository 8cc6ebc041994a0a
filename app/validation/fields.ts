import { z } from "zod";
import { LOCALES } from "../i18n/locales";
import { WORKING_LANGUAGES } from "../i18n/working-languages";
import { CONFERENCE_FORMATS, PASSWORD_MIN_LENGTH, SERIES_ROLES } from "./limits";

export { CONFERENCE_FORMATS, PASSWORD_MIN_LENGTH, SERIES_ROLES };

// Field rules shared by forms, the command line and the API. Messages are
// i18n keys ("errors.*"), translated where they are shown.

export const emailField = z.string().trim().toLowerCase().pipe(z.email({ message: "errors.emailInvalid" }).max(254));
export const nameField = z.string().trim().min(1, { message: "errors.required" }).max(200, { message: "errors.tooLong" });
export const passwordField = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: "errors.passwordTooShort" })
  .max(256, { message: "errors.tooLong" });
export const agencyCodeField = z
  .string()
  .trim()
  .max(16, { message: "errors.agencyCodeInvalid" })
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,15}$/, { message: "errors.agencyCodeInvalid" });
export const countryField = z
  .string()
  .trim()
  .max(2, { message: "errors.countryInvalid" })
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: "errors.countryInvalid" });
export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "errors.slugInvalid" })
  .max(80, { message: "errors.tooLong" });
export const roleField = z.enum(SERIES_ROLES, { message: "errors.roleInvalid" });
export const localeField = z.enum(LOCALES, { message: "errors.localeInvalid" });
/** A series' working languages from the ordered selects (empty places skipped): at least one, each once. */
export const workingLanguagesField = z
  .array(z.string())
  .transform((list) => list.filter((code) => code !== ""))
  .pipe(
    z
      .array(z.enum(WORKING_LANGUAGES, { message: "errors.languagesInvalid" }))
      .min(1, { message: "errors.languagesInvalid" })
      .refine((list) => new Set(list).size === list.length, { message: "errors.languagesInvalid" }),
  );
export const descriptionField = z.string().trim().max(4000, { message: "errors.tooLong" });

/** A field that a form may send once, several times or not at all (checkboxes, ordered selects): always a list. */
export function listOf<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), schema);
}

export const isoDateField = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "errors.dateInvalid" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { message: "errors.dateInvalid" });
export const conferenceFormatField = z.enum(CONFERENCE_FORMATS, { message: "errors.required" });
