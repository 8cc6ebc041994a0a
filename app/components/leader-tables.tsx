import { useT } from "../i18n/use-t";
import { formatDate, useLocale } from "../i18n/format";
import { DueLabel, Lineage, OwnerChips, StatusBadge, type CommitmentSummary } from "./commitment-bits";
import { PlainLink } from "./plain-link";
import { WorkflowNotes } from "./commitment-workflow";
import { FallbackMarker, ShownText } from "./shown-text";

export type LeaderTableRow = CommitmentSummary;

export type LeaderColumn = "owners" | "due" | "status" | "lineage" | "lastFollowUp";

/**
 * Commitments as a table for the leader's view and the briefing pack: the text
 * first (a link on screen, plain in the briefing), then the chosen columns.
 * Each cell carries its column name, so that phones show rows as cards.
 */
export function CommitmentTable({
  rows,
  columns,
  seriesSlug,
  className,
  linked = false,
  showAgreedAt = false,
  flagOverdue = false,
}: {
  rows: LeaderTableRow[];
  columns: LeaderColumn[];
  seriesSlug: string;
  className: "leader-table" | "briefing-table";
  /** Link each text to its commitment page. */
  linked?: boolean;
  /** Name the conference that agreed it under the text. */
  showAgreedAt?: boolean;
  /** Mark overdue due dates (not needed in a list of overdue ones). */
  flagOverdue?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const heading: Record<LeaderColumn, string> = {
    owners: t("commitment.owners"),
    due: t("commitment.due"),
    status: t("commitment.status"),
    lineage: t("commitment.lineage"),
    lastFollowUp: t("briefing.lastFollowUp"),
  };
  const cell = (c: LeaderTableRow, column: LeaderColumn) => {
    switch (column) {
      case "owners":
        return <OwnerChips owners={c.owners} />;
      case "due":
        return <DueLabel dueOn={c.dueOn} dueNext={c.dueNext} overdue={flagOverdue && c.overdue} />;
      case "status":
        return (
          <>
            <StatusBadge status={c.status} />
            <WorkflowNotes commitment={c} />
          </>
        );
      case "lineage":
        return <Lineage seriesSlug={seriesSlug} agreedAt={c.agreedAt} reviews={c.reviews} carriedOver={c.carriedOver} />;
      case "lastFollowUp":
        return c.lastFollowUp ? (
          <>
            {formatDate(locale, c.lastFollowUp.at)}: <ShownText text={c.lastFollowUp.note} shown={c.lastFollowUp.shown} />
          </>
        ) : (
          "—"
        );
    }
  };
  return (
    <div className="table-scroll">
      <table className={className}>
        <thead>
          <tr>
            <th scope="col">{t("commitment.text")}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {heading[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td data-label={t("commitment.text")}>
                {linked ? (
                  <>
                    <PlainLink to={`/commitments/${c.id}`} lang={c.shown?.language}>
                      {c.text}
                    </PlainLink>
                    {c.shown?.wanted ? " " : null}
                    <FallbackMarker shown={c.shown} />
                  </>
                ) : (
                  <ShownText text={c.text} shown={c.shown} />
                )}
                {showAgreedAt ? (
                  <>
                    <br />
                    <small className="muted">{t("commitment.agreedAt", { number: c.agreedAt.number })}</small>
                  </>
                ) : null}
              </td>
              {columns.map((column) => (
                <td data-label={heading[column]} key={column}>
                  {cell(c, column)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
