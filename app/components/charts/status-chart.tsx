import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarStack } from "@visx/shape";
import { useT } from "../../i18n/use-t";
import { formatNumber, useLocale } from "../../i18n/format";
import { ChartFigure, STATUS_ORDER, StatusLegend, TickLabel } from "./chart-figure";

type Status = (typeof STATUS_ORDER)[number];

export interface ConferenceStatusDatum {
  number: number;
  title: string;
  total: number;
  counts: Record<Status, number>;
}

const WIDTH = 420;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 30, left: 36 };

/** More bars than this would be too thin to read, on a phone above all; the table keeps every conference. */
const MAX_BARS = 12;

/** For each conference, its commitments stacked by their status today. */
export function StatusChart({ rows }: { rows: ConferenceStatusDatum[] }) {
  const t = useT();
  const locale = useLocale();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const shown = rows.slice(-MAX_BARS);
  const max = Math.max(1, ...shown.map((r) => r.total));
  // Each label is translated once: a series with 50 conferences draws 250 bars.
  const ordinals = new Map(rows.map((r) => [r.number, t("conference.ordinal", { number: r.number })]));
  const label = (n: number) => ordinals.get(n) ?? t("conference.ordinal", { number: n });
  const statusLabel = Object.fromEntries(STATUS_ORDER.map((s) => [s, t(`commitment.statuses.${s}`)])) as Record<(typeof STATUS_ORDER)[number], string>;
  const x = scaleBand<string>({ domain: shown.map((r) => String(r.number)), range: [0, innerWidth], padding: 0.35 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const data = shown.map((r) => ({ key: String(r.number), ...r.counts }));
  const perConference = shown
    .map((r) =>
      t("leader.conferenceSummary", {
        conference: label(r.number),
        total: r.total,
        breakdown: STATUS_ORDER.filter((s) => r.counts[s] > 0)
          .map((s) => `${statusLabel[s]} ${formatNumber(locale, r.counts[s])}`)
          .join(", "),
      }),
    )
    .join("; ");
  const summary = shown.length < rows.length ? `${t("leader.byConferenceLatest", { count: shown.length })} ${perConference}` : perConference;
  const yTicks = y.ticks(Math.min(5, max)).filter((v) => Number.isInteger(v));

  const table = (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("leader.conference")}</th>
          {STATUS_ORDER.map((s) => (
            <th scope="col" key={s}>
              {statusLabel[s]}
            </th>
          ))}
          <th scope="col">{t("leader.total")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.number}>
            <th scope="row" title={r.title}>
              {label(r.number)}
            </th>
            {STATUS_ORDER.map((s) => (
              <td key={s}>{formatNumber(locale, r.counts[s])}</td>
            ))}
            <td>{formatNumber(locale, r.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title={t("leader.byConferenceTitle")} summary={summary} table={table}>
      {({ titleId, descId }) => (
        <>
          <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
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
                tickFormat={(v) => label(Number(v))}
                tickComponent={(props) => <TickLabel {...props} textAnchor="middle" />}
                axisLineClassName="chart-axis"
                tickClassName="chart-axis-tick"
                tickLength={4}
              />
            </Group>
          </svg>
          <StatusLegend />
        </>
      )}
    </ChartFigure>
  );
}
