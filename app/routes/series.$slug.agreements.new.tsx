import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { AgreementFields, errorsFor, submittedAgreement } from "../components/agreement-bits";
import { FormMessage } from "../components/field";
import { parseForm, refused, refusedByDomain } from "../http/form-reply.server";
import { requireSeries } from "../http/guards.server";
import { createAgreement } from "../models/agreements.server";
import { listConferences } from "../models/conferences.server";
import { reindexAgreement } from "../models/search.server";
import { getSeriesParties } from "../models/series.server";
import { agreementInputOf, agreementSchema } from "../validation/agreement";
import { constraintsOf } from "../validation/constraint.server";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "", "series.edit");
  const [parties, conferences] = await Promise.all([getSeriesParties(context.db, series.id), listConferences(context.db, series.id)]);
  return {
    series: { slug: series.slug, name: series.name },
    parties,
    conferences: conferences.map(({ id, number, title }) => ({ id, number, title })),
    constraint: constraintsOf({ agreement: agreementSchema }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.edit");
  const form = await request.formData();
  const submission = parseForm(form, agreementSchema);
  if (submission.status !== "success") return refused("agreement", submission);
  let id: number;
  try {
    id = await createAgreement(context.db, context.clock, { userId: user.id, ip: context.clientIp }, series.id, agreementInputOf(submission.value));
  } catch (error) {
    return refusedByDomain("agreement", submission, error);
  }
  await reindexAgreement(context.db, series.id, id);
  return redirect(`/series/${series.slug}/agreements/${id}`, { status: 303 });
}

export default function NewAgreement() {
  const { series, parties, conferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = errorsFor(result, "agreement");
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("agreement.listTitle"), to: `/series/${series.slug}/agreements` }, { label: t("agreement.newTitle") }]} />
      <article className="form-card">
        <h1>{t("agreement.newTitle")}</h1>
        {errors.form ? <FormMessage tone="error">{t(errors.form)}</FormMessage> : null}
        <Form method="post" aria-label={t("agreement.newTitle")}>
          <AgreementFields values={submittedAgreement(result, "agreement")} parties={parties} conferences={conferences} errors={errors} />
          <div className="form-buttons">
            <button type="submit">{t("agreement.create")}</button>
            <Link to={`/series/${series.slug}/agreements`} role="button" className="secondary outline">
              {t("agreement.cancel")}
            </Link>
          </div>
        </Form>
      </article>
    </>
  );
}
