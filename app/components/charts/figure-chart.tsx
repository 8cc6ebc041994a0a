import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scaleUtc } from "@visx/scale";
import { LinePath } from "@visx/shape";
import { useT } from "../../i18n/use-t";
import { formatDate, formatNumber, useLocale } from "../../i18n/format";
import { ChartFigure, TickLabel } from "./chart-figure";

export interface FigureSeriesDatum {
  label: string;
  unit: string;
  points: { at: string; value: number }[];
  condensed?: { per: "month" | "quarter" | "year"; reports: number };
}

const WIDTH = 420;
const HEIGHT = 220;
const MARGIN = { top: 14, right: 20, bottom: 30, left: 56 };
const DAY = 86_400_000;

/** Keeps ticks at least MIN_TICK_GAP apart, from the left, always keeping the first. */
const MIN_TICK_GAP = 150;
function spacedTicks(candidates: Date[], x: (d: Date) => number | undefined): Date[] {
  const kept: Date[] = [];
  for (const tick of candidates) {
    const last = kept[kept.length - 1];
    if (!last || (x(tick) ?? 0) - (x(last) ?? 0) >= MIN_TICK_GAP) kept.push(tick);
  }
  return kept;
}

/** Labels at either end of the axis are aligned inwards, so they stay inside the chart. */
function edgeAnchor(position: number, width: number): "start" | "middle" | "end" {
  if (position < 36) return "start";
  if (position > width - 36) return "end";
  return "middle";
}

/** One figure reported in follow-ups, over time. UTC scale: the server and every browser draw the same axis. */
export function FigureChart({ series }: { series: FigureSeriesDatum }) {
  const t = useT();
  const locale = useLocale();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const points = series.points.map((p) => ({ date: new Date(p.at), value: p.value, at: p.at }));
  const times = points.map((p) => p.date.getTime());
  const first = Math.min(...times);
  const last = Math.max(...times);
  // A single date still gets a visible span around it.
  const x = scaleUtc<number>({
    domain: first === last ? [new Date(first - 15 * DAY), new Date(last + 15 * DAY)] : [new Date(first), new Date(last)],
    range: [0, innerWidth],
  });
  const values = points.map((p) => p.value);
  const y = scaleLinear<number>({ domain: [Math.min(0, ...values), Math.max(1, ...values)], range: [innerHeight, 0], nice: true });
  const yTicks = y.ticks(4);
  // Date labels far enough apart to fit side by side in any language, on a phone too:
  // the reported dates when there are few, else round dates.
  const pointDates = [...new Set(times)].sort((a, b) => a - b).map((time) => new Date(time));
  const xTicks = spacedTicks(pointDates.length <= 3 ? pointDates : x.ticks(4), x);
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
        <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <Group left={MARGIN.left} top={MARGIN.top}>
            {yTicks.map((v) => (
              <line key={v} x1={0} x2={innerWidth} y1={y(v)} y2={y(v)} className="chart-gridline" />
            ))}
            <LinePath data={points} x={(p) => x(p.date)} y={(p) => y(p.value)} className="chart-line" />
            {points.map((p, i) => (
              <circle key={`${p.at}-${i}`} cx={x(p.date)} cy={y(p.value)} r={4} className="chart-point">
                <title>{`${formatDate(locale, p.at)}: ${withUnit(p.value)}`}</title>
              </circle>
            ))}
            <AxisLeft
              scale={y}
              tickValues={yTicks}
              tickFormat={(v) => formatNumber(locale, Number(v))}
              tickComponent={(props) => <TickLabel {...props} textAnchor="end" dy="0.35em" />}
              axisLineClassName="chart-axis"
              tickClassName="chart-axis-tick"
              tickLength={4}
            />
            <AxisBottom
              top={innerHeight}
              scale={x}
              tickValues={xTicks}
              tickFormat={(v) => formatDate(locale, v as Date)}
              tickLabelProps={(v) => ({ textAnchor: edgeAnchor(x(v as Date), innerWidth) })}
              tickComponent={TickLabel}
              axisLineClassName="chart-axis"
              tickClassName="chart-axis-tick"
              tickLength={4}
            />
          </Group>
        </svg>
      )}
    </ChartFigure>
  );
}
