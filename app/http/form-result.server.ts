import { json } from "@remix-run/node";
import type { z } from "zod";
import { DomainError } from "../models/errors.server";
import type { FigureToConfirm } from "../validation/commitment";
import { fieldErrors } from "../validation/fields";

/** What an action answers when input is refused: per-field i18n keys, status 400, and what was typed (to show it again). */
export function invalid(errors: Record<string, string>, intent?: string, values?: Record<string, string>) {
  return json({ ok: false as const, intent, errors, message: null as string | null, values }, { status: 400 });
}

/**
 * Nothing is stored yet: the figure could be read two ways, so the form asks
 * its writer to confirm the reading (200: the request was understood).
 */
export function askToConfirmFigure(intent: string, figure: FigureToConfirm, values: Record<string, string>) {
  return json({ ok: false as const, intent, errors: {} as Record<string, string>, message: null as string | null, values, confirmFigure: figure });
}

export function done(intent: string, message: string, values: Record<string, string> = {}) {
  return json({ ok: true as const, intent, errors: {} as Record<string, string>, message, values });
}

export function parseForm<T extends z.ZodType>(schema: T, form: FormData | Record<string, unknown>) {
  const values = form instanceof FormData ? Object.fromEntries(form) : form;
  return schema.safeParse(values);
}

export function zodInvalid(error: z.ZodError, intent?: string, values?: Record<string, string>) {
  return invalid(fieldErrors(error), intent, values);
}

/** Domain refusals become field errors; anything else is a real fault and is rethrown. */
export function domainInvalid(error: unknown, intent?: string) {
  // A code with a dot is already a full key (e.g. "workflow.reasonRequired"); a bare one lives under "errors.".
  if (error instanceof DomainError) return invalid({ [error.field ?? "form"]: error.code.includes(".") ? error.code : `errors.${error.code}` }, intent);
  throw error;
}
