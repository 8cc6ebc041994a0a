import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { AgreementStatusBadge, SigningFacts, Validity } from "../components/agreement-bits";
import { PartyChips } from "../components/party-list";
import { requireSeries } from "../http/guards.server";
import { listAgreements } from "../models/agreements.server";
import { can } from "../models/permissions.server";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";
import { agreementsForReader } from "../models/agreement-reading.server";
import { FallbackMarker } from "../components/shown-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const agreements = await agreementsForReader(context.db, await listAgreements(context.db, series.id), context.locale, series.languages);
  return {
    series: { slug: series.slug, name: series.name },
    agreements: agreements.map((a) => ({
      id: a.id,
      title: a.reading.title.text,
      shown: { language: a.reading.title.language, wanted: a.reading.title.wanted },
      status: a.status,
      signedOn: a.signedOn,
      signedAt: a.signedAt,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      parties: a.parties,
      clauses: a.clauses.length,
      commitments: a.clauses.filter((c) => c.commitmentId !== null).length,
      hasDocument: a.document !== null,
    })),
    canEdit: can({ user, membership }, "series.edit"),
  };
}

export default function AgreementList() {
  const { series, agreements, canEdit } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("agreement.listTitle") }]} />
      <hgroup className="page-title">
        <h1>{t("agreement.listTitle")}</h1>
        <p>{t("agreement.listIntro")}</p>
      </hgroup>
      {canEdit ? (
        <div className="page-actions">
          <Link to={`/series/${series.slug}/agreements/new`} role="button">
            {t("agreement.newButton")}
          </Link>
        </div>
      ) : null}
      {agreements.length === 0 ? (
        <p className="muted empty-state">{t("agreement.none")}</p>
      ) : (
        <ul className="agreement-list">
          {agreements.map((a) => (
            <li key={a.id}>
              <article className="agreement-card">
                <header className="agreement-card-head">
                  <h2>
                    <Link to={`/series/${series.slug}/agreements/${a.id}`} lang={a.shown.language}>
                      {a.title}
                    </Link>
                    {a.shown.wanted ? " " : null}
                    <FallbackMarker shown={a.shown} />
                  </h2>
                  <AgreementStatusBadge status={a.status} />
                </header>
                <PartyChips parties={a.parties} />
                <p className="agreement-facts muted">
                  <SigningFacts signedOn={a.signedOn} signedAt={a.signedAt} />
                  {" · "}
                  <Validity validFrom={a.validFrom} validUntil={a.validUntil} />
                  {" · "}
                  {t("agreement.clauseSummary", { clauses: a.clauses, commitments: a.commitments })}
                  {a.hasDocument ? ` · ${t("agreement.hasDocument")}` : ""}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
