import { Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";

/** Links from a series page to its commitment register, the leader's view, the briefing pack and the downloads. */
export function FollowThroughLinks({ seriesSlug }: { seriesSlug: string }) {
  const t = useT();
  const base = `/series/${seriesSlug}`;
  return (
    <nav className="follow-through" aria-label={t("exports.heading")}>
      <ul>
        <li>
          <Link to={`${base}/commitments`}>{t("commitment.register")}</Link>
        </li>
        <li>
          <Link to={`${base}/leader`}>{t("leader.title")}</Link>
        </li>
        <li>
          <Link to={`${base}/briefing`}>{t("briefing.title")}</Link>
        </li>
        <li>
          <a href={`${base}/commitments.csv`} download>
            {t("exports.csv")}
          </a>
        </li>
        <li>
          <a href={`${base}/calendar.ics`} download>
            {t("exports.calendar")}
          </a>
        </li>
      </ul>
    </nav>
  );
}
