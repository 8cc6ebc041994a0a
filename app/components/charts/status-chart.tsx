import { useT } from "../../i18n/use-t";
import { markedText, type ShownLanguage } from "../../models/parallel-text-rules";
import { formatNumber, useLocale } from "../../i18n/format";
import { ChartDrawing, ChartFigure, STATUS_ORDER, StatusLegend } from "./chart-figure";
import type { PageMarkupRef } from "../server-markup";

type Status = (typeof STATUS_ORDER)[number];

export interface ConferenceStatusDatum {
  number: number;
  /** The conference's title in the reader's language, or in another working language as `titleShown` says. */
  title: string;
  titleShown?: ShownLanguage;
  total: number;
  counts: Record<Status, number>;
}

/** More bars than this would be too thin to read, on a phone above all; the table keeps every conference. */
const MAX_BARS = 12;

/** For each conference, its commitments stacked by their status today. */
export function StatusChart({ rows, drawing }: { rows: ConferenceStatusDatum[]; drawing: PageMarkupRef }) {
  const t = useT();
  const locale = useLocale();
  const shown = rows.slice(-MAX_BARS);
  // Each label is translated once: a series with 50 conferences draws 250 bars.
  const ordinals = new Map(rows.map((r) => [r.number, t("conference.ordinal", { number: r.number })]));
  const label = (n: number) => ordinals.get(n) ?? t("conference.ordinal", { number: n });
  const statusLabel = Object.fromEntries(STATUS_ORDER.map((s) => [s, t(`commitment.statuses.${s}`)])) as Record<(typeof STATUS_ORDER)[number], string>;
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
            <th scope="row" title={markedText(r.title, r.titleShown, t)}>
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
          <ChartDrawing markup={drawing} titleId={titleId} descId={descId} />
          <StatusLegend />
        </>
      )}
    </ChartFigure>
  );
}
