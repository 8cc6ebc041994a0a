import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { requireUser } from "../http/guards.server";
import { LOCALE_NAMES, LOCALES } from "../i18n/locales";
import { localeCookie } from "../i18n/locale-cookie";
import { formatDateTime, useLocale } from "../i18n/format";
import { addApiToken, changeOwnPassword, dropApiToken } from "../commands/account-commands.server";
import { listApiTokens } from "../models/api-tokens.server";
import { DomainError } from "../models/errors.server";
import { setUserLocale } from "../models/users.server";
import { fieldErrors, localeField, PASSWORD_MIN_LENGTH, passwordField } from "../validation/fields";

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
  return { user: { name: user.name, email: user.email, locale: user.locale }, tokens: await listApiTokens(context.db, user.id) };
}

const tokenSchema = z.object({ intent: z.literal("createToken"), name: z.string().trim().min(1, { message: "errors.required" }).max(100, { message: "errors.tooLong" }) });
const revokeSchema = z.object({ intent: z.literal("revokeToken"), id: z.coerce.number().int().positive() });

type ActionResult =
  | { intent: "createToken"; ok: true; token: string }
  | { intent: "createToken"; ok: false; errors: Record<string, string> }
  | { intent: "revokeToken"; ok: true }
  | { intent: "language"; ok: boolean }
  | { intent: "password"; ok: true; tokensRevoked: number }
  | { intent: "password"; ok: false; errors: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "createToken") {
    const parsed = tokenSchema.safeParse(form);
    if (!parsed.success) return json({ intent: "createToken", ok: false, errors: fieldErrors(parsed.error) } as ActionResult, { status: 400 });
    const token = await addApiToken(context, { userId: user.id, email: user.email, ip: context.clientIp }, parsed.data.name);
    return json({ intent: "createToken", ok: true, token } as ActionResult, { headers: { "Cache-Control": "no-store" } });
  }
  if (form.intent === "revokeToken") {
    const parsed = revokeSchema.safeParse(form);
    await dropApiToken(context, { userId: user.id, email: user.email, ip: context.clientIp }, parsed.success ? parsed.data.id : null);
    return json({ intent: "revokeToken", ok: true } as ActionResult);
  }
  if (form.intent === "language") {
    const parsed = languageSchema.safeParse(form);
    if (!parsed.success) return json({ intent: "language", ok: false } as ActionResult, { status: 400 });
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
  let tokensRevoked: number;
  try {
    // Every session and API token ends, then this browser gets a fresh session.
    ({ tokensRevoked } = await changeOwnPassword(context, { userId: user.id, email: user.email, ip: context.clientIp }, parsed.data.currentPassword, parsed.data.newPassword));
  } catch (error) {
    if (error instanceof DomainError) {
      return json(
        { intent: "password", ok: false, errors: { [error.field ?? "form"]: `errors.${error.code}` } } as ActionResult,
        { status: 400 },
      );
    }
    throw error;
  }
  const { setCookie } = await context.sessions.start(user.id);
  return json({ intent: "password", ok: true, tokensRevoked } as ActionResult, { headers: { "Set-Cookie": setCookie } });
}

export default function Account() {
  const { user, tokens } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const result = useActionData<typeof action>();
  const t = useT();
  const passwordErrors = result && result.intent === "password" && !result.ok ? result.errors : {};
  const tokenErrors = result && result.intent === "createToken" && !result.ok ? result.errors : {};
  const newToken = result && result.intent === "createToken" && result.ok ? result.token : null;
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
          {result?.intent === "language" ? (
            result.ok ? (
              <FormMessage tone="success">{t("account.languageSaved")}</FormMessage>
            ) : (
              <FormMessage tone="error">{t("errors.localeInvalid")}</FormMessage>
            )
          ) : null}
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
          <p className="muted">
            {t("account.passwordHelp")} {t("credentials.passwordRevokesTokens")}
          </p>
          {result?.intent === "password" && result.ok ? (
            <FormMessage tone="success">
              {t("account.passwordChanged")}
              {result.tokensRevoked > 0 ? ` ${t("credentials.tokensRevoked", { count: result.tokensRevoked })}` : null}
            </FormMessage>
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
              minLength={PASSWORD_MIN_LENGTH}
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
      <article>
        <h2>{t("account.tokensTitle")}</h2>
        <p className="muted">{t("account.tokensHelp")}</p>
        {newToken ? (
          <FormMessage tone="success">
            {t("account.tokenCreated")}
            <input className="copy-link" readOnly value={newToken} aria-label={t("account.tokenValue")} />
          </FormMessage>
        ) : null}
        {tokens.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("account.tokenName")}</th>
                <th scope="col">{t("account.tokenCreatedAt")}</th>
                <th scope="col">{t("account.tokenLastUsed")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("account.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{formatDateTime(locale, token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt) : "—"}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revokeToken" />
                      <input type="hidden" name="id" value={token.id} />
                      <button type="submit" className="secondary outline compact" aria-label={`${t("account.revoke")} ${token.name}`}>
                        {t("account.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <Form method="post" className="inline-form" aria-label={t("account.createToken")}>
          <input type="hidden" name="intent" value="createToken" />
          <Field label={t("account.tokenName")} name="name" required maxLength={100} error={tokenErrors.name} />
          <div className="form-buttons">
            <button type="submit">{t("account.createToken")}</button>
          </div>
        </Form>
      </article>
    </>
  );
}
