import { Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";

/** Series › conference number: the way back from any page about one conference. */
export function ConferenceBreadcrumb({ series, number }: { series: { slug: string; name: string }; number: number }) {
  const t = useT();
  return (
    <nav aria-label={t("conference.breadcrumb")} className="breadcrumb">
      <ul>
        <li>
          <Link to={`/series/${series.slug}`}>{series.name}</Link>
        </li>
        <li>
          <Link to={`/series/${series.slug}/conferences/${number}`}>{t("conference.ordinal", { number })}</Link>
        </li>
      </ul>
    </nav>
  );
}
