import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { PartyChips } from "../components/party-list";
import { PartyPicker } from "../components/party-picker";
import { domainInvalid, zodInvalid } from "../http/form-result.server";
import { requireAdmin } from "../http/guards.server";
import { listAgencies } from "../models/agencies.server";
import { addSeries } from "../commands/admin-commands.server";
import { listSeriesForUser } from "../models/series.server";
import { agencyCodeField, descriptionField, nameField, slugField, workingLanguagesField } from "../validation/fields";
import { LanguagePicker } from "../components/language-picker";
import { DEFAULT_WORKING_LANGUAGES } from "../i18n/working-languages";

const seriesSchema = z.object({
  slug: slugField,
  name: nameField,
  description: descriptionField.default(""),
  parties: z.array(agencyCodeField).min(2, { message: "errors.seriesNeedsTwoParties" }),
  // Absent (a script that predates working languages): the default on create, unchanged on update.
  languages: workingLanguagesField.optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const [series, agencies] = await Promise.all([listSeriesForUser(context.db, admin, context.locale), listAgencies(context.db, context.locale)]);
  return { series, agencies };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const form = await request.formData();
  const parsed = seriesSchema.safeParse({ ...Object.fromEntries(form), parties: form.getAll("parties"), languages: form.has("languages") ? form.getAll("languages") : undefined });
  if (!parsed.success) return zodInvalid(parsed.error);
  try {
    const series = await addSeries(context, { userId: admin.id, ip: context.clientIp }, { ...parsed.data, partyCodes: parsed.data.parties });
    return redirect(`/admin/series/${series.slug}`, { status: 303 });
  } catch (error) {
    return domainInvalid(error);
  }
}

export default function AdminSeries() {
  const { series, agencies } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result && !result.ok ? result.errors : {};
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
        {errors.form ? <FormMessage tone="error">{t(errors.form)}</FormMessage> : null}
        <Form method="post" aria-label={t("admin.addSeries")}>
          <Field label={t("admin.seriesName")} name="name" required error={errors.name} />
          <Field label={t("admin.seriesSlug")} name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" error={errors.slug} />
          <label>
            {t("admin.seriesDescription")}
            <textarea name="description" rows={3} />
          </label>
          <PartyPicker agencies={agencies} selected={[]} error={errors.parties} />
          <LanguagePicker selected={DEFAULT_WORKING_LANGUAGES} error={errors.languages} />
          <button type="submit">{t("admin.addSeries")}</button>
        </Form>
      </article>
    </>
  );
}
