import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { formKeyAfter } from "../components/form-reset";
import { SelectField } from "../components/select-field";
import { domainInvalid, parseForm, zodInvalid } from "../form-result.server";
import { requireAdmin } from "../guards.server";
import { formatDate, useLocale } from "../i18n/format";
import { listAgencies } from "../models/agencies.server";
import { recordAudit } from "../models/audit.server";
import { createInvitation, listOpenInvitations } from "../models/invitations.server";
import { signOutEverywhere } from "../models/sign-out-everywhere.server";
import { createUser, getUser, listUsers } from "../models/users.server";
import { emailField, nameField, PASSWORD_MIN_LENGTH, passwordField } from "../validation/fields";

const personSchema = z.object({
  name: nameField,
  email: emailField,
  agencyId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null),
  isAdmin: z.literal("on").optional().transform((v) => v === "on"),
});
const userSchema = personSchema.extend({ password: passwordField });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  const [users, agencies, invitations] = await Promise.all([
    listUsers(context.db, context.locale),
    listAgencies(context.db, context.locale),
    listOpenInvitations(context.db, context.clock),
  ]);
  return json({ users, agencies, invitations });
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
  const intent = form.get("intent") === "invite" ? "invite" : "create";
  try {
    if (intent === "invite") {
      const parsed = parseForm(personSchema, form);
      if (!parsed.success) return zodInvalid(parsed.error, intent);
      const token = await createInvitation(context.db, context.clock, { ...parsed.data, createdBy: admin.id });
      await recordAudit(context.db, context.clock, { kind: "invitation.created", subject: parsed.data.email, actorId: admin.id, ip: context.clientIp });
      const link = new URL(`/invite/${token}`, request.url).toString();
      return json({ ok: true as const, intent, errors: {} as Record<string, string>, message: "admin.invitationLink", values: { email: parsed.data.email }, link });
    }
    const parsed = parseForm(userSchema, form);
    if (!parsed.success) return zodInvalid(parsed.error, intent);
    const user = await createUser(context.db, context.clock, parsed.data);
    await recordAudit(context.db, context.clock, { kind: "user.created", subject: user.email, actorId: admin.id, ip: context.clientIp });
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
  const { users, agencies, invitations } = useLoaderData<typeof loader>();
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
      {result && !result.ok && result.intent === "signOutEverywhere" ? <FormMessage tone="error">{t(result.errors.form)}</FormMessage> : null}
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
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.userName")}</th>
                <th scope="col">{t("admin.userEmail")}</th>
                <th scope="col">{t("admin.expires")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.name}</td>
                  <td>{i.email}</td>
                  <td>{formatDate(locale, i.expires_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
          <h3>{t("admin.inviteTitle")}</h3>
          <p className="muted">{t("admin.inviteHelp")}</p>
          <Form method="post" aria-label={t("admin.inviteTitle")} key={formKeyAfter(result, "invite")}>
            <input type="hidden" name="intent" value="invite" />
            <PersonFields agencies={agencies} errors={errorsFor("invite")} />
            <button type="submit">{t("admin.invite")}</button>
          </Form>
        </article>
      </div>
    </>
  );
}
