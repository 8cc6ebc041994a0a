import { useT } from "../i18n/use-t";
import type { ShownLanguage } from "../models/parallel-text-rules";
import { SeriesBreadcrumb } from "./series-breadcrumb";
import { FallbackMarker } from "./shown-text";
import { ConferenceDates, ConferenceStatusBadge, type ConferenceListItem } from "./conference-list";

export interface WorkspaceConference {
  number: number;
  title: string;
  /** The language of `title` when it is not the reader's (see ShownText). */
  titleShown?: ShownLanguage;
  status: ConferenceListItem["status"];
  startsOn: string;
  endsOn: string;
  venue: string;
  format: ConferenceListItem["format"];
  host: { code: string; name: string } | null;
}

/** Which conference this is: series, number, title, dates, place, host, status. */
export function WorkspaceHeader({
  series,
  conference,
}: {
  series: { slug: string; name: string };
  conference: WorkspaceConference;
}) {
  const t = useT();
  const place =
    conference.format === "online"
      ? t("conference.online")
      : conference.format === "hybrid"
        ? `${conference.venue} · ${t("conference.formats.hybrid")}`
        : conference.venue;
  return (
    <header className="workspace-header">
      <SeriesBreadcrumb series={series} trail={[{ label: t("conference.ordinal", { number: conference.number }) }]} />
      <div className="workspace-title">
        <hgroup className="page-title">
          <h1>
            <span lang={conference.titleShown?.language}>{conference.title}</span>
            {conference.titleShown?.wanted ? " " : null}
            <FallbackMarker shown={conference.titleShown} />
          </h1>
          <p>
            <span className="workspace-fact">
              <span className="visually-hidden">{t("conference.dates")}: </span>
              <ConferenceDates startsOn={conference.startsOn} endsOn={conference.endsOn} />
            </span>
            {place ? (
              <span className="workspace-fact">
                <span className="visually-hidden">{t("conference.venue")}: </span>
                {place}
              </span>
            ) : null}
            {conference.host ? (
              <span className="workspace-fact">
                {t("conference.host")}:{" "}
                <abbr title={conference.host.name} className="party-code">
                  {conference.host.code}
                </abbr>
              </span>
            ) : null}
          </p>
        </hgroup>
        <div className="workspace-title-tools">
          <ConferenceStatusBadge status={conference.status} />
          <button type="button" className="secondary outline compact" onClick={() => window.print()}>
            {t("workspace.print")}
          </button>
        </div>
      </div>
    </header>
  );
}
