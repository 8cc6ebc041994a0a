import { data } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import type { Submission, SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { DomainError } from "../models/errors.server";

/**
 * What every form's action answers: Conform's reply (per-field i18n keys and
 * what was typed, so the page shows both even without JavaScript), the name of
 * the form it answers (several forms share one action), and on success a
 * message key. The page finds it with `useSchemaForm`.
 */
export type FormReply = SubmissionResult<string[]> & { form: string; message?: string };

type AnySubmission = Submission<unknown, string[]>;

/**
 * Parses a form with its schema. Values stay strings, as the schemas expect
 * (figures are read the writer's way, empty selects mean "none").
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S) {
  return parseWithZod(formData, { schema, disableAutoCoercion: true });
}

const NOTHING = z.object({});

/** Refused by the schema: 400 with each field's message and what was typed (passwords left out). */
export function refused(form: string, submission: AnySubmission, options: { status?: number; hideFields?: string[] } = {}) {
  return data<FormReply>({ form, ...submission.reply({ hideFields: options.hideFields }) }, { status: options.status ?? 400 });
}

/**
 * Refused after parsing (a rule the schema cannot see, a domain refusal, an
 * unknown intent): the message goes to `field`, or to the form as a whole.
 */
export function refusedWith(
  form: string,
  from: AnySubmission | FormData,
  key: string,
  options: { field?: string; status?: number; hideFields?: string[] } = {},
) {
  const submission = from instanceof FormData ? (parseForm(from, NOTHING) as AnySubmission) : from;
  const errors = options.field && options.field !== "form" ? { fieldErrors: { [options.field]: [key] } } : { formErrors: [key] };
  return data<FormReply>({ form, ...submission.reply({ ...errors, hideFields: options.hideFields }) }, { status: options.status ?? 400 });
}

/** Domain refusals become the message of their field (or of the form); anything else is a real fault and is rethrown. */
export function refusedByDomain(form: string, from: AnySubmission | FormData, error: unknown, options: { hideFields?: string[] } = {}) {
  // A code with a dot is already a full key (e.g. "workflow.reasonRequired"); a bare one lives under "errors.".
  if (error instanceof DomainError) {
    return refusedWith(form, from, error.code.includes(".") ? error.code : `errors.${error.code}`, { field: error.field, hideFields: options.hideFields });
  }
  throw error;
}

/** Done: the form starts afresh and the page says `message` (`init`: headers such as a new cookie, or no-store for a secret shown once). */
export function saved<Extra extends object = object>(form: string, from: AnySubmission | FormData, message: string, extra?: Extra, init?: ResponseInit) {
  const submission = from instanceof FormData ? (parseForm(from, NOTHING) as AnySubmission) : from;
  return data<FormReply & Extra>({ form, message, ...submission.reply({ resetForm: true }), status: "success", ...(extra as Extra) }, init);
}
