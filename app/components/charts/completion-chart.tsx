import { AxisBottom } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { useT } from "../../i18n/use-t";
import { formatNumber, useLocale } from "../../i18n/format";
import { ChartFigure, TickLabel } from "./chart-figure";

export interface PartyCompletionDatum {
  code: string;
  name: string;
  owned: number;
  done: number;
  rate: number | null;
}

const WIDTH = 420;
const ROW = 36;
const MARGIN = { top: 8, right: 96, bottom: 28, left: 64 };

/** Completion per party: one horizontal bar each, 0–100 %. */
export function CompletionChart({ parties }: { parties: PartyCompletionDatum[] }) {
  const t = useT();
  const locale = useLocale();
  const percent = (rate: number | null) => (rate === null ? "—" : t("leader.percent", { value: formatNumber(locale, Math.round(rate * 100)) }));
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = Math.max(1, parties.length) * ROW;
  const height = innerHeight + MARGIN.top + MARGIN.bottom;
  const y = scaleBand<string>({ domain: parties.map((p) => p.code), range: [0, innerHeight], padding: 0.3 });
  const x = scaleLinear<number>({ domain: [0, 1], range: [0, innerWidth] });
  const summary = parties
    .map((p) => t("leader.partySummary", { party: p.code, percent: percent(p.rate), done: p.done, owned: p.owned }))
    .join("; ");

  const table = (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("leader.party")}</th>
          <th scope="col">{t("leader.owned")}</th>
          <th scope="col">{t("leader.doneCount")}</th>
          <th scope="col">{t("leader.rate")}</th>
        </tr>
      </thead>
      <tbody>
        {parties.map((p) => (
          <tr key={p.code}>
            <th scope="row" title={p.name}>
              {p.code}
            </th>
            <td>{formatNumber(locale, p.owned)}</td>
            <td>{formatNumber(locale, p.done)}</td>
            <td>{percent(p.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title={t("leader.completionTitle")} summary={summary} table={table}>
      {({ titleId, descId }) => (
        <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
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
      )}
    </ChartFigure>
  );
}
