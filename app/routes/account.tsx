import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { requireUser } from "../guards.server";
import { LOCALE_NAMES, LOCALES } from "../i18n/locales";
import { localeCookie } from "../i18n/locale-cookie";
import { recordAudit } from "../models/audit.server";
import { DomainError } from "../models/errors.server";
import { changePassword, setUserLocale } from "../models/users.server";
import { fieldErrors, localeField, passwordField } from "../validation/fields";

const languageSchema = z.object({ intent: z.literal("language"), locale: localeField });
const passwordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string().min(1, { message: "errors.required" }).max(256),
    newPassword: passwordField,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "errors.passwordsDiffer", path: ["confirmPassword"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json({ user: { name: user.name, email: user.email, locale: user.locale } });
}

type ActionResult =
  | { intent: "language"; ok: true }
  | { intent: "password"; ok: true }
  | { intent: "password"; ok: false; errors: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "language") {
    const parsed = languageSchema.safeParse(form);
    if (!parsed.success) return json({ intent: "language", ok: true } as ActionResult, { status: 400 });
    await setUserLocale(context.db, user.id, parsed.data.locale);
    const secure = new URL(request.url).protocol === "https:";
    return json({ intent: "language", ok: true } as ActionResult, {
      headers: { "Set-Cookie": localeCookie(parsed.data.locale, secure) },
    });
  }
  const parsed = passwordSchema.safeParse(form);
  if (!parsed.success) {
    return json({ intent: "password", ok: false, errors: fieldErrors(parsed.error) } as ActionResult, { status: 400 });
  }
  try {
    await changePassword(context.db, user.id, parsed.data.currentPassword, parsed.data.newPassword);
  } catch (error) {
    if (error instanceof DomainError) {
      return json(
        { intent: "password", ok: false, errors: { [error.field ?? "form"]: `errors.${error.code}` } } as ActionResult,
        { status: 400 },
      );
    }
    throw error;
  }
  // Every session ends, then this browser gets a fresh one.
  await context.sessions.endAllFor(user.id);
  // Open collaboration sockets of the old sessions close now, not at the next periodic check.
  await context.collab.revalidate(user.id);
  const { setCookie } = await context.sessions.start(user.id);
  await recordAudit(context.db, context.clock, { kind: "password.changed", subject: user.email, actorId: user.id, ip: context.clientIp });
  return json({ intent: "password", ok: true } as ActionResult, { headers: { "Set-Cookie": setCookie } });
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const passwordErrors = result && result.intent === "password" && !result.ok ? result.errors : {};
  return (
    <>
      <hgroup className="page-title">
        <h1>{t("account.title")}</h1>
        <p>
          {user.name} · {user.email}
        </p>
      </hgroup>
      <div className="grid-2">
        <article>
          <h2>{t("account.languageTitle")}</h2>
          <p className="muted">{t("account.languageHelp")}</p>
          {result?.intent === "language" ? <FormMessage tone="success">{t("account.languageSaved")}</FormMessage> : null}
          <Form method="post" reloadDocument>
            <input type="hidden" name="intent" value="language" />
            <fieldset>
              <legend className="visually-hidden">{t("language.label")}</legend>
              {LOCALES.map((code) => (
                <label key={code}>
                  <input type="radio" name="locale" value={code} defaultChecked={user.locale === code} />
                  <span lang={code}>{LOCALE_NAMES[code]}</span>
                </label>
              ))}
            </fieldset>
            <button type="submit">{t("account.saveLanguage")}</button>
          </Form>
        </article>
        <article>
          <h2>{t("account.passwordTitle")}</h2>
          <p className="muted">{t("account.passwordHelp")}</p>
          {result?.intent === "password" && result.ok ? (
            <FormMessage tone="success">{t("account.passwordChanged")}</FormMessage>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="password" />
            <input type="text" name="username" autoComplete="username" defaultValue={user.email} hidden readOnly />
            <Field
              label={t("account.currentPassword")}
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              error={passwordErrors.currentPassword}
            />
            <Field
              label={t("account.newPassword")}
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              error={passwordErrors.newPassword}
            />
            <Field
              label={t("account.confirmPassword")}
              name="confirmPassword"
              type="password"
              autoComplete="new-password"
              required
              error={passwordErrors.confirmPassword}
            />
            <button type="submit">{t("account.changePassword")}</button>
          </Form>
        </article>
      </div>
    </>
  );
}
