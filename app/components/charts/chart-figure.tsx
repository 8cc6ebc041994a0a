import { useId } from "react";
import { useT } from "../../i18n/use-t";
import { usePageMarkup, type PageMarkupRef } from "../server-markup";

/**
 * A chart with its title, a one-sentence text alternative for screen readers
 * (the SVG's accessible name) and the same numbers as a table on request.
 */
export function ChartFigure({
  title,
  summary,
  table,
  children,
  className,
}: {
  title: string;
  summary: string;
  table: React.ReactNode;
  /** Receives the id of the title, to label the SVG with. */
  children: (ids: { titleId: string; descId: string }) => React.ReactNode;
  className?: string;
}) {
  const t = useT();
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure className={className ? `chart ${className}` : "chart"}>
      <figcaption>
        <h3 id={titleId}>{title}</h3>
        <p id={descId} className="visually-hidden">
          {summary}
        </p>
      </figcaption>
      {children({ titleId, descId })}
      <details className="chart-data">
        <summary>{t("leader.showData")}</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </figure>
  );
}

/** Stand-ins for the figure's ids in a drawing made on the server (chart-drawings.server.tsx). */
export const CHART_TITLE_SLOT = "chart-title-slot";
export const CHART_DESC_SLOT = "chart-desc-slot";

/** A drawing made on the server, labelled by this figure's title and summary. */
export function ChartDrawing({ markup, titleId, descId }: { markup: PageMarkupRef; titleId: string; descId: string }) {
  const drawn = usePageMarkup(markup);
  // Hydrating a page whose HTML holds the drawing: the element keeps it until data brings one.
  if (drawn === null) return <div className="chart-drawing" dangerouslySetInnerHTML={NO_MARKUP} suppressHydrationWarning />;
  // The markup is React's own rendering on the server (texts escaped), not user HTML.
  const html = drawn.replace(`"${CHART_TITLE_SLOT}"`, `"${titleId}"`).replace(`"${CHART_DESC_SLOT}"`, `"${descId}"`);
  return <div className="chart-drawing" dangerouslySetInnerHTML={{ __html: html }} />;
}

const NO_MARKUP = { __html: "" };

export const STATUS_ORDER = ["done", "in_progress", "open", "blocked", "dropped"] as const;

/** A legend for the status colours, as a plain list. */
export function StatusLegend() {
  const t = useT();
  return (
    <ul className="chart-legend">
      {STATUS_ORDER.map((s) => (
        <li key={s}>
          <span className={`chart-swatch chart-status-${s}`} aria-hidden="true" />
          {t(`commitment.statuses.${s}`)}
        </li>
      ))}
    </ul>
  );
}

/** A plain SVG tick label: no text measuring, so the server and the browser draw the same thing. */
export function TickLabel({
  x,
  y,
  formattedValue,
  textAnchor,
  dy,
}: {
  x: number;
  y: number;
  formattedValue?: string;
  textAnchor?: "start" | "middle" | "end" | "inherit";
  dy?: string | number;
}) {
  return (
    <text x={x} y={y} textAnchor={textAnchor} dy={dy} className="chart-tick">
      {formattedValue}
    </text>
  );
}
