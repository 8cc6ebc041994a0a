import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { Field } from "../components/field";
import { fieldProps, firstError, FormErrors, useSchemaForm } from "../components/schema-form";
import { PartyChips } from "../components/party-list";
import { PartyPicker } from "../components/party-picker";
import { parseForm, refused, refusedByDomain } from "../http/form-reply.server";
import { requireAdmin } from "../http/guards.server";
import { listAgencies } from "../models/agencies.server";
import { addSeries } from "../commands/admin-commands.server";
import { listSeriesForUser } from "../models/series.server";
import { seriesSchema } from "../validation/admin";
import { constraintsOf } from "../validation/constraint.server";
import { DescriptionField } from "../components/description-field";
import { LanguagePicker } from "../components/language-picker";
import { DEFAULT_WORKING_LANGUAGES } from "../i18n/working-languages";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const [series, agencies] = await Promise.all([listSeriesForUser(context.db, admin, context.locale), listAgencies(context.db, context.locale)]);
  return { series, agencies, constraint: constraintsOf({ series: seriesSchema }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const form = await request.formData();
  const submission = parseForm(form, seriesSchema);
  if (submission.status !== "success") return refused("series", submission);
  try {
    const series = await addSeries(context, { userId: admin.id, ip: context.clientIp }, { ...submission.value, partyCodes: submission.value.parties });
    return redirect(`/admin/series/${series.slug}`, { status: 303 });
  } catch (error) {
    return refusedByDomain("series", submission, error);
  }
}

export default function AdminSeries() {
  const { series, agencies, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm("series", { constraint: constraint.series, reply });
  // The parties ticked before a refusal stay ticked (one ticked box comes back as a string).
  const ticked = [fields.parties.initialValue].flat().filter((v): v is string => typeof v === "string");
  return (
    <>
      <h2>{t("admin.series")}</h2>
      {series.length === 0 ? <p className="muted">{t("admin.noSeries")}</p> : null}
      <ul className="card-list">
        {series.map((s) => (
          <li key={s.slug}>
            <article className="series-card">
              <h3>
                <Link to={`/admin/series/${s.slug}`}>{s.name}</Link>
              </h3>
              <footer>
                <PartyChips parties={s.parties} />
                <code>{s.slug}</code>
              </footer>
            </article>
          </li>
        ))}
      </ul>
      <article>
        <h3>{t("admin.addSeries")}</h3>
        <FormErrors form={form} />
        <Form method="post" aria-label={t("admin.addSeries")} {...getFormProps(form)}>
          <Field label={t("admin.seriesName")} {...fieldProps(fields.name)} />
          <Field label={t("admin.seriesSlug")} {...fieldProps(fields.slug)} />
          <DescriptionField field={fields.description} />
          <PartyPicker agencies={agencies} selected={ticked} error={firstError(fields.parties)} />
          <LanguagePicker selected={DEFAULT_WORKING_LANGUAGES} error={firstError(fields.languages)} />
          <button type="submit">{t("admin.addSeries")}</button>
        </Form>
      </article>
    </>
  );
}
