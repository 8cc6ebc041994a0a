import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { formKeyAfter } from "../components/form-reset";
import { SelectField } from "../components/select-field";
import { domainInvalid, parseForm, zodInvalid } from "../http/form-result.server";
import { requireAdmin } from "../http/guards.server";
import { formatDate, formatDateTime, useLocale } from "../i18n/format";
import { listAgencies } from "../models/agencies.server";
import { addUser, invite, inviteAgain } from "../commands/admin-commands.server";
import { likelyLocale, listOpenInvitations } from "../models/invitations.server";
import { isLocale, LOCALE_NAMES, LOCALES } from "../i18n/locales";
import { signOutEverywhere } from "../commands/sign-out-everywhere.server";
import { getUser, listUsers } from "../models/users.server";
import { emailField, nameField, PASSWORD_MIN_LENGTH, passwordField } from "../validation/fields";

const personSchema = z.object({
  name: nameField,
  email: emailField,
  agencyId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null),
  isAdmin: z.literal("on").optional().transform((v) => v === "on"),
});
const userSchema = personSchema.extend({ password: passwordField });
// Empty: the language of the person's home agency's country, else the administrator's.
const inviteSchema = personSchema.extend({ locale: z.union([z.literal("").transform(() => null), z.enum(LOCALES, { message: "errors.localeInvalid" })]).default(null) });
const resendSchema = z.object({ invitationId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  const [users, agencies, invitations] = await Promise.all([
    listUsers(context.db, context.locale),
    listAgencies(context.db, context.locale),
    listOpenInvitations(context.db, context.clock),
  ]);
  return { users, agencies, invitations, mailEnabled: context.mail.enabled };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const form = await request.formData();
  if (form.get("intent") === "signOutEverywhere") {
    const userId = z.string().min(1).max(64).safeParse(form.get("userId"));
    const user = userId.success ? await getUser(context.db, userId.data) : undefined;
    if (!user) return json({ ok: false as const, intent: "signOutEverywhere", errors: { form: "errors.userNotFound" } as Record<string, string> }, { status: 404 });
    const { tokensRevoked } = await signOutEverywhere(context.db, context, {
      userId: user.id,
      email: user.email,
      actorId: admin.id,
      ip: context.clientIp,
      reason: "admin",
    });
    return json({
      ok: true as const,
      intent: "signOutEverywhere",
      errors: {} as Record<string, string>,
      message: "credentials.signedOutEverywhere",
      values: { email: user.email, count: tokensRevoked },
      link: null,
    });
  }
  if (form.get("intent") === "resendInvitation") {
    const parsed = parseForm(resendSchema, form);
    const intent = "resendInvitation";
    if (!parsed.success || !context.mail.enabled) return json({ ok: false as const, intent, errors: { form: "errors.invitationInvalid" } as Record<string, string> }, { status: 400 });
    try {
      const { email, queued } = await inviteAgain(context, { userId: admin.id, ip: context.clientIp }, parsed.data.invitationId);
      if (queued) context.mail.sendSoon();
      return json({ ok: true as const, intent, errors: {} as Record<string, string>, message: queued ? "admin.invitationResent" : "admin.invitationAlreadyQueued", values: { email }, link: null });
    } catch (error) {
      return domainInvalid(error, intent);
    }
  }
  const intent = form.get("intent") === "invite" ? "invite" : "create";
  try {
    if (intent === "invite") {
      const parsed = parseForm(inviteSchema, form);
      if (!parsed.success) return zodInvalid(parsed.error, intent);
      const { locale: chosen, ...person } = parsed.data;
      const agency = person.agencyId === null ? undefined : (await listAgencies(context.db, context.locale)).find((a) => a.id === person.agencyId);
      const locale = chosen ?? likelyLocale(agency?.country, context.locale);
      const mail = context.mail.enabled;
      const token = await invite(context, { userId: admin.id, ip: context.clientIp }, { ...person, locale, mail });
      if (mail) context.mail.sendSoon();
      const link = new URL(`/invite/${token}`, request.url).toString();
      return json({
        ok: true as const,
        intent,
        errors: {} as Record<string, string>,
        message: mail ? "admin.invitationMailed" : "admin.invitationLink",
        values: { email: person.email, language: LOCALE_NAMES[locale] },
        link,
      });
    }
    const parsed = parseForm(userSchema, form);
    if (!parsed.success) return zodInvalid(parsed.error, intent);
    const user = await addUser(context, { userId: admin.id, ip: context.clientIp }, parsed.data);
    return json({ ok: true as const, intent, errors: {} as Record<string, string>, message: "admin.userAdded", values: { email: user.email }, link: null });
  } catch (error) {
    return domainInvalid(error, intent);
  }
}

function PersonFields({ agencies, errors }: { agencies: { id: number; code: string; name: string }[]; errors: Record<string, string> }) {
  const t = useT();
  return (
    <>
      <Field label={t("admin.userName")} name="name" required error={errors.name} />
      <Field label={t("admin.userEmail")} name="email" type="email" required error={errors.email} />
      <SelectField wide label={t("admin.userAgency")} name="agencyId" defaultValue="" error={errors.agencyId}>
        <option value="">{t("admin.noAgency")}</option>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.code} — {a.name}
          </option>
        ))}
      </SelectField>
      <label>
        <input type="checkbox" name="isAdmin" role="switch" />
        {t("admin.isAdmin")}
      </label>
    </>
  );
}

