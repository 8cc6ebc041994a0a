import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { figureNamesFor, nameFigures } from "../models/figure-names.server";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { ConferenceDates } from "../components/conference-list";
import { CommitmentTable } from "../components/leader-tables";
import { LeaderTiles } from "../components/leader-tiles";
import { requireSeries } from "../http/guards.server";
import { formatDate, formatNumber, useLocale } from "../i18n/format";
import { i18nFor } from "../i18n/i18n";
import { getBriefing } from "../models/briefing.server";
import type { LeaderCommitment } from "../models/leader.server";
import { shownToReader } from "../models/parallel-text-rules";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";
import { FallbackMarker, ShownText } from "../components/shown-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "");
  const [briefing, figureNames] = await Promise.all([
    getBriefing(context.db, context.clock, series.id, { locale: context.locale, working: series.languages }),
    figureNamesFor(context.db, series.id, context.locale),
  ]);
  const { overview } = briefing;
  const shown = (c: LeaderCommitment) => shownToReader(c, context.locale);
  return {
    title: i18nFor(context.locale).t("briefing.title"),
    series: { slug: series.slug, name: series.name },
    today: overview.today,
    next: briefing.next,
    total: overview.total,
    counts: overview.counts,
    completionRate: overview.completionRate,
    parties: overview.parties,
    // Each text in the reader's language where there is one, else marked with the language it is shown in.
    last: briefing.last ? { ...briefing.last, agreed: { ...briefing.last.agreed, rows: briefing.last.agreed.rows.map(shown) } } : null,
    openEarlier: { ...briefing.openEarlier, groups: briefing.openEarlier.groups.map((g) => ({ ...g, rows: g.rows.map(shown) })) },
    doneSince: { ...briefing.doneSince, rows: briefing.doneSince.rows.map(shown) },
    overdue: { rows: overview.overdue.map(shown), total: overview.overdueCount },
    carried: { rows: overview.mostCarried.map(shown), total: overview.carriedOpen },
    figures: nameFigures(briefing.figures, figureNames, context.locale),
  };
}

/** Said under a list that shows only some of its rows: the register has them all. */
function MoreInRegister({ shown, total, to }: { shown: number; total: number; to: string }) {
  const t = useT();
  if (shown >= total) return null;
  return (
    <p className="muted">
      {t("briefing.more", { shown, total })} <Link to={to}>{t("briefing.inRegister")}</Link>
    </p>
  );
}

function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="print-button" onClick={() => window.print()}>
      {t("briefing.print")}
    </button>
  );
}

/** A section with nothing to report prints as one line: its heading and "nothing". */
const sectionClass = (empty: boolean) => (empty ? "briefing-section is-empty" : "briefing-section");

