import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear, scaleUtc } from "@visx/scale";
import { Bar, BarStack, LinePath } from "@visx/shape";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { formatDate, formatNumber } from "../../i18n/format";
import type { TFunction } from "../../i18n/i18n";
import type { Locale } from "../../i18n/locales";
import { CHART_DESC_SLOT, CHART_TITLE_SLOT, STATUS_ORDER, TickLabel } from "./chart-figure";
import type { PartyCompletionDatum } from "./completion-chart";
import type { FigureSeriesDatum } from "./figure-chart";
import type { ConferenceStatusDatum } from "./status-chart";

// The leader's charts are drawn here, on the server, as SVG markup that the
// page puts in place as it is: the browser never loads the chart library
// (visx and d3, 25 KB of compressed script) nor redraws what it cannot change.
// The figure around each drawing (title, summary, data table) is the page's.

type Status = (typeof STATUS_ORDER)[number];
const labelledBy = { "aria-labelledby": CHART_TITLE_SLOT, "aria-describedby": CHART_DESC_SLOT };

/** The left axis of a chart that counts: its ticks as numbers in the reader's locale. */
function CountAxis({ scale, ticks, locale }: { scale: ReturnType<typeof scaleLinear<number>>; ticks: number[]; locale: Locale }) {
  return (
    <AxisLeft
      scale={scale}
      tickValues={ticks}
      tickFormat={(v) => formatNumber(locale, Number(v))}
      tickComponent={(props) => <TickLabel {...props} textAnchor="end" dy="0.35em" />}
      axisLineClassName="chart-axis"
      tickClassName="chart-axis-tick"
      tickLength={4}
    />
  );
}

function completionDrawing(parties: PartyCompletionDatum[], t: TFunction, locale: Locale) {
  const WIDTH = 420;
  const ROW = 36;
  const MARGIN = { top: 8, right: 96, bottom: 28, left: 64 };
  const percent = (rate: number | null) => (rate === null ? "—" : t("leader.percent", { value: formatNumber(locale, Math.round(rate * 100)) }));
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = Math.max(1, parties.length) * ROW;
  const height = innerHeight + MARGIN.top + MARGIN.bottom;
  const y = scaleBand<string>({ domain: parties.map((p) => p.code), range: [0, innerHeight], padding: 0.3 });
  const x = scaleLinear<number>({ domain: [0, 1], range: [0, innerWidth] });
  return (
    <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" {...labelledBy}>
      <Group left={MARGIN.left} top={MARGIN.top}>
        {parties.map((p) => {
          const top = y(p.code) ?? 0;
          const barWidth = x(p.rate ?? 0);
          return (
            <g key={p.code}>
              <text x={-8} y={top + y.bandwidth() / 2} dy="0.35em" textAnchor="end" className="chart-label">
                {p.code}
              </text>
              <Bar x={0} y={top} width={innerWidth} height={y.bandwidth()} className="chart-track" />
              <Bar x={0} y={top} width={barWidth} height={y.bandwidth()} className="chart-bar" />
              <text x={innerWidth + 8} y={top + y.bandwidth() / 2} dy="0.35em" className="chart-value">
                {percent(p.rate)}
                <tspan className="chart-value-detail">{` (${formatNumber(locale, p.done)}/${formatNumber(locale, p.owned)})`}</tspan>
              </text>
            </g>
          );
        })}
        <AxisBottom
          top={innerHeight}
          scale={x}
          tickValues={[0, 0.25, 0.5, 0.75, 1]}
          tickFormat={(v) => percent(Number(v))}
          tickComponent={(props) => <TickLabel {...props} textAnchor="middle" />}
          axisLineClassName="chart-axis"
          tickClassName="chart-axis-tick"
          tickLength={4}
        />
      </Group>
    </svg>
  );
}

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

/** UTC scale: every reader sees the same axis, wherever they are. */
function figureDrawing(series: FigureSeriesDatum, locale: Locale) {
  const WIDTH = 420;
  const HEIGHT = 220;
  const MARGIN = { top: 14, right: 20, bottom: 30, left: 56 };
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
  return (
      <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" {...labelledBy}>
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
          <CountAxis scale={y} ticks={yTicks} locale={locale} />
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
  );
}

/** More bars than this would be too thin to read, on a phone above all; the table keeps every conference. */
export const MAX_STATUS_BARS = 12;

function statusDrawing(rows: ConferenceStatusDatum[], t: TFunction, locale: Locale) {
  const WIDTH = 420;
  const HEIGHT = 240;
  const MARGIN = { top: 12, right: 8, bottom: 30, left: 36 };
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const shown = rows.slice(-MAX_STATUS_BARS);
  const max = Math.max(1, ...shown.map((r) => r.total));
  // Each label is translated once: a series with 50 conferences draws 250 bars.
  const ordinals = new Map(shown.map((r) => [r.number, t("conference.ordinal", { number: r.number })]));
  const label = (n: number) => ordinals.get(n) ?? t("conference.ordinal", { number: n });
  const statusLabel = Object.fromEntries(STATUS_ORDER.map((s) => [s, t(`commitment.statuses.${s}`)])) as Record<Status, string>;
  const x = scaleBand<string>({ domain: shown.map((r) => String(r.number)), range: [0, innerWidth], padding: 0.35 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const data = shown.map((r) => ({ key: String(r.number), ...r.counts }));
  const yTicks = y.ticks(Math.min(5, max)).filter((v) => Number.isInteger(v));
  return (
      <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" {...labelledBy}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {yTicks.map((v) => (
            <line key={v} x1={0} x2={innerWidth} y1={y(v)} y2={y(v)} className="chart-gridline" />
          ))}
          <BarStack<(typeof data)[number], Status>
            data={data}
            keys={[...STATUS_ORDER]}
            x={(d) => d.key}
            xScale={x}
            yScale={y}
            color={() => ""}
          >
            {(stacks) =>
              stacks.map((stack) =>
                stack.bars
                  .filter((bar) => bar.height > 0)
                  .map((bar) => (
                    <rect
                      key={`${stack.key}-${bar.index}`}
                      x={bar.x}
                      y={bar.y}
                      width={bar.width}
                      height={bar.height}
                      className={`chart-status-${stack.key}`}
                    >
                      <title>{`${label(Number(data[bar.index].key))}: ${statusLabel[stack.key as (typeof STATUS_ORDER)[number]]} ${formatNumber(locale, bar.bar[1] - bar.bar[0])}`}</title>
                    </rect>
                  )),
              )
            }
          </BarStack>
          <CountAxis scale={y} ticks={yTicks} locale={locale} />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickFormat={(v) => label(Number(v))}
            tickComponent={(props) => <TickLabel {...props} textAnchor="middle" />}
            axisLineClassName="chart-axis"
            tickClassName="chart-axis-tick"
            tickLength={4}
          />
        </Group>
      </svg>
  );
}

export interface LeaderDrawings {
  completion: string;
  status: string;
  figures: string[];
}

const markup = (drawing: ReactElement) => renderToStaticMarkup(drawing);

/** The leader's charts as SVG markup in the reader's language, their labelling ids left to the page. */
export function leaderDrawings(
  data: { parties: PartyCompletionDatum[]; byConference: ConferenceStatusDatum[]; figures: FigureSeriesDatum[] },
  t: TFunction,
  locale: Locale,
): LeaderDrawings {
  return {
    completion: markup(completionDrawing(data.parties, t, locale)),
    status: markup(statusDrawing(data.byConference, t, locale)),
    figures: data.figures.map((f) => markup(figureDrawing(f, locale))),
  };
}
