import { Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";

/** One step after the series: a link, or (without `to`) the page being read. */
export interface Crumb {
  label: string;
  to?: string;
}

/** Series › … › this page: the way back from any page inside a series. */
export function SeriesBreadcrumb({
  series,
  trail = [],
}: {
  series: { slug: string; name: string };
  trail?: Crumb[];
}) {
  const t = useT();
  return (
    <nav aria-label={t("conference.breadcrumb")} className="breadcrumb">
      <ul>
        <li>
          <Link to={`/series/${series.slug}`}>{series.name}</Link>
        </li>
        {trail.map((crumb, index) => (
          <li key={index} aria-current={crumb.to ? undefined : "page"}>
            {crumb.to ? <Link to={crumb.to}>{crumb.label}</Link> : crumb.label}
          </li>
        ))}
      </ul>
    </nav>
  );
}
