import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { done, zodInvalid } from "../http/form-result.server";
import { requireSeries } from "../http/guards.server";
import { useT } from "../i18n/use-t";
import { saveReviewNoticeDays } from "../commands/admin-commands.server";
import { REVIEW_NOTICE_DAYS } from "../models/notification-kinds";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.series.name} · Accord` : "Accord" }];

const settingsSchema = z.object({
  reviewNoticeDays: z.coerce
    .number({ message: "errors.reviewNoticeDays" })
    .int({ message: "errors.reviewNoticeDays" })
    .min(REVIEW_NOTICE_DAYS.min, { message: "errors.reviewNoticeDays" })
    .max(REVIEW_NOTICE_DAYS.max, { message: "errors.reviewNoticeDays" }),
});

/** How the series works day to day, for its secretariats and administrators. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "", "series.configure");
  return { series: { slug: series.slug, name: series.name, reviewNoticeDays: series.review_notice_days } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.configure");
  const form = Object.fromEntries(await request.formData());
  const parsed = settingsSchema.safeParse(form);
  if (!parsed.success) return zodInvalid(parsed.error, "settings", { reviewNoticeDays: String(form.reviewNoticeDays ?? "") });
  await saveReviewNoticeDays(context, { userId: user.id, ip: context.clientIp }, series, parsed.data.reviewNoticeDays);
  return done("settings", "seriesSettings.saved");
}

export default function SeriesSettings() {
  const { series } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  return (
    <>
      <nav aria-label={t("conference.breadcrumb")} className="breadcrumb">
        <ul>
          <li>
            <Link to={`/series/${series.slug}`}>{series.name}</Link>
          </li>
        </ul>
      </nav>
      <h1>{t("seriesSettings.title")}</h1>
      {result?.ok ? <FormMessage tone="success">{t("seriesSettings.saved")}</FormMessage> : null}
      <Form method="post" className="narrow-form">
        <Field
          label={t("seriesSettings.reviewNoticeDays")}
          help={t("seriesSettings.reviewNoticeDaysHelp", { min: REVIEW_NOTICE_DAYS.min, max: REVIEW_NOTICE_DAYS.max })}
          name="reviewNoticeDays"
          type="number"
          inputMode="numeric"
          min={REVIEW_NOTICE_DAYS.min}
          max={REVIEW_NOTICE_DAYS.max}
          step={1}
          required
          defaultValue={result && !result.ok ? (result.values?.reviewNoticeDays ?? series.reviewNoticeDays) : series.reviewNoticeDays}
          error={errors.reviewNoticeDays}
        />
        <button type="submit">{t("seriesSettings.save")}</button>
      </Form>
    </>
  );
}
