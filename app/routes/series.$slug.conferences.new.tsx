import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { createNextConference } from "../commands/conference-commands.server";
import { Field } from "../components/field";
import { FormErrors, fieldProps, useSchemaForm } from "../components/schema-form";
import { SelectField } from "../components/select-field";
import { parseForm, refused, refusedByDomain } from "../http/form-reply.server";
import { constraintsOf } from "../validation/constraint.server";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { contentLanguage } from "../i18n/working-languages";
import { suggestNextNumber } from "../models/conferences.server";
import { getSeriesParties } from "../models/series.server";
import { conferenceSchema } from "../validation/conference";
import { CONFERENCE_FORMATS } from "../validation/limits";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";

export const meta: MetaFunction = () => [{ title: "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "", "series.edit");
  const [parties, nextNumber] = await Promise.all([
    getSeriesParties(context.db, series.id),
    suggestNextNumber(context.db, series.id),
  ]);
  // Suggested in the series' own language, not the creator's interface language.
  const suggestedTitle = i18nFor(contentLanguage(series.languages)).t("conference.defaultTitle", { number: nextNumber });
  return { series: { slug: series.slug, name: series.name }, parties, nextNumber, suggestedTitle, constraint: constraintsOf({ conference: conferenceSchema }) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.edit");
  const submission = parseForm(await request.formData(), conferenceSchema);
  if (submission.status !== "success") return refused("conference", submission);
  let created;
  try {
    created = await createNextConference(context, { userId: user.id, ip: context.clientIp }, series, submission.value);
  } catch (error) {
    return refusedByDomain("conference", submission, error);
  }
  return redirect(`/series/${series.slug}/conferences/${created.number}`, { status: 303 });
}

export default function NewConference() {
  const { series, parties, nextNumber, suggestedTitle, constraint } = useLoaderData<typeof loader>();
  const t = useT();
  const [form, fields] = useSchemaForm("conference", { constraint: constraint.conference, reply: useActionData() });
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("conference.newTitle") }]} />
      <article className="form-card">
        <h1>{t("conference.newTitle")}</h1>
        <FormErrors form={form} />
        <Form method="post" aria-label={t("conference.newTitle")} {...getFormProps(form)}>
          <div className="grid-form">
            <Field label={t("conference.number")} type="number" {...fieldProps(fields.number, nextNumber)} />
            <Field label={t("conference.title")} {...fieldProps(fields.title, suggestedTitle)} />
            <Field label={t("conference.startsOn")} type="date" {...fieldProps(fields.startsOn)} />
            <Field label={t("conference.endsOn")} type="date" {...fieldProps(fields.endsOn)} />
            <SelectField label={t("conference.format")} {...fieldProps(fields.format, "in_person")}>
              {CONFERENCE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`conference.formats.${f}`)}
                </option>
              ))}
            </SelectField>
            <Field label={t("conference.venue")} help={t("conference.venueHelp")} {...fieldProps(fields.venue)} />
            <SelectField wide label={t("conference.host")} {...fieldProps(fields.hostAgencyId, "")}>
              <option value="">{t("conference.noHost")}</option>
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} — {p.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="form-buttons">
            <button type="submit">{t("conference.create")}</button>
            <Link to={`/series/${series.slug}`} role="button" className="secondary outline">
              {t("admin.cancel")}
            </Link>
          </div>
        </Form>
      </article>
    </>
  );
}
