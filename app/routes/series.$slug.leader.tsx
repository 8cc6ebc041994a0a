import type { AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { figureNamesFor, nameFigures } from "../models/figure-names.server";
import { Link, useLoaderData } from "@remix-run/react";
import { useLiveRegister } from "../collab/use-live-register";
import { useT } from "../i18n/use-t";
import { CompletionChart } from "../components/charts/completion-chart";
import { FigureChart } from "../components/charts/figure-chart";
import { StatusChart } from "../components/charts/status-chart";
import { leaderDrawings, type LeaderDrawings } from "../components/charts/chart-drawings.server";
import { markupForPage } from "../http/page-markup.server";
import { CommitmentTable } from "../components/leader-tables";
import { LeaderTiles } from "../components/leader-tiles";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { getLeaderOverview } from "../models/leader-overview.server";
import { pickShown, shownToReader } from "../models/parallel-text-rules";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.series.name} · Accord` : "Accord" }];

/** Figures shown as charts, the most reported first; the briefing pack lists every figure's latest value. */
const MAX_FIGURE_CHARTS = 4;

/** Points on one figure chart; more reports are condensed to the latest of each month (or quarter, or year). */
const MAX_FIGURE_POINTS = 24;

/** Rows of the overdue table; a series with thousands of late commitments links to the full list. */
const LEADER_TABLE_ROWS = 10;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "");
  // The page shows the worst cases; the full list is the register, filtered.
  const [report, figureNames] = await Promise.all([
    getLeaderOverview(context.db, context.clock, series.id, {
      overdue: LEADER_TABLE_ROWS,
      mostCarried: 10,
      figures: MAX_FIGURE_CHARTS,
      figurePoints: MAX_FIGURE_POINTS,
    }),
    figureNamesFor(context.db, series.id, context.locale),
  ]);
  const { t } = i18nFor(context.locale);
  // Figures are named in the reader's language where the series named them so (figure-names.server.ts).
  const figures = nameFigures(report.figures, figureNames, context.locale);
  // A plain object: with single fetch, json() would be serialised, parsed and serialised again.
  return {
    title: t("leader.title"),
    series: { id: series.id, slug: series.slug, name: series.name },
    total: report.total,
    counts: report.counts,
    completionRate: report.completionRate,
    carriedOpen: report.carriedOpen,
    parties: report.parties,
    // The overview keeps every language's title; each reader is given theirs.
    byConference: report.byConference.map(({ titles, baseLanguage, title: _base, ...row }) => {
      const { text, shown } = pickShown(titles, context.locale, series.languages, baseLanguage);
      return { ...row, title: text, titleShown: shown };
    }),
    figures,
    // Computed once per series revision for every reader; each is shown the texts in their own language.
    overdue: report.overdue.map((c) => shownToReader(c, context.locale)),
    overdueCount: report.overdueCount,
    mostCarried: report.mostCarried.map((c) => shownToReader(c, context.locale)),
    drawings: drawingsForPage(context, leaderDrawings({ ...report, figures }, t, context.locale)),
  };
}

/** The charts' markup, carried by the page's HTML alone when the whole page is asked for (markupForPage). */
function drawingsForPage(context: AppLoadContext, drawings: LeaderDrawings) {
  return {
    completion: markupForPage(context, "leader.completion", drawings.completion),
    status: markupForPage(context, "leader.status", drawings.status),
    figures: drawings.figures.map((figure, i) => markupForPage(context, `leader.figure.${i}`, figure)),
  };
}

export default function LeaderView() {
  const data = useLoaderData<typeof loader>();
  // A delegate's report shows up here at once.
  useLiveRegister(data.series.id);
  const { series } = data;
  const t = useT();
  const base = `/series/${series.slug}`;
  return (
    <div className="leader">
      <SeriesBreadcrumb series={series} trail={[{ label: t("leader.title") }]} />
      <hgroup className="page-title">
        <h1>{t("leader.title")}</h1>
        <p>{t("leader.intro")}</p>
      </hgroup>
      <div className="page-actions">
        <Link to={`${base}/briefing`} role="button">
          {t("leader.briefingLink")}
        </Link>
        <a href={`${base}/commitments.csv`} role="button" className="secondary outline" download>
          {t("exports.csv")}
        </a>
      </div>

      <LeaderTiles
        total={data.total}
        counts={data.counts}
        completionRate={data.completionRate}
        overdue={data.overdueCount}
        carriedOpen={data.carriedOpen}
      />

      {data.total === 0 ? (
        <p className="muted empty-state">{t("leader.empty")}</p>
      ) : (
        <>
          <div className="chart-grid">
            <CompletionChart parties={data.parties} drawing={data.drawings.completion} />
            <StatusChart rows={data.byConference} drawing={data.drawings.status} />
          </div>

          <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t("leader.figuresTitle")}</h2>
            {data.figures.length === 0 ? (
              <p className="muted">{t("leader.noFigures")}</p>
            ) : (
              <div className="chart-grid">
                {data.figures.map((f, i) => (
                  <FigureChart key={`${f.label}\u0000${f.unit}`} series={f} drawing={data.drawings.figures[i]} />
                ))}
              </div>
            )}
          </section>

          <section aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">{t("leader.overdueTitle")}</h2>
            {data.overdue.length === 0 ? (
              <p className="muted">{t("leader.noOverdue")}</p>
            ) : (
              <CommitmentTable
                rows={data.overdue}
                columns={["owners", "due", "status"]}
                seriesSlug={series.slug}
                className="leader-table"
                linked
                showAgreedAt
              />
            )}
            {data.overdueCount > data.overdue.length ? (
              <p>
                <Link to={`/series/${series.slug}/commitments?overdue=1`}>
                  {t("leader.allOverdue", { count: data.overdueCount })}
                </Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="carried-heading">
            <h2 id="carried-heading">{t("leader.carriedTitle")}</h2>
            {data.mostCarried.length === 0 ? (
              <p className="muted">{t("leader.noCarried")}</p>
            ) : (
              <CommitmentTable rows={data.mostCarried} columns={["owners", "lineage", "status"]} seriesSlug={series.slug} className="leader-table" linked />
            )}
          </section>
        </>
      )}
    </div>
  );
}
