import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "../components/field";
import { LanguagePicker } from "../components/language-picker";
import { domainInvalid, done, zodInvalid } from "../http/form-result.server";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { useT } from "../i18n/use-t";
import { setSeriesLanguages } from "../models/series.server";
import { seriesLanguagesSchema } from "../validation/languages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "", "series.languages");
  return {
    title: i18nFor(context.locale).t("texts.languagesTitle"),
    series: { slug: series.slug, name: series.name, languages: series.languages, authentic: series.authenticLanguages },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.languages");
  const form = await request.formData();
  const parsed = seriesLanguagesSchema.safeParse({ languages: form.getAll("languages"), authentic: form.getAll("authentic") });
  if (!parsed.success) return zodInvalid(parsed.error, "languages");
  try {
    await setSeriesLanguages(context.db, context.clock, series.id, parsed.data, { id: user.id, ip: context.clientIp });
  } catch (error) {
    return domainInvalid(error, "languages");
  }
  return done("languages", "texts.languagesSaved");
}

export default function SeriesLanguages() {
  const { series } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result && !result.ok ? result.errors : {};
  return (
    <>
      <nav aria-label={t("conference.breadcrumb")} className="breadcrumb">
        <ul>
          <li>
            <Link to={`/series/${series.slug}`}>{series.name}</Link>
          </li>
          <li>{t("texts.languagesTitle")}</li>
        </ul>
      </nav>
      <hgroup className="page-title">
        <h1>{t("texts.languagesTitle")}</h1>
        <p>{t("texts.languagesIntro")}</p>
      </hgroup>
      {result?.ok ? <FormMessage tone="success">{t(result.message)}</FormMessage> : null}
      {errors.form ? <FormMessage tone="error">{t(errors.form)}</FormMessage> : null}
      <article>
        <Form method="post" aria-label={t("texts.languagesTitle")}>
          <LanguagePicker selected={series.languages} error={errors.languages} authentic={series.authentic} authenticError={errors.authentic} />
          <button type="submit">{t("admin.save")}</button>
        </Form>
      </article>
    </>
  );
}
