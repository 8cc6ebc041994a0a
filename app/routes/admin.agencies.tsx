import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { Field, FormMessage } from "../components/field";
import { fieldProps, FormErrors, savedMessage, useSchemaForm, type FormReply } from "../components/schema-form";
import { parseForm, refused, refusedByDomain, saved } from "../http/form-reply.server";
import { requireAdmin } from "../http/guards.server";
import { addAgency, saveAgency } from "../commands/admin-commands.server";
import { listAgencies } from "../models/agencies.server";
import { agencyTimeZones } from "../models/notifications.server";
import { constraintsOf } from "../validation/constraint.server";
import { agencySchema, agencyUpdateSchema } from "../validation/admin";
import { TableHead } from "../components/table-head";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  const [agencies, zones] = await Promise.all([listAgencies(context.db, context.locale), agencyTimeZones(context.db)]);
  return { agencies: agencies.map((a) => ({ ...a, timeZone: zones[a.id] ?? "" })), constraint: constraintsOf({ create: agencySchema, update: agencyUpdateSchema }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const form = await request.formData();
  if (form.get("intent") === "update") {
    const submission = parseForm(form, agencyUpdateSchema);
    if (submission.status !== "success") return refused("update", submission);
    try {
      await saveAgency(context, { userId: admin.id, ip: context.clientIp }, submission.value.id, submission.value);
    } catch (error) {
      return refusedByDomain("update", submission, error);
    }
    return saved("update", submission, "admin.agencySaved", { values: { code: submission.value.code } });
  }
  const submission = parseForm(form, agencySchema);
  if (submission.status !== "success") return refused("create", submission);
  try {
    const agency = await addAgency(context, { userId: admin.id, ip: context.clientIp }, submission.value);
    return saved("create", submission, "admin.agencyAdded", { values: { code: agency.code } });
  } catch (error) {
    return refusedByDomain("create", submission, error);
  }
}

export default function AdminAgencies() {
  const { agencies, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as (FormReply & { values?: Record<string, string> }) | undefined;
  const [params] = useSearchParams();
  const editing = Number(params.get("edit")) || null;
  const t = useT();
  const [createForm, create] = useSchemaForm("create", { constraint: constraint.create, reply });
  const [updateForm, update] = useSchemaForm("update", { constraint: constraint.update, reply });
  const message = savedMessage(reply, "create") ?? savedMessage(reply, "update");
  return (
    <>
      <h2>{t("admin.agencies")}</h2>
      {message ? <FormMessage tone="success">{t(message, reply?.values)}</FormMessage> : null}
      <FormErrors form={createForm} />
      <FormErrors form={updateForm} />
      <div className="table-scroll">
        <table>
          <TableHead columns={[t("admin.agencyCode"), t("admin.agencyName"), t("series.country")]} actions={t("admin.edit")} />
          <tbody>
            {agencies.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  {t("admin.noAgencies")}
                </td>
              </tr>
            ) : null}
            {agencies.map((a) =>
              editing === a.id ? (
                <tr key={a.id}>
                  <td colSpan={4}>
                    <Form method="post" className="inline-form" aria-label={`${t("admin.edit")} ${a.code}`} {...getFormProps(updateForm)}>
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="id" value={a.id} />
                      <Field label={t("admin.agencyCode")} {...fieldProps(update.code, a.code)} />
                      <Field label={t("admin.agencyName")} {...fieldProps(update.name, a.name)} />
                      <Field label={t("admin.agencyCountry")} {...fieldProps(update.country, a.country)} />
                      <Field label={t("notify.agencyTimeZone")} placeholder="Asia/Ho_Chi_Minh" {...fieldProps(update.timeZone, a.timeZone)} />
                      <div className="form-buttons">
                        <button type="submit">{t("admin.save")}</button>
                        <Link to="/admin/agencies" role="button" className="secondary outline">
                          {t("admin.cancel")}
                        </Link>
                      </div>
                    </Form>
                  </td>
                </tr>
              ) : (
                <tr key={a.id}>
                  <td>
                    <strong>{a.code}</strong>
                  </td>
                  <td>{a.name}</td>
                  <td>{a.country}</td>
                  <td>
                    <Link to={`?edit=${a.id}`} aria-label={`${t("admin.edit")} ${a.code}`}>
                      {t("admin.edit")}
                    </Link>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <article>
        <h3>{t("admin.addAgency")}</h3>
        <Form method="post" className="inline-form" {...getFormProps(createForm)}>
          <input type="hidden" name="intent" value="create" />
          <Field label={t("admin.agencyCode")} {...fieldProps(create.code)} />
          <Field label={t("admin.agencyName")} {...fieldProps(create.name)} />
          <Field label={t("admin.agencyCountry")} {...fieldProps(create.country)} />
          <Field label={t("notify.agencyTimeZone")} placeholder="Asia/Ho_Chi_Minh" {...fieldProps(create.timeZone)} />
          <div className="form-buttons">
            <button type="submit">{t("admin.addAgency")}</button>
          </div>
        </Form>
      </article>
    </>
  );
}
