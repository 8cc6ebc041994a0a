import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { Field, FormMessage } from "../components/field";
import { fieldProps, FormErrors, ReplyNotice, useSchemaForm, type FormReply } from "../components/schema-form";
import { SelectField } from "../components/select-field";
import { parseForm, refused, refusedByDomain, refusedWith, saved } from "../http/form-reply.server";
import { requireAdmin } from "../http/guards.server";
import { formatDate, formatDateTime, useLocale } from "../i18n/format";
import { listAgencies } from "../models/agencies.server";
import { addUser, invite, inviteAgain } from "../commands/admin-commands.server";
import { likelyLocale, listOpenInvitations } from "../models/invitations.server";
import { isLocale, LOCALE_NAMES, LOCALES } from "../i18n/locales";
import { signOutEverywhere } from "../commands/sign-out-everywhere.server";
import { getUser, listUsers } from "../models/users.server";
import { constraintsOf } from "../validation/constraint.server";
import { inviteSchema, resendSchema, userIdSchema, userSchema } from "../validation/admin";
import { TableHead } from "../components/table-head";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  const [users, agencies, invitations] = await Promise.all([
    listUsers(context.db, context.locale),
    listAgencies(context.db, context.locale),
    listOpenInvitations(context.db, context.clock),
  ]);
  return { users, agencies, invitations, mailEnabled: context.mail.enabled, constraint: constraintsOf({ create: userSchema, invite: inviteSchema }) };
}

/** What a successful answer adds: the values its message names, and an invitation's link when it is not mailed. */
type Done = { values: Record<string, string | number>; link: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const form = await request.formData();
  if (form.get("intent") === "signOutEverywhere") {
    const asked = parseForm(form, userIdSchema);
    const user = asked.status === "success" ? await getUser(context.db, asked.value.userId) : undefined;
    if (!user) return refusedWith("signOutEverywhere", form, "errors.userNotFound", { status: 404 });
    const { tokensRevoked } = await signOutEverywhere(context.db, context, {
      userId: user.id,
      email: user.email,
      actorId: admin.id,
      ip: context.clientIp,
      reason: "admin",
    });
    return saved<Done>("signOutEverywhere", form, "credentials.signedOutEverywhere", { values: { email: user.email, count: tokensRevoked }, link: null });
  }
  if (form.get("intent") === "resendInvitation") {
    const intent = "resendInvitation";
    const submission = parseForm(form, resendSchema);
    if (submission.status !== "success" || !context.mail.enabled) return refusedWith(intent, form, "errors.invitationInvalid");
    try {
      const { email, queued } = await inviteAgain(context, { userId: admin.id, ip: context.clientIp }, submission.value.invitationId);
      if (queued) context.mail.sendSoon();
      return saved<Done>(intent, submission, queued ? "admin.invitationResent" : "admin.invitationAlreadyQueued", { values: { email }, link: null });
    } catch (error) {
      return refusedByDomain(intent, submission, error);
    }
  }
  if (form.get("intent") === "invite") {
    const submission = parseForm(form, inviteSchema);
    if (submission.status !== "success") return refused("invite", submission);
    try {
      const { locale: chosen, ...person } = submission.value;
      const agency = person.agencyId === null ? undefined : (await listAgencies(context.db, context.locale)).find((a) => a.id === person.agencyId);
      const locale = chosen ?? likelyLocale(agency?.country, context.locale);
      const mail = context.mail.enabled;
      const token = await invite(context, { userId: admin.id, ip: context.clientIp }, { ...person, locale, mail });
      if (mail) context.mail.sendSoon();
      const link = new URL(`/invite/${token}`, request.url).toString();
      return saved<Done>("invite", submission, mail ? "admin.invitationMailed" : "admin.invitationLink", {
        values: { email: person.email, language: LOCALE_NAMES[locale] },
        link,
      });
    } catch (error) {
      return refusedByDomain("invite", submission, error);
    }
  }
  // The password is never sent back, even to the administrator who typed it.
  const hideFields = ["password"];
  const submission = parseForm(form, userSchema);
  if (submission.status !== "success") return refused("create", submission, { hideFields });
  try {
    const user = await addUser(context, { userId: admin.id, ip: context.clientIp }, submission.value);
    return saved<Done>("create", submission, "admin.userAdded", { values: { email: user.email }, link: null });
  } catch (error) {
    return refusedByDomain("create", submission, error, { hideFields });
  }
}

