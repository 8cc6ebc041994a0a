import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "../components/field";
import { fieldProps, ReplyNotice, useSchemaForm } from "../components/schema-form";
import { parseForm, refused, saved } from "../http/form-reply.server";
import { constraintsOf } from "../validation/constraint.server";
import { seriesSettingsSchema } from "../validation/series-settings";
import { requireSeries } from "../http/guards.server";
import { useT } from "../i18n/use-t";
import { saveReviewNoticeDays } from "../commands/admin-commands.server";
import { REVIEW_NOTICE_DAYS } from "../models/notification-kinds";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.series.name} · Accord` : "Accord" }];

/** How the series works day to day, for its secretariats and administrators. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "", "series.configure");
  return { series: { slug: series.slug, name: series.name, reviewNoticeDays: series.review_notice_days }, constraint: constraintsOf({ settings: seriesSettingsSchema }) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.configure");
  const submission = parseForm(await request.formData(), seriesSettingsSchema);
  if (submission.status !== "success") return refused("settings", submission);
  await saveReviewNoticeDays(context, { userId: user.id, ip: context.clientIp }, series, submission.value.reviewNoticeDays);
  return saved("settings", submission, "seriesSettings.saved");
}

export default function SeriesSettings() {
  const { series, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData();
  const t = useT();
  const [form, fields] = useSchemaForm("settings", { constraint: constraint.settings, reply });
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("seriesSettings.title") }]} />
      <h1>{t("seriesSettings.title")}</h1>
      <ReplyNotice reply={reply} only="success" />
      <Form method="post" className="narrow-form" {...getFormProps(form)}>
        <Field
          label={t("seriesSettings.reviewNoticeDays")}
          help={t("seriesSettings.reviewNoticeDaysHelp", { min: REVIEW_NOTICE_DAYS.min, max: REVIEW_NOTICE_DAYS.max })}
          type="number"
          inputMode="numeric"
          {...fieldProps(fields.reviewNoticeDays, series.reviewNoticeDays)}
        />
        <button type="submit">{t("seriesSettings.save")}</button>
      </Form>
    </>
  );
}
