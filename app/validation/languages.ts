import { z } from "zod";
import { TEXT_LANGUAGES } from "../collab/parallel-texts";
import { WORKING_LANGUAGES, type WorkingLanguage } from "../i18n/working-languages";
import { listOf, workingLanguagesField } from "./fields";
import { figureNameFieldName, seriesTextFieldName } from "./language-field-names";

/** A series' working languages in order, and which of them are authentic: at least one, each a working language. */
export const seriesLanguagesSchema = z
  .object({
    languages: listOf(workingLanguagesField),
    authentic: listOf(
      z
        .array(z.enum(WORKING_LANGUAGES, { message: "errors.languagesInvalid" }))
        .min(1, { message: "errors.authenticRequired" })
        .refine((list) => new Set(list).size === list.length, { message: "errors.languagesInvalid" }),
    ),
  })
  .refine((v) => v.authentic.every((code) => v.languages.includes(code)), { message: "errors.authenticNotWorking", path: ["authentic"] });

export const textLanguageField = z.enum(TEXT_LANGUAGES, { message: "errors.languageNotWorking" });

/**
 * One text in one language: written (`save`, which also confirms it in line
 * with the base text as it is now) or confirmed unchanged (`confirm`). An
 * empty text removes a language's text, except the base one's.
 */
export const translationSchema = z.object({
  language: textLanguageField,
  field: z.enum(["text", "title", "note", "reason"], { message: "errors.generic" }),
  text: z.string().trim().max(4000, { message: "errors.tooLong" }).default(""),
  /** What the writer was shown as the base text: if it changed meanwhile, the new text is not confirmed against it. */
  seenBase: z.string().max(8000).optional(),
  confirm: z.enum(["", "1"]).default(""),
});

const seriesNameText = z.string().trim().max(200, { message: "errors.tooLong" }).default("");
const seriesDescriptionText = z.string().trim().max(4000, { message: "errors.tooLong" }).default("");


/**
 * A series' name and description in each working language (`name_vi`,
 * `description_zh`, …): each may be empty, which gives that language's
 * readers the series' own name again.
 */
export const seriesNamesSchema = z.object(
  Object.fromEntries(
    WORKING_LANGUAGES.flatMap((language) => [
      [seriesTextFieldName("name", language), seriesNameText],
      [seriesTextFieldName("description", language), seriesDescriptionText],
    ]),
  ) as Record<`${"name" | "description"}_${WorkingLanguage}`, typeof seriesNameText>,
);

const figureLabelText = z.string().trim().max(200, { message: "errors.tooLong" }).default("");
const figureUnitText = z.string().trim().max(50, { message: "errors.tooLong" }).default("");


/**
 * One reported figure (known by the label and unit its reports were typed
 * with) named in each working language: `label_zh`, `unit_zh`, …
 */
export const figureNameSchema = z.object({
  figureLabel: z.string().trim().min(1, { message: "errors.figureUnknown" }).max(200, { message: "errors.figureUnknown" }),
  figureUnit: z.string().trim().max(50, { message: "errors.figureUnknown" }).default(""),
  ...(Object.fromEntries(
    WORKING_LANGUAGES.flatMap((language) => [
      [figureNameFieldName("label", language), figureLabelText],
      [figureNameFieldName("unit", language), figureUnitText],
    ]),
  ) as Record<`${"label" | "unit"}_${WorkingLanguage}`, typeof figureLabelText>),
});
