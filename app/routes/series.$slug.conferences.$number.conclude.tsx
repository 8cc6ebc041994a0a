import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ConclusionSummary } from "../components/conclusion-check";
import { requireConference } from "../http/conference-access.server";
import { useT } from "../i18n/use-t";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { checkConferenceForConclusion } from "../commands/conference-commands.server";
import { countUnsettledReviews } from "../models/conference-outcomes.server";
import { getSeriesParties } from "../models/series.server";
import { conferenceHeading } from "../models/parallel-texts.server";
import { ShownText } from "../components/shown-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · Accord` : "Accord" }];

/**
 * The conclusion check as a page: where the Conclude button leads without
 * script, and where a refused conclusion sends the secretariat to see why.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series, conference } = await requireConference(context, request, params, "series.edit");
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  if (conference.status !== "in_session") throw redirect(base, { status: 303 });
  const snapshot = await context.collab.currentState(conference.docName);
  const [check, unsettledReviews, parties] = await Promise.all([
    checkConferenceForConclusion(context, conference, snapshot),
    countUnsettledReviews(context.db, conference.id),
    getSeriesParties(context.db, series.id),
  ]);
  return {
    series: { slug: series.slug, name: series.name },
    conference: { number: conference.number, ...(await conferenceHeading(context.db, conference, context.locale, series.languages)) },
    check,
    unsettledReviews,
    parties: parties.map((p) => ({ code: p.code, name: p.name })),
  };
}

export default function ConcludeConference() {
  const { series, conference, check, unsettledReviews, parties } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  return (
    <article className="conclude-page">
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <hgroup className="page-title">
        <h1>{t("conclusion.title")}</h1>
        <p>
          <ShownText text={conference.title} shown={conference.titleShown} />
        </p>
      </hgroup>
      <ConclusionSummary check={check} unsettledReviews={unsettledReviews} parties={parties} />
      <Form method="post" action={`${base}/lifecycle`} className="page-actions">
        <input type="hidden" name="intent" value="conclude" />
        <Link to={base} role="button" className="secondary outline">
          {check.blocking ? t("conclusion.backToFix") : t("workspace.cancel")}
        </Link>
        <button type="submit" disabled={check.blocking}>
          {t("conclusion.adopt")}
        </button>
      </Form>
    </article>
  );
}