type Fields = Record<"name" | "email" | "agencyId" | "isAdmin", FieldMetadata<unknown, Record<string, unknown>, string[]>>;

function PersonFields({ agencies, fields }: { agencies: { id: number; code: string; name: string }[]; fields: Fields }) {
  const t = useT();
  const agency = fields.agencyId.initialValue;
  return (
    <>
      <Field label={t("admin.userName")} {...fieldProps(fields.name)} />
      <Field label={t("admin.userEmail")} type="email" {...fieldProps(fields.email)} />
      <SelectField wide label={t("admin.userAgency")} name={fields.agencyId.name} defaultValue={typeof agency === "string" ? agency : ""} error={fields.agencyId.errors?.[0]}>
        <option value="">{t("admin.noAgency")}</option>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.code} — {a.name}
          </option>
        ))}
      </SelectField>
      <label>
        <input type="checkbox" name={fields.isAdmin.name} role="switch" defaultChecked={fields.isAdmin.initialValue === "on"} />
        {t("admin.isAdmin")}
      </label>
    </>
  );
}

export default function AdminUsers() {
  const { users, agencies, invitations, mailEnabled, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as (FormReply & Partial<Done>) | undefined;
  const t = useT();
  const locale = useLocale();
  const [createForm, create] = useSchemaForm("create", { constraint: constraint.create, reply });
  const [inviteForm, invited] = useSchemaForm("invite", { constraint: constraint.invite, reply });
  const done = reply?.status === "success" && reply.message ? { message: reply.message, values: reply.values, link: reply.link ?? null } : null;
  return (
    <>
      <h2>{t("admin.users")}</h2>
      {done ? (
        <FormMessage tone="success">
          {t(done.message, done.values)}
          {done.link ? (
            <>
              {": "}
              <input className="copy-link" readOnly value={done.link} aria-label={t(done.message, done.values)} />
            </>
          ) : null}
        </FormMessage>
      ) : null}
      {reply?.form === "signOutEverywhere" || reply?.form === "resendInvitation" ? <ReplyNotice reply={reply} only="error" /> : null}
      <div className="table-scroll">
        <table>
          <TableHead
            columns={[t("admin.userName"), t("admin.userEmail"), t("admin.userAgency"), t("admin.status")]}
            actions={t("credentials.actions")}
          />
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
              <TableHead
                columns={[
                  t("admin.userName"),
                  t("admin.userEmail"),
                  t("admin.invitationLanguage"),
                  t("admin.expires"),
                  ...(mailEnabled ? [t("admin.invitationMail")] : []),
                ]}
                actions={mailEnabled ? t("credentials.actions") : undefined}
              />
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
          <FormErrors form={createForm} />
          <Form method="post" aria-label={t("admin.addUser")} {...getFormProps(createForm)}>
            <input type="hidden" name="intent" value="create" />
            <PersonFields agencies={agencies} fields={create as Fields} />
            <Field label={t("admin.userPassword")} type="password" autoComplete="new-password" {...fieldProps(create.password)} />
            <button type="submit">{t("admin.addUser")}</button>
          </Form>
        </article>
        <article>
          <h3>{mailEnabled ? t("admin.inviteByMailTitle") : t("admin.inviteTitle")}</h3>
          <p className="muted">{mailEnabled ? t("admin.inviteByMailHelp") : t("admin.inviteHelp")}</p>
          <FormErrors form={inviteForm} />
          <Form method="post" aria-label={mailEnabled ? t("admin.inviteByMailTitle") : t("admin.inviteTitle")} {...getFormProps(inviteForm)}>
            <input type="hidden" name="intent" value="invite" />
            <PersonFields agencies={agencies} fields={invited as Fields} />
            <SelectField wide label={t("admin.invitationLanguage")} name="locale" defaultValue={typeof invited.locale.initialValue === "string" ? invited.locale.initialValue : ""} error={invited.locale.errors?.[0]}>
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