export default function BriefingPack() {
  const data = useLoaderData<typeof loader>();
  const { series, next } = data;
  const t = useT();
  const locale = useLocale();
  const percent = (rate: number | null) => (rate === null ? "—" : t("leader.percent", { value: formatNumber(locale, Math.round(rate * 100)) }));
  const register = `/series/${series.slug}/commitments`;
  const withUnit = (value: number, unit: string) => (unit ? `${formatNumber(locale, value)} ${unit}` : formatNumber(locale, value));

  return (
    <div className="briefing">
      <SeriesBreadcrumb series={series} trail={[{ label: t("leader.title"), to: `/series/${series.slug}/leader` }, { label: t("briefing.title") }]} />

      <header className="briefing-cover">
        <p className="briefing-kicker">{t("briefing.title")}</p>
        <h1>{series.name}</h1>
        <p className="briefing-next">
          {next ? (
            <>
              {t("briefing.forConference", { title: next.title })}
              {next.shown.wanted ? " " : null}
              <FallbackMarker shown={next.shown} />
              <br />
              <ConferenceDates startsOn={next.startsOn} endsOn={next.endsOn} />
              {" · "}
              {next.format === "online" ? t("conference.online") : next.venue}
            </>
          ) : (
            t("briefing.noNextConference")
          )}
        </p>
        <p className="muted">{t("briefing.preparedOn", { date: formatDate(locale, data.today, "long") })}</p>
        <PrintButton />
      </header>

      <section className="briefing-section" aria-labelledby="glance-heading">
        <h2 id="glance-heading">{t("briefing.glance")}</h2>
        <LeaderTiles
          total={data.total}
          counts={data.counts}
          completionRate={data.completionRate}
          overdue={data.overdue.total}
          carriedOpen={data.carried.total}
        />
        <h3>{t("leader.completionTitle")}</h3>
        <table className="briefing-table">
          <thead>
            <tr>
              <th scope="col">{t("leader.party")}</th>
              <th scope="col">{t("leader.owned")}</th>
              <th scope="col">{t("leader.doneCount")}</th>
              <th scope="col">{t("leader.rate")}</th>
            </tr>
          </thead>
          <tbody>
            {data.parties.map((p) => (
              <tr key={p.code}>
                <th scope="row" data-label={t("leader.party")}>
                  {p.code} <small className="muted">{p.name}</small>
                </th>
                <td data-label={t("leader.owned")}>{formatNumber(locale, p.owned)}</td>
                <td data-label={t("leader.doneCount")}>{formatNumber(locale, p.done)}</td>
                <td data-label={t("leader.rate")}>{percent(p.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className={sectionClass(data.last === null)} aria-labelledby="agreed-heading">
        <h2 id="agreed-heading">{t("briefing.agreed")}</h2>
        {data.last === null ? (
          <p className="muted">{t("briefing.nothing")}</p>
        ) : (
          <div className="briefing-group">
            <h3>
              <ShownText text={data.last.conference.title} shown={data.last.conference.shown} />{" "}
              <small className="muted">
                <ConferenceDates startsOn={data.last.conference.startsOn} endsOn={data.last.conference.endsOn} />
              </small>
            </h3>
            <CommitmentTable rows={data.last.agreed.rows} columns={["owners", "due", "status"]} seriesSlug={series.slug} className="briefing-table" flagOverdue />
            <MoreInRegister shown={data.last.agreed.rows.length} total={data.last.agreed.total} to={register} />
          </div>
        )}
      </section>

      <section className={sectionClass(data.openEarlier.groups.length === 0)} aria-labelledby="earlier-heading">
        <h2 id="earlier-heading">{t("briefing.openEarlier")}</h2>
        {data.openEarlier.groups.length === 0 ? <p className="muted">{t("briefing.nothing")}</p> : null}
        {data.openEarlier.groups.map((group) => (
          <div key={group.conference.id} className="briefing-group">
            <h3>
              <ShownText text={group.conference.title} shown={group.conference.shown} />{" "}
              <small className="muted">
                <ConferenceDates startsOn={group.conference.startsOn} endsOn={group.conference.endsOn} />
              </small>
            </h3>
            <CommitmentTable rows={group.rows} columns={["owners", "due", "status"]} seriesSlug={series.slug} className="briefing-table" flagOverdue />
          </div>
        ))}
        <MoreInRegister
          shown={data.openEarlier.groups.reduce((n, g) => n + g.rows.length, 0)}
          total={data.openEarlier.total}
          to={register}
        />
      </section>

      <section className={sectionClass(data.doneSince.rows.length === 0)} aria-labelledby="done-heading">
        <h2 id="done-heading">{t("briefing.done")}</h2>
        {data.last ? (
          <p className="muted">
            {t("briefing.doneSince", { title: data.last.conference.title, date: formatDate(locale, data.last.conference.startsOn, "long") })}{" "}
            {data.counts.done > data.doneSince.total ? t("briefing.doneEarlier", { count: data.counts.done - data.doneSince.total }) : null}
          </p>
        ) : null}
        {data.doneSince.rows.length === 0 ? (
          <p className="muted">{t("briefing.nothing")}</p>
        ) : (
          <CommitmentTable rows={data.doneSince.rows} columns={["owners", "lastFollowUp"]} seriesSlug={series.slug} className="briefing-table" showAgreedAt />
        )}
        <MoreInRegister shown={data.doneSince.rows.length} total={data.doneSince.total} to={`${register}?status=done`} />
      </section>

      <section className={sectionClass(data.overdue.rows.length === 0)} aria-labelledby="late-heading">
        <h2 id="late-heading">{t("briefing.late")}</h2>
        {data.overdue.rows.length === 0 ? (
          <p className="muted">{t("leader.noOverdue")}</p>
        ) : (
          <CommitmentTable
            rows={data.overdue.rows}
            columns={["owners", "due", "status", "lastFollowUp"]}
            seriesSlug={series.slug}
            className="briefing-table"
            showAgreedAt
          />
        )}
        <MoreInRegister shown={data.overdue.rows.length} total={data.overdue.total} to={`${register}?overdue=1`} />
      </section>

      <section className={sectionClass(data.carried.rows.length === 0)} aria-labelledby="carried-heading">
        <h2 id="carried-heading">{t("briefing.carried")}</h2>
        {data.carried.rows.length === 0 ? (
          <p className="muted">{t("leader.noCarried")}</p>
        ) : (
          <CommitmentTable rows={data.carried.rows} columns={["owners", "lineage", "status"]} seriesSlug={series.slug} className="briefing-table" />
        )}
        <MoreInRegister shown={data.carried.rows.length} total={data.carried.total} to={register} />
      </section>

      <section className={sectionClass(data.figures.length === 0)} aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t("briefing.figures")}</h2>
        {data.figures.length === 0 ? (
          <p className="muted">{t("leader.noFigures")}</p>
        ) : (
          <table className="briefing-table">
            <thead>
              <tr>
                <th scope="col">{t("briefing.figure")}</th>
                <th scope="col">{t("briefing.latest")}</th>
                <th scope="col">{t("briefing.previous")}</th>
                <th scope="col">{t("briefing.change")}</th>
              </tr>
            </thead>
            <tbody>
              {data.figures.map((f) => (
                <tr key={`${f.label}\u0000${f.unit}`}>
                  <th scope="row" data-label={t("briefing.figure")} lang={f.labelLanguage ?? undefined}>
                    {f.label}
                  </th>
                  <td data-label={t("briefing.latest")}>
                    <strong>{withUnit(f.value, f.unit)}</strong>
                    <br />
                    <small className="muted">{formatDate(locale, f.at)}</small>
                  </td>
                  <td data-label={t("briefing.previous")}>
                    {f.previous ? (
                      <>
                        {withUnit(f.previous.value, f.unit)}
                        <br />
                        <small className="muted">{formatDate(locale, f.previous.at)}</small>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td data-label={t("briefing.change")}>{f.previous ? `${f.value - f.previous.value >= 0 ? "+" : "−"}${formatNumber(locale, Math.abs(f.value - f.previous.value))}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
