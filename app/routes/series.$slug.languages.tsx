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
import { readSeriesTexts, setSeriesTexts } from "../models/series-names.server";
import { nameFigure, reportedFigures, type ReportedFigure } from "../models/figure-names.server";
import { figureFormName } from "../models/figure-key";
import { constraintsOf } from "../validation/constraint.server";
import { figureNameSchema, seriesLanguagesSchema, seriesNamesSchema } from "../validation/languages";
import { figureNameFieldName, seriesTextFieldName } from "../validation/language-field-names";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";
import { Field } from "../components/field";
import { fieldProps, useConstraint } from "../components/schema-form";
import { languageName, type WorkingLanguage } from "../i18n/working-languages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "", "series.languages");
  const [texts, figures] = await Promise.all([readSeriesTexts(context.db, series.id), reportedFigures(context.db, series.id)]);
  return {
    title: i18nFor(context.locale).t("texts.languagesTitle"),
    series: { slug: series.slug, name: series.name, ownName: series.ownName, languages: series.languages, authentic: series.authenticLanguages },
    texts,
    figures: figures.map((figure) => ({ ...figure, form: figureFormName(figure.label, figure.unit) })),
    constraint: constraintsOf({ languages: seriesLanguagesSchema, names: seriesNamesSchema, figure: figureNameSchema }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.languages");
  const form = await request.formData();
  if (form.get("intent") === "figure") {
    const submission = parseForm(form, figureNameSchema);
    const name = figureFormName(String(form.get("figureLabel") ?? ""), String(form.get("figureUnit") ?? ""));
    if (submission.status !== "success") return refused(name, submission);
    const value = submission.value as Record<string, string>;
    const names = Object.fromEntries(
      series.languages.map((language) => [language, { label: value[figureNameFieldName("label", language)] ?? "", unit: value[figureNameFieldName("unit", language)] ?? "" }]),
    );
    try {
      await nameFigure(context.db, context.clock, series, { label: value.figureLabel, unit: value.figureUnit }, series.languages, names, { id: user.id, ip: context.clientIp });
    } catch (error) {
      return refusedByDomain(name, submission, error);
    }
    return saved(name, submission, "texts.namesSaved");
  }
  if (form.get("intent") === "names") {
    const submission = parseForm(form, seriesNamesSchema);
    if (submission.status !== "success") return refused("names", submission);
    const value = submission.value as Record<string, string>;
    const texts = Object.fromEntries(
      series.languages.map((language) => [
        language,
        { name: value[seriesTextFieldName("name", language)] ?? "", description: value[seriesTextFieldName("description", language)] ?? "" },
      ]),
    );
    await setSeriesTexts(context.db, context.clock, series, series.languages, texts, { id: user.id, ip: context.clientIp });
    return saved("names", submission, "texts.namesSaved");
  }
  const submission = parseForm(form, seriesLanguagesSchema);
  if (submission.status !== "success") return refused("languages", submission);
  try {
    await setSeriesLanguages(context.db, context.clock, series.id, submission.value, { id: user.id, ip: context.clientIp });
  } catch (error) {
    return refusedByDomain("languages", submission, error);
  }
  return saved("languages", submission, "texts.languagesSaved");
}

export default function SeriesLanguages() {
  const { series, texts, figures, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm("languages", { constraint: constraint.languages, reply });
  const [namesForm, nameFields] = useSchemaForm("names", { constraint: constraint.names, reply });
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("texts.languagesTitle") }]} />
      <hgroup className="page-title">
        <h1>{t("texts.languagesTitle")}</h1>
        <p>{t("texts.languagesIntro")}</p>
      </hgroup>
      {/* A figure's form says its own (FigureNames); one no longer listed (nobody reports it now) is answered here. */}
      <ReplyNotice reply={reply?.form === "languages" || reply?.form === "names" ? reply : undefined} only="success" />
      {reply && reply.form.startsWith("figure:") && !figures.some((f) => f.form === reply.form) ? <ReplyNotice reply={reply} /> : null}
      <FormErrors form={form} />
      <article>
        <Form method="post" aria-label={t("texts.languagesTitle")} {...getFormProps(form)}>
          <LanguagePicker selected={series.languages} error={firstError(fields.languages)} authentic={series.authentic} authenticError={firstError(fields.authentic)} />
          <button type="submit">{t("admin.save")}</button>
        </Form>
      </article>
      <article aria-labelledby="series-names-title">
        <h2 id="series-names-title">{t("texts.namesTitle")}</h2>
        <p className="muted">{t("texts.namesIntro", { name: series.ownName })}</p>
        <FormErrors form={namesForm} />
        <Form method="post" aria-labelledby="series-names-title" {...getFormProps(namesForm)}>
          <input type="hidden" name="intent" value="names" />
          {series.languages.map((language: WorkingLanguage) => {
            const name = nameFields[seriesTextFieldName("name", language)];
            const description = nameFields[seriesTextFieldName("description", language)];
            const given = texts[language];
            const descriptionProps = fieldProps(description, given?.description ?? "");
            return (
              <fieldset key={language} className="series-names-language">
                <legend lang={language}>{languageName(language)}</legend>
                <Field label={t("admin.seriesName")} lang={language} {...fieldProps(name, given?.name ?? "")} />
                <label>
                  {t("admin.seriesDescription")}
                  <textarea
                    name={descriptionProps.name}
                    rows={2}
                    lang={language}
                    maxLength={descriptionProps.maxLength}
                    defaultValue={descriptionProps.defaultValue}
                    aria-invalid={descriptionProps.error ? true : undefined}
                  />
                  {descriptionProps.error ? <small className="field-error">{t(descriptionProps.error)}</small> : null}
                </label>
              </fieldset>
            );
          })}
          <button type="submit">{t("texts.namesSave")}</button>
        </Form>
      </article>
      {figures.length > 0 ? (
        <section aria-labelledby="figure-names-title">
          <h2 id="figure-names-title">{t("texts.figuresTitle")}</h2>
          <p className="muted">{t("texts.figuresIntro")}</p>
          {figures.map((figure) => (
            <FigureNames key={figure.form} figure={figure} languages={series.languages} />
          ))}
        </section>
      ) : null}
    </>
  );
}

