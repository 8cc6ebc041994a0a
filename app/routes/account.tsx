import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { Field, FormMessage } from "../components/field";
import { fieldProps, FormErrors, ReplyNotice, savedMessage, useSchemaForm, type FormReply } from "../components/schema-form";
import { parseForm, refused, refusedByDomain, refusedWith, saved } from "../http/form-reply.server";
import { requireUser } from "../http/guards.server";
import { LOCALE_NAMES, LOCALES } from "../i18n/locales";
import { localeCookie } from "../i18n/locale-cookie";
import { formatDateTime, useLocale } from "../i18n/format";
import { addApiToken, changeOwnPassword, dropApiToken } from "../commands/account-commands.server";
import { listApiTokens } from "../models/api-tokens.server";
import { setUserLocale } from "../models/users.server";
import { languageSchema, passwordChangeSchema, tokenRevokeSchema, tokenSchema } from "../validation/accounts";
import { constraintsOf } from "../validation/constraint.server";
import { TableHead } from "../components/table-head";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return {
    user: { name: user.name, email: user.email, locale: user.locale },
    tokens: await listApiTokens(context.db, user.id),
    constraint: constraintsOf({ password: passwordChangeSchema, createToken: tokenSchema }),
  };
}

// Passwords are never sent back, not even to the person who typed them.
const hideFields = ["currentPassword", "newPassword", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  const actor = { userId: user.id, email: user.email, ip: context.clientIp };
  if (intent === "createToken") {
    const submission = parseForm(form, tokenSchema);
    if (submission.status !== "success") return refused("createToken", submission);
    const token = await addApiToken(context, actor, submission.value.name);
    // Shown once: only its hash is kept.
    return saved("createToken", submission, "account.tokenCreated", { token }, { headers: { "Cache-Control": "no-store" } });
  }
  if (intent === "revokeToken") {
    const submission = parseForm(form, tokenRevokeSchema);
    await dropApiToken(context, actor, submission.status === "success" ? submission.value.id : null);
    return saved("revokeToken", form, "account.revoke");
  }
  if (intent === "language") {
    const submission = parseForm(form, languageSchema);
    if (submission.status !== "success") return refusedWith("language", submission, "errors.localeInvalid");
    await setUserLocale(context.db, user.id, submission.value.locale);
    const secure = new URL(request.url).protocol === "https:";
    return saved("language", submission, "account.languageSaved", {}, { headers: { "Set-Cookie": localeCookie(submission.value.locale, secure) } });
  }
  const submission = parseForm(form, passwordChangeSchema);
  if (submission.status !== "success") return refused("password", submission, { hideFields });
  let tokensRevoked: number;
  try {
    // Every session and API token ends, then this browser gets a fresh session.
    ({ tokensRevoked } = await changeOwnPassword(context, actor, submission.value.currentPassword, submission.value.newPassword));
  } catch (error) {
    return refusedByDomain("password", submission, error, { hideFields });
  }
  const { setCookie } = await context.sessions.start(user.id);
  return saved("password", submission, "account.passwordChanged", { tokensRevoked }, { headers: { "Set-Cookie": setCookie } });
}

export default function Account() {
  const { user, tokens, constraint } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const reply = useActionData<typeof action>() as (FormReply & { token?: string; tokensRevoked?: number }) | undefined;
  const t = useT();
  const [passwordForm, password] = useSchemaForm("password", { constraint: constraint.password, reply });
  const [tokenForm, token] = useSchemaForm("createToken", { constraint: constraint.createToken, reply });
  const newToken = savedMessage(reply, "createToken") ? (reply?.token ?? null) : null;
  const passwordChanged = savedMessage(reply, "password") ? (reply?.tokensRevoked ?? 0) : null;
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
          {reply?.form === "language" ? <ReplyNotice reply={reply} /> : null}
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
          {passwordChanged !== null ? (
            <FormMessage tone="success">
              {t("account.passwordChanged")}
              {passwordChanged > 0 ? ` ${t("credentials.tokensRevoked", { count: passwordChanged })}` : null}
            </FormMessage>
          ) : null}
          <FormErrors form={passwordForm} />
          <Form method="post" {...getFormProps(passwordForm)}>
            <input type="hidden" name="intent" value="password" />
            <input type="text" name="username" autoComplete="username" defaultValue={user.email} hidden readOnly />
            <Field label={t("account.currentPassword")} type="password" autoComplete="current-password" {...fieldProps(password.currentPassword)} />
            <Field label={t("account.newPassword")} type="password" autoComplete="new-password" {...fieldProps(password.newPassword)} />
            <Field label={t("account.confirmPassword")} type="password" autoComplete="new-password" {...fieldProps(password.confirmPassword)} />
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
            <TableHead columns={[t("account.tokenName"), t("account.tokenCreatedAt"), t("account.tokenLastUsed")]} actions={t("account.revoke")} />
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
        <FormErrors form={tokenForm} />
        <Form method="post" className="inline-form" aria-label={t("account.createToken")} {...getFormProps(tokenForm)}>
          <input type="hidden" name="intent" value="createToken" />
          <Field label={t("account.tokenName")} {...fieldProps(token.name)} />
          <div className="form-buttons">
            <button type="submit">{t("account.createToken")}</button>
          </div>
        </Form>
      </article>
    </>
  );
}
