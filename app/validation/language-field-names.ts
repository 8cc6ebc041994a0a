import type { WorkingLanguage } from "../i18n/working-languages";

// The names of the languages page's fields, shared by its schemas
// (languages.ts) and its forms: kept apart from the schemas so that the page
// does not carry the validation library to the browser.

/** The form's field for a series' name or description in one working language. */
export const seriesTextFieldName = (field: "name" | "description", language: WorkingLanguage) => `${field}_${language}`;

/** The form's field for a figure's label or unit in one working language. */
export const figureNameFieldName = (field: "label" | "unit", language: WorkingLanguage) => `${field}_${language}`;