/** One reported figure named in each working language: a form of its own, so that saving one keeps what is typed in another. */
function FigureNames({ figure, languages }: { figure: ReportedFigure & { form: string }; languages: readonly WorkingLanguage[] }) {
  const reply = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm(figure.form, { constraint: useConstraint("figure"), reply });
  const reported = figure.unit ? `${figure.label} (${figure.unit})` : figure.label;
  const headingId = `${form.id}-heading`;
  return (
    <article aria-labelledby={headingId}>
      <h3 id={headingId}>{reported}</h3>
      <ReplyNotice reply={reply && (reply as { form?: string }).form === figure.form ? reply : undefined} />
      <FormErrors form={form} />
      <Form method="post" aria-labelledby={headingId} {...getFormProps(form)}>
        <input type="hidden" name="intent" value="figure" />
        <input type="hidden" name="figureLabel" value={figure.label} />
        <input type="hidden" name="figureUnit" value={figure.unit} />
        <div className="grid figure-names">
          {languages.map((language) => (
            <fieldset key={language}>
              <legend lang={language}>{languageName(language)}</legend>
              <Field label={t("admin.seriesName")} lang={language} {...fieldProps(fields[figureNameFieldName("label", language)], figure.names[language]?.label ?? "")} />
              <Field label={t("commitment.figureUnit")} lang={language} {...fieldProps(fields[figureNameFieldName("unit", language)], figure.names[language]?.unit ?? "")} />
            </fieldset>
          ))}
        </div>
        <button type="submit" className="secondary">{t("texts.namesSave")}</button>
      </Form>
    </article>
  );
}
