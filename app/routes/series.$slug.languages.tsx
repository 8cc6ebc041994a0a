import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { LanguagePicker } from "../components/language-picker";
import { firstError, FormErrors, ReplyNotice, useSchemaForm } from "../components/schema-form";
import { parseForm, refused, refusedByDomain, saved } from "../http/form-reply.server";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { useT } from "../i18n/use-t";
import { setSeriesLanguages } from "../models/series.server";
import { constraintsOf } from "../validation/constraint.server";
import { seriesLanguagesSchema } from "../validation/languages";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "", "series.languages");
  return {
    title: i18nFor(context.locale).t("texts.languagesTitle"),
    series: { slug: series.slug, name: series.name, languages: series.languages, authentic: series.authenticLanguages },
    constraint: constraintsOf({ languages: seriesLanguagesSchema }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.languages");
  const submission = parseForm(await request.formData(), seriesLanguagesSchema);
  if (submission.status !== "success") return refused("languages", submission);
  try {
    await setSeriesLanguages(context.db, context.clock, series.id, submission.value, { id: user.id, ip: context.clientIp });
  } catch (error) {
    return refusedByDomain("languages", submission, error);
  }
  return saved("languages", submission, "texts.languagesSaved");
}

export default function SeriesLanguages() {
  const { series, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm("languages", { constraint: constraint.languages, reply });
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("texts.languagesTitle") }]} />
      <hgroup className="page-title">
        <h1>{t("texts.languagesTitle")}</h1>
        <p>{t("texts.languagesIntro")}</p>
      </hgroup>
      <ReplyNotice reply={reply} only="success" />
      <FormErrors form={form} />
      <article>
        <Form method="post" aria-label={t("texts.languagesTitle")} {...getFormProps(form)}>
          <LanguagePicker selected={series.languages} error={firstError(fields.languages)} authentic={series.authentic} authenticError={firstError(fields.authentic)} />
          <button type="submit">{t("admin.save")}</button>
        </Form>
      </article>
    </>
  );
}
