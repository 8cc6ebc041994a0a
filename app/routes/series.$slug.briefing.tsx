import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { ConferenceDates } from "../components/conference-list";
import { CommitmentTable } from "../components/leader-tables";
import { LeaderTiles } from "../components/leader-tiles";
import { requireSeries } from "../guards.server";
import { formatDate, formatNumber, useLocale } from "../i18n/format";
import { i18nFor } from "../i18n/i18n";
import { getLeaderReport, latestFigures } from "../models/leader.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "");
  const report = await getLeaderReport(context.db, context.clock, series.id);
  const next = report.nextConference;
  const agreed = [...report.conferences]
    .reverse()
    .map((conference) => ({
      conference: { number: conference.number, title: conference.title, startsOn: conference.startsOn, endsOn: conference.endsOn },
      commitments: report.commitments.filter((c) => c.agreedAt.conferenceId === conference.id),
    }))
    .filter((group) => group.commitments.length > 0);
  return json({
    title: i18nFor(context.locale).t("briefing.title"),
    series: { slug: series.slug, name: series.name },
    today: report.today,
    next: next
      ? { number: next.number, title: next.title, startsOn: next.startsOn, endsOn: next.endsOn, venue: next.venue, format: next.format }
      : null,
    total: report.total,
    counts: report.counts,
    completionRate: report.completionRate,
    carriedOpen: report.commitments.filter((c) => c.carriedOver > 0 && c.status !== "done" && c.status !== "dropped").length,
    parties: report.parties,
    agreed,
    done: report.commitments.filter((c) => c.status === "done"),
    overdue: report.overdue,
    carried: report.mostCarried,
    figures: latestFigures(report.figures),
  });
}

function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="print-button" onClick={() => window.print()}>
      {t("briefing.print")}
    </button>
  );
}

export default function BriefingPack() {
  const data = useLoaderData<typeof loader>();
  const { series, next } = data;
  const t = useT();
  const locale = useLocale();
  const percent = (rate: number | null) => (rate === null ? "—" : t("leader.percent", { value: formatNumber(locale, Math.round(rate * 100)) }));
  const withUnit = (value: number, unit: string) => (unit ? `${formatNumber(locale, value)} ${unit}` : formatNumber(locale, value));

  return (
    <div className="briefing">
      <nav aria-label={t("conference.breadcrumb")} className="breadcrumb">
        <ul>
          <li>
            <Link to={`/series/${series.slug}`}>{series.name}</Link>
          </li>
          <li>
            <Link to={`/series/${series.slug}/leader`}>{t("leader.title")}</Link>
          </li>
          <li>{t("briefing.title")}</li>
        </ul>
      </nav>

      <header className="briefing-cover">
        <p className="briefing-kicker">{t("briefing.title")}</p>
        <h1>{series.name}</h1>
        <p className="briefing-next">
          {next ? (
            <>
              {t("briefing.forConference", { title: next.title })}
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
          overdue={data.overdue.length}
          carriedOpen={data.carriedOpen}
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

      <section className="briefing-section" aria-labelledby="agreed-heading">
        <h2 id="agreed-heading">{t("briefing.agreed")}</h2>
        {data.agreed.length === 0 ? <p className="muted">{t("briefing.nothing")}</p> : null}
        {data.agreed.map((group) => (
          <div key={group.conference.number} className="briefing-group">
            <h3>
              {group.conference.title}{" "}
              <small className="muted">
                <ConferenceDates startsOn={group.conference.startsOn} endsOn={group.conference.endsOn} />
              </small>
            </h3>
            <CommitmentTable
              rows={group.commitments}
              columns={["owners", "due", "status"]}
              seriesSlug={series.slug}
              className="briefing-table"
              flagOverdue
            />
          </div>
        ))}
      </section>

      <section className="briefing-section" aria-labelledby="done-heading">
        <h2 id="done-heading">{t("briefing.done")}</h2>
        {data.done.length === 0 ? (
          <p className="muted">{t("briefing.nothing")}</p>
        ) : (
          <CommitmentTable rows={data.done} columns={["owners", "lastFollowUp"]} seriesSlug={series.slug} className="briefing-table" showAgreedAt />
        )}
      </section>

      <section className="briefing-section" aria-labelledby="late-heading">
        <h2 id="late-heading">{t("briefing.late")}</h2>
        {data.overdue.length === 0 ? (
          <p className="muted">{t("leader.noOverdue")}</p>
        ) : (
          <CommitmentTable
            rows={data.overdue}
            columns={["owners", "due", "status", "lastFollowUp"]}
            seriesSlug={series.slug}
            className="briefing-table"
            showAgreedAt
          />
        )}
      </section>

      <section className="briefing-section" aria-labelledby="carried-heading">
        <h2 id="carried-heading">{t("briefing.carried")}</h2>
        {data.carried.length === 0 ? (
          <p className="muted">{t("leader.noCarried")}</p>
        ) : (
          <CommitmentTable rows={data.carried} columns={["owners", "lineage", "status"]} seriesSlug={series.slug} className="briefing-table" />
        )}
      </section>

      <section className="briefing-section" aria-labelledby="figures-heading">
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
                  <th scope="row" data-label={t("briefing.figure")}>{f.label}</th>
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
