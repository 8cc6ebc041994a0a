import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import * as Y from "yjs";
import { readActions, readAgenda } from "../collab/conference-doc";
import { AgendaSnapshot } from "../components/agenda-view";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { ActionsSnapshot } from "../components/draft-actions";
import { requireConference } from "../conference-access.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { getVersion } from "../models/document-versions.server";
import { getSeriesParties } from "../models/series.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.version.name} · ${data.conference.title} · Accord` : "Accord" }];

/** One version of a conference's document, read-only, as it was when it was taken. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series, conference } = await requireConference(context, request, params);
  const id = Number(params.id);
  const version = Number.isSafeInteger(id) && id > 0 ? await getVersion(context.db, conference.id, id) : null;
  if (!version) throw new Response("Not Found", { status: 404 });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.snapshot);
  const agenda = readAgenda(doc);
  const actions = readActions(doc);
  doc.destroy();
  const parties = await getSeriesParties(context.db, series.id);
  return json({
    series: { slug: series.slug, name: series.name },
    conference: { number: conference.number, title: conference.title },
    version: { id: version.id, name: version.name, kind: version.kind, takenByName: version.takenByName, takenAt: version.takenAt, sha256: version.sha256 },
    agenda,
    actions,
    parties: parties.map((p) => ({ code: p.code, name: p.name })),
  });
}

export default function ConferenceVersion() {
  const { series, conference, version, agenda, actions, parties } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  const name = version.kind === "manual" ? version.name : t(`versions.kinds.${version.kind}`);
  return (
    <article className="version-view">
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <hgroup className="page-title">
        <h1>{name}</h1>
        <p>
          {t("versions.takenLine", { by: version.takenByName ?? "—", at: formatDateTime(locale, version.takenAt) })} · <Link to={`${base}/versions`}>{t("versions.title")}</Link>
        </p>
      </hgroup>
      <p className="muted workspace-notice">{t("versions.readOnly")}</p>
      <AgendaSnapshot items={agenda} parties={parties} />
      <ActionsSnapshot actions={actions} parties={parties} />
    </article>
  );
}
