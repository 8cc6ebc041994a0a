import { parse, useForm, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { useT } from "../i18n/use-t";
import { FormMessage } from "./field";
import { useConstraint, type Constraint, type FormReply } from "./form-replies";

export { constraintKey, ReplyNotice, replyNotice, savedMessage, useConstraint, type FormReply } from "./form-replies";

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

/** fieldProps for a form drawn without Conform (not yet opened): the field's name and the constraints the server sent. */
export function constraintProps(name: string, constraint: Record<string, Constraint> | undefined) {
  const c = constraint?.[name];
  return {
    name,
    required: c?.required || undefined,
    minLength: c?.minLength,
    maxLength: c?.maxLength,
    min: c?.min,
    max: c?.max,
    step: c?.step,
    pattern: c?.pattern,
  };
}

/** A list field's first message, its own or one of its items' ("languages[0]": a language the series cannot have). */
export function firstError(field: FieldMetadata<unknown, Record<string, unknown>, string[]>): string | undefined {
  return field.errors?.[0] ?? Object.values(field.allErrors ?? {}).find((list) => list.length > 0)?.[0];
}

/** The form's own message (not tied to one field), if the last answer had one. */
export function FormErrors({ form }: { form: FormMetadata<Record<string, unknown>, string[]> }) {
  const t = useT();
  const key = form.errors?.[0];
  return key ? <FormMessage tone="error">{t(key)}</FormMessage> : null;
}
