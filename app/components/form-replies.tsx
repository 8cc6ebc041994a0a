import type { SubmissionResult } from "@conform-to/react";
import { useMatches } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { FormMessage } from "./field";

// An action's answer read on the page, without Conform itself: pages whose
// forms have no fields to check (a button, one text per language) load only this.

/** What an action answers a form (see app/http/form-reply.server.ts; the type is repeated so no server module is imported). */
export type FormReply = SubmissionResult<string[]> & { form: string; message?: string };

/** What one input may hold (required, lengths, bounds, pattern), as Conform describes it. */
export type Constraint = { required?: boolean; minLength?: number; maxLength?: number; min?: string | number; max?: string | number; step?: string | number; multiple?: boolean; pattern?: string };

/** The message of a successful answer to this form, if any. */
export function savedMessage(reply: unknown, name: string): string | undefined {
  const r = reply as FormReply | undefined;
  return r && typeof r === "object" && r.form === name && r.status === "success" ? r.message : undefined;
}

/**
 * An action's answer as one line for the page: its success message, or its first error (the form's, else a
 * field's). For a form in `fieldsShown`, whose fields say their own errors beside them, only the form's own error.
 */
export function replyNotice(reply: unknown, fieldsShown: readonly string[] = []): { tone: "success" | "error"; key: string } | null {
  const r = reply as FormReply | undefined;
  if (!r || typeof r !== "object" || !("form" in r)) return null;
  if (r.status === "success") return r.message ? { tone: "success", key: r.message } : null;
  const errors = Object.entries(r.error ?? {});
  const formError = errors.find(([name]) => name === "")?.[1];
  const first = fieldsShown.includes(r.form) ? formError : (formError ?? errors.find(([, list]) => list && list.length > 0)?.[1]);
  return first && first.length > 0 ? { tone: "error", key: first[0] } : null;
}

/** What `replyNotice` found, said (the page's answer when posted without JavaScript, or a fetcher's). */
export function ReplyNotice({ reply, only, fieldsShown }: { reply: unknown; only?: "success" | "error"; fieldsShown?: readonly string[] }) {
  const t = useT();
  const notice = replyNotice(reply, fieldsShown);
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

const keys = new WeakMap<object, string>();

/**
 * The constraints as text, to key markup drawn from them: a page's loader data
 * is one object for all its cards, so each is written out once.
 */
export function constraintKey(constraint: Record<string, Constraint> | undefined): string {
  if (!constraint) return "";
  let key = keys.get(constraint);
  if (key === undefined) {
    key = JSON.stringify(constraint);
    keys.set(constraint, key);
  }
  return key;
}
