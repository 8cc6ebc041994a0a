import { useT } from "../../i18n/use-t";
import { formatDate, formatNumber, useLocale } from "../../i18n/format";
import { ChartDrawing, ChartFigure } from "./chart-figure";
import type { PageMarkupRef } from "../server-markup";

export interface FigureSeriesDatum {
  label: string;
  unit: string;
  points: { at: string; value: number }[];
  condensed?: { per: "month" | "quarter" | "year"; reports: number };
}

/** One figure reported in follow-ups, over time (drawn on the server). */
export function FigureChart({ series, drawing }: { series: FigureSeriesDatum; drawing: PageMarkupRef }) {
  const t = useT();
  const locale = useLocale();
  const points = series.points;
  const withUnit = (value: number) => (series.unit ? `${formatNumber(locale, value)} ${series.unit}` : formatNumber(locale, value));
  const title = series.unit ? t("leader.figureTitle", { label: series.label, unit: series.unit }) : series.label;
  const summary = [
    t("leader.figureSummary", {
      label: series.label,
      count: series.condensed?.reports ?? points.length,
      first: `${withUnit(points[0].value)} (${formatDate(locale, points[0].at)})`,
      last: `${withUnit(points[points.length - 1].value)} (${formatDate(locale, points[points.length - 1].at)})`,
    }),
    series.condensed ? t(`leader.figureCondensed.${series.condensed.per}`) : null,
  ]
    .filter(Boolean)
    .join(" ");

  const table = (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("leader.date")}</th>
          <th scope="col">{t("leader.value")}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p, i) => (
          <tr key={`${p.at}-${i}`}>
            <th scope="row">{formatDate(locale, p.at)}</th>
            <td>{withUnit(p.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title={title} summary={summary} table={table} className="chart-small">
      {({ titleId, descId }) => (
        <ChartDrawing markup={drawing} titleId={titleId} descId={descId} />
      )}
    </ChartFigure>
  );
}
