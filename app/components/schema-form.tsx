import { parse, useForm, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { useMatches } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { FormMessage } from "./field";

/** What an action answers a form (see app/http/form-reply.server.ts; the type is repeated so no server module is imported). */
export type FormReply = SubmissionResult<string[]> & { form: string; message?: string };

type Constraint = NonNullable<Parameters<typeof useForm>[0]["constraint"]>[string];

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The message key for a control the browser finds invalid against the constraints the server sent. */
function validityKey(control: Control): string {
  const v = control.validity;
  if (v.valueMissing) return "errors.required";
  if (v.tooLong) return "errors.tooLong";
  if (v.tooShort) return control.type === "password" ? "errors.passwordTooShort" : "errors.tooShortField";
  if (v.typeMismatch) return control.type === "email" ? "errors.emailInvalid" : "errors.formatInvalid";
  if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) return "errors.outOfRange";
  return "errors.formatInvalid";
}

/**
 * Client-side checks without zod: each control's constraints (required,
 * lengths, bounds, pattern) came from the action's schema through the loader,
 * and the browser's Constraint Validation API says which are broken. The
 * server parses everything again with the schema itself.
 */
function validateByConstraints({ form, formData }: { form: HTMLFormElement; formData: FormData }) {
  return parse(formData, {
    resolve(payload) {
      const error: Record<string, string[]> = {};
      for (const element of Array.from(form.elements)) {
        const control = element as Control;
        if (!control.name || !("validity" in control) || !control.willValidate || control.validity.valid) continue;
        error[control.name] ??= [validityKey(control)];
      }
      return Object.keys(error).length > 0 ? { error } : { value: payload };
    },
  });
}

/**
 * One form driven by Conform: constraints from the server, checked in the
 * browser as you leave a field and on submit, and the action's reply when it
 * answers this form (`reply.form === name`). Without JavaScript the same
 * reply renders the errors and what was typed.
 */
export function useSchemaForm(name: string, options: { constraint?: Record<string, Constraint>; reply?: FormReply | unknown; id?: string; defaultValue?: Record<string, string | null | undefined> }) {
  const reply = options.reply as FormReply | undefined;
  const sent = useConstraint(name);
  return useForm<Record<string, unknown>, Record<string, unknown>, string[]>({
    id: options.id ?? name,
    constraint: options.constraint ?? sent,
    lastResult: reply && typeof reply === "object" && reply.form === name ? reply : undefined,
    defaultValue: options.defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: validateByConstraints,
  });
}

/** The props our Field / SelectField / textarea take from a field: name, constraints, what was typed, its first message. */
export function fieldProps(field: FieldMetadata<unknown, Record<string, unknown>, string[]>, fallback?: string | number) {
  const initial = field.initialValue;
  return {
    name: field.name,
    required: field.required || undefined,
    minLength: field.minLength,
    maxLength: field.maxLength,
    min: field.min,
    max: field.max,
    step: field.step,
    pattern: field.pattern,
    defaultValue: typeof initial === "string" ? initial : fallback,
    error: field.errors?.[0],
  };
}

/** The form's own message (not tied to one field), if the last answer had one. */
export function FormErrors({ form }: { form: FormMetadata<Record<string, unknown>, string[]> }) {
  const t = useT();
  const key = form.errors?.[0];
  return key ? <FormMessage tone="error">{t(key)}</FormMessage> : null;
}

/** The message of a successful answer to this form, if any. */
export function savedMessage(reply: unknown, name: string): string | undefined {
  const r = reply as FormReply | undefined;
  return r && typeof r === "object" && r.form === name && r.status === "success" ? r.message : undefined;
}

/** An action's answer as one line for the page: its success message, or its first error (the form's, else a field's). */
export function replyNotice(reply: unknown): { tone: "success" | "error"; key: string } | null {
  const r = reply as FormReply | undefined;
  if (!r || typeof r !== "object" || !("form" in r)) return null;
  if (r.status === "success") return r.message ? { tone: "success", key: r.message } : null;
  const errors = Object.entries(r.error ?? {});
  const first = errors.find(([name]) => name === "")?.[1] ?? errors.find(([, list]) => list && list.length > 0)?.[1];
  return first && first.length > 0 ? { tone: "error", key: first[0] } : null;
}

/** What `replyNotice` found, said (the page's answer when posted without JavaScript, or a fetcher's). */
export function ReplyNotice({ reply, only }: { reply: unknown; only?: "success" | "error" }) {
  const t = useT();
  const notice = replyNotice(reply);
  if (!notice || (only && notice.tone !== only)) return null;
  return <FormMessage tone={notice.tone}>{t(notice.key)}</FormMessage>;
}

/** The constraints a loader on this page sent for the form `name` (see constraintsOf), wherever the form is drawn. */
export function useConstraint(name: string): Record<string, Constraint> | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    const data = matches[i].data as { constraint?: Record<string, Record<string, Constraint>> } | null | undefined;
    const found = data && typeof data === "object" ? data.constraint?.[name] : undefined;
    if (found) return found;
  }
  return undefined;
}