export default function AdminUsers() {
  const { users, agencies, invitations, mailEnabled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errorsFor = (intent: string) => (result && !result.ok && result.intent === intent ? result.errors : {});
  return (
    <>
      <h2>{t("admin.users")}</h2>
      {result?.ok ? (
        <FormMessage tone="success">
          {t(result.message, result.values)}
          {result.link ? (
            <>
              {": "}
              <input className="copy-link" readOnly value={result.link} aria-label={t(result.message, result.values)} />
            </>
          ) : null}
        </FormMessage>
      ) : null}
      {result && !result.ok && (result.intent === "signOutEverywhere" || result.intent === "resendInvitation") ? <FormMessage tone="error">{t(result.errors.form)}</FormMessage> : null}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.userName")}</th>
              <th scope="col">{t("admin.userEmail")}</th>
              <th scope="col">{t("admin.userAgency")}</th>
              <th scope="col">{t("admin.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("credentials.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.name} {u.is_admin ? <span className="badge badge-admin">{t("roles.admin")}</span> : null}
                </td>
                <td>{u.email}</td>
                <td title={u.agency_name ?? undefined}>{u.agency_code ?? "—"}</td>
                <td>{u.has_password ? t("admin.active") : t("admin.invited")}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="signOutEverywhere" />
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" className="secondary outline" aria-label={t("credentials.signOutEverywhereFor", { name: u.name })}>
                      {t("credentials.signOutEverywhere")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading">
          <h3 id="invitations-heading">{t("admin.openInvitations")}</h3>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.userName")}</th>
                  <th scope="col">{t("admin.userEmail")}</th>
                  <th scope="col">{t("admin.invitationLanguage")}</th>
                  <th scope="col">{t("admin.expires")}</th>
                  {mailEnabled ? (
                    <>
                      <th scope="col">{t("admin.invitationMail")}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t("credentials.actions")}</span>
                      </th>
                    </>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.name}</td>
                    <td>{i.email}</td>
                    <td>{isLocale(i.locale) ? LOCALE_NAMES[i.locale] : "—"}</td>
                    <td>{formatDate(locale, i.expires_at)}</td>
                    {mailEnabled ? (
                      <>
                        <td>
                          {!i.mail
                            ? t("admin.invitationNotMailed")
                            : i.mail.status === "sent" && i.mail.sentAt
                              ? t("admin.invitationMailSent", { when: formatDateTime(locale, i.mail.sentAt) })
                              : t(`notify.admin.statuses.${i.mail.status}`)}
                        </td>
                        <td>
                          <Form method="post">
                            <input type="hidden" name="intent" value="resendInvitation" />
                            <input type="hidden" name="invitationId" value={i.id} />
                            <button type="submit" className="secondary outline compact" aria-label={t("admin.resendInvitationTo", { email: i.email })}>
                              {t("admin.resendInvitation")}
                            </button>
                          </Form>
                        </td>
                      </>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <div className="grid-2">
        <article>
          <h3>{t("admin.addUser")}</h3>
          {errorsFor("create").form ? <FormMessage tone="error">{t(errorsFor("create").form)}</FormMessage> : null}
          <Form method="post" aria-label={t("admin.addUser")} key={formKeyAfter(result, "create")}>
            <input type="hidden" name="intent" value="create" />
            <PersonFields agencies={agencies} errors={errorsFor("create")} />
            <Field label={t("admin.userPassword")} name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} error={errorsFor("create").password} />
            <button type="submit">{t("admin.addUser")}</button>
          </Form>
        </article>
        <article>
          <h3>{mailEnabled ? t("admin.inviteByMailTitle") : t("admin.inviteTitle")}</h3>
          <p className="muted">{mailEnabled ? t("admin.inviteByMailHelp") : t("admin.inviteHelp")}</p>
          <Form method="post" aria-label={mailEnabled ? t("admin.inviteByMailTitle") : t("admin.inviteTitle")} key={formKeyAfter(result, "invite")}>
            <input type="hidden" name="intent" value="invite" />
            <PersonFields agencies={agencies} errors={errorsFor("invite")} />
            <SelectField wide label={t("admin.invitationLanguage")} name="locale" defaultValue="" error={errorsFor("invite").locale}>
              <option value="">{t("admin.invitationLanguageGuess")}</option>
              {LOCALES.map((code) => (
                <option key={code} value={code}>
                  {LOCALE_NAMES[code]}
                </option>
              ))}
            </SelectField>
            <button type="submit">{mailEnabled ? t("admin.inviteByMail") : t("admin.invite")}</button>
          </Form>
        </article>
      </div>
    </>
  );
}
