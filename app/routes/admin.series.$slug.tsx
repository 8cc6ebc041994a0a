import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { DescriptionField } from "../components/description-field";
import { Field, FormMessage } from "../components/field";
import { PartyPicker } from "../components/party-picker";
import { RoleBadge } from "../components/role-badge";
import { GrantForm } from "../components/grant-form";
import { fieldProps, firstError, FormErrors, ReplyNotice, savedMessage, useSchemaForm } from "../components/schema-form";
import { parseForm, refused, refusedByDomain, refusedWith, saved } from "../http/form-reply.server";
import { requireAdmin } from "../http/guards.server";
import { listAgencies } from "../models/agencies.server";
import { grantSeriesRole, revokeSeriesRole, saveSeries } from "../commands/admin-commands.server";
import { getSeriesBySlug, getSeriesMembers, getSeriesParties } from "../models/series.server";
import { getUser, listUsers } from "../models/users.server";
import { grantSchema, seriesUpdateSchema, userIdSchema } from "../validation/admin";
import { constraintsOf } from "../validation/constraint.server";
import { LanguagePicker } from "../components/language-picker";
import { TableHead } from "../components/table-head";

async function loadSeries(context: LoaderFunctionArgs["context"], request: Request, slug: string | undefined) {
  const admin = await requireAdmin(context, request);
  const series = await getSeriesBySlug(context.db, slug ?? "");
  if (!series) throw new Response("Not Found", { status: 404 });
  return { admin, series };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await loadSeries(context, request, params.slug);
  const [parties, members, agencies, users] = await Promise.all([
    getSeriesParties(context.db, series.id),
    getSeriesMembers(context.db, series.id, context.locale),
    listAgencies(context.db, context.locale),
    listUsers(context.db, context.locale),
  ]);
  return { series, parties, members, agencies, users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, agencyId: u.agency_id })),
    constraint: constraintsOf({ update: seriesUpdateSchema, grant: grantSchema }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { admin, series } = await loadSeries(context, request, params.slug);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const actor = { userId: admin.id, ip: context.clientIp };
  switch (intent) {
    case "update": {
      const submission = parseForm(form, seriesUpdateSchema);
      if (submission.status !== "success") return refused(intent, submission);
      const { parties, languages } = submission.value;
      try {
        await saveSeries(context, actor, series, { ...submission.value, partyCodes: parties }, { parties, languages });
      } catch (error) {
        return refusedByDomain(intent, submission, error);
      }
      return saved(intent, submission, "admin.seriesSaved");
    }
    case "grant": {
      const submission = parseForm(form, grantSchema);
      if (submission.status !== "success") return refused(intent, submission);
      try {
        const agencyId = submission.value.agencyId ?? (await getUser(context.db, submission.value.userId))?.agency_id ?? null;
        if (agencyId === null) return refusedWith(intent, submission, "errors.agencyNotParty", { field: "agencyId" });
        await grantSeriesRole(context, actor, series, { ...submission.value, agencyId }, submission.value);
      } catch (error) {
        return refusedByDomain(intent, submission, error);
      }
      return saved(intent, submission, "admin.granted");
    }
    case "revoke": {
      const submission = parseForm(form, userIdSchema);
      if (submission.status !== "success") return refused(intent, submission);
      try {
        await revokeSeriesRole(context, actor, series, submission.value.userId);
      } catch (error) {
        return refusedByDomain(intent, submission, error);
      }
      return saved(intent, submission, "admin.revoked");
    }
    default:
      return refusedWith("update", form, "errors.generic");
  }
}

export default function AdminSeriesDetail() {
  const { series, parties, members, agencies, users, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm("update", { constraint: constraint.update, reply });
  const message = savedMessage(reply, "update") ?? savedMessage(reply, "grant") ?? savedMessage(reply, "revoke");
  return (
    <>
      <hgroup className="page-title">
        <h2>{series.name}</h2>
        <p>
          <Link to={`/series/${series.slug}`}>/series/{series.slug}</Link>
        </p>
      </hgroup>
      {message ? <FormMessage tone="success">{t(message)}</FormMessage> : null}
      {reply && typeof reply === "object" && "form" in reply && reply.form === "revoke" ? <ReplyNotice reply={reply} only="error" /> : null}
      <FormErrors form={form} />

      <section aria-labelledby="members-heading">
        <h3 id="members-heading">{t("admin.membersTitle")}</h3>
        <div className="table-scroll">
          <table>
            <TableHead columns={[t("admin.person"), t("admin.onBehalfOf"), t("series.role")]} actions={t("admin.revoke")} />
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.name}
                    <br />
                    <small className="muted">{m.email}</small>
                  </td>
                  <td title={m.agencyName}>{m.agencyCode}</td>
                  <td>
                    <RoleBadge role={m.role} />
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="secondary outline compact" aria-label={`${t("admin.revoke")} ${m.name}`}>
                        {t("admin.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <GrantForm users={users} parties={parties} constraint={constraint.grant} reply={reply} />
      </section>

      <article>
        <h3>{t("admin.edit")}</h3>
        <Form method="post" aria-label={t("admin.edit")} {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update" />
          <Field label={t("admin.seriesName")} {...fieldProps(fields.name, series.name)} />
          <DescriptionField field={fields.description} fallback={series.description} />
          <PartyPicker agencies={agencies} selected={parties.map((p) => p.code)} error={firstError(fields.parties)} />
          <LanguagePicker selected={series.languages} error={firstError(fields.languages)} />
          <button type="submit">{t("admin.save")}</button>
        </Form>
      </article>
    </>
  );
}
