import { Link } from "@remix-run/react";
import { formatDate, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import type { ShownLanguage } from "../models/parallel-text-rules";
import { FallbackMarker } from "./shown-text";

export interface ConferenceListItem {
  id: number;
  number: number;
  title: string;
  status: "planned" | "in_session" | "concluded";
  startsOn: string;
  endsOn: string;
  venue: string;
  format: "in_person" | "online" | "hybrid";
  hostCode: string | null;
  /** The language of `title` when it is not the reader's (see ShownText). */
  shown?: ShownLanguage;
}

export function ConferenceDates({ startsOn, endsOn }: { startsOn: string; endsOn: string }) {
  const locale = useLocale();
  const first = formatDate(locale, startsOn);
  return <>{startsOn === endsOn ? first : `${first} – ${formatDate(locale, endsOn)}`}</>;
}

export function ConferenceStatusBadge({ status }: { status: ConferenceListItem["status"] }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(`conference.statuses.${status}`)}</span>;
}

/** The conferences of a series, newest first. */
export function ConferenceList({ seriesSlug, conferences }: { seriesSlug: string; conferences: ConferenceListItem[] }) {
  const t = useT();
  return (
    <ol className="conference-list" reversed>
      {conferences.map((c) => (
        <li key={c.id}>
          <article className="conference-card">
            <div className="conference-number" aria-hidden="true">
              {c.number}
            </div>
            <div>
              <h3>
                <Link to={`/series/${seriesSlug}/conferences/${c.number}`} lang={c.shown?.language}>
                  {c.title}
                </Link>
                {c.shown?.wanted ? " " : null}
                <FallbackMarker shown={c.shown} />
              </h3>
              <p className="muted">
                <ConferenceDates startsOn={c.startsOn} endsOn={c.endsOn} />
                {" · "}
                {c.format === "online" ? t("conference.online") : c.venue}
                {c.hostCode ? ` · ${t("conference.host")}: ${c.hostCode}` : ""}
              </p>
            </div>
            <ConferenceStatusBadge status={c.status} />
          </article>
        </li>
      ))}
    </ol>
  );
}
