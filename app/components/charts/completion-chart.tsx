import { useT } from "../../i18n/use-t";
import { formatNumber, useLocale } from "../../i18n/format";
import { ChartDrawing, ChartFigure } from "./chart-figure";
import type { PageMarkupRef } from "../server-markup";

export interface PartyCompletionDatum {
  code: string;
  name: string;
  owned: number;
  done: number;
  rate: number | null;
}

/** Completion per party: one horizontal bar each, 0–100 % (drawn on the server). */
export function CompletionChart({ parties, drawing }: { parties: PartyCompletionDatum[]; drawing: PageMarkupRef }) {
  const t = useT();
  const locale = useLocale();
  const percent = (rate: number | null) => (rate === null ? "—" : t("leader.percent", { value: formatNumber(locale, Math.round(rate * 100)) }));
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
        <ChartDrawing markup={drawing} titleId={titleId} descId={descId} />
      )}
    </ChartFigure>
  );
}
