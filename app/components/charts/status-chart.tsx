import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarStack } from "@visx/shape";
import { useTranslation } from "react-i18next";
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

/** For each conference, its commitments stacked by their status today. */
export function StatusChart({ rows }: { rows: ConferenceStatusDatum[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const label = (n: number) => t("conference.ordinal", { number: n });
  const x = scaleBand<string>({ domain: rows.map((r) => String(r.number)), range: [0, innerWidth], padding: 0.35 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const data = rows.map((r) => ({ key: String(r.number), ...r.counts }));
  const summary = rows
    .map((r) =>
      t("leader.conferenceSummary", {
        conference: label(r.number),
        total: r.total,
        breakdown: STATUS_ORDER.filter((s) => r.counts[s] > 0)
          .map((s) => `${t(`commitment.statuses.${s}`)} ${formatNumber(locale, r.counts[s])}`)
          .join(", "),
      }),
    )
    .join("; ");
  const yTicks = y.ticks(Math.min(5, max)).filter((v) => Number.isInteger(v));

  const table = (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("leader.conference")}</th>
          {STATUS_ORDER.map((s) => (
            <th scope="col" key={s}>
              {t(`commitment.statuses.${s}`)}
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
                          <title>{`${label(Number(data[bar.index].key))}: ${t(`commitment.statuses.${stack.key}`)} ${formatNumber(locale, bar.bar[1] - bar.bar[0])}`}</title>
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
