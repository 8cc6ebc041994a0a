import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useMemo } from "react";
import { useT } from "../i18n/use-t";
import { ConferenceLifecycleBar } from "../components/conference-lifecycle";
import { FormMessage } from "../components/field";
import { useCollabDoc } from "../collab/use-collab-doc";
import { LiveAgenda } from "../components/agenda-editor";
import { AgendaSnapshot } from "../components/agenda-view";
import { CollabEnded, CollabStatus } from "../components/collab-status";
import { ActionsSnapshot, LiveDraftActions } from "../components/draft-actions";
import { PresenceList } from "../components/presence";
import { WorkspaceProvider, type WorkspaceContextValue } from "../components/workspace-context";
import { WorkspaceHeader } from "../components/workspace-header";
import { requireSeries } from "../guards.server";
import { countReviewItems } from "../models/commitments.server";
import { getAgenda, getConferenceByNumber, getDraftActions } from "../models/conferences.server";
import { can, conferenceDocAccess } from "../models/permissions.server";
import { getSeriesParties } from "../models/series.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.conference.title} · ${data.series.name} · Accord` : "Accord" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const number = /^[1-9]\d{0,5}$/.test(params.number ?? "") ? Number(params.number) : null;
  const conference = number === null ? null : await getConferenceByNumber(context.db, series.id, number);
  if (!conference) throw new Response("Not Found", { status: 404 });
  const [agenda, actions, parties, reviewCount] = await Promise.all([
    getAgenda(context.db, conference.id),
    getDraftActions(context.db, conference.id),
    getSeriesParties(context.db, series.id),
    countReviewItems(context.db, conference.id),
  ]);
  const host = parties.find((p) => p.id === conference.hostAgencyId);
  return json({
    series: { slug: series.slug, name: series.name },
    conference: {
      number: conference.number,
      title: conference.title,
      status: conference.status,
      startsOn: conference.startsOn,
      endsOn: conference.endsOn,
      venue: conference.venue,
      format: conference.format,
      host: host ? { code: host.code, name: host.name } : null,
      docName: conference.docName,
    },
    agenda,
    actions,
    parties: parties.map((p) => ({ code: p.code, name: p.name })),
    // requireSeries has checked that the user may see the series: "none" cannot happen here.
    access: conferenceDocAccess({ user, membership }, conference.status) === "write" ? ("write" as const) : ("read" as const),
    viewer: { id: user.id, name: user.name },
    canRunLifecycle: can({ user, membership }, "series.edit"),
    reviewCount,
    error: new URL(request.url).searchParams.get("error"),
  });
}

export default function ConferenceWorkspace() {
  const { series, conference, agenda, actions, parties, access, viewer, canRunLifecycle, error, reviewCount } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const collab = useCollabDoc(conference.docName, { user: viewer });
  const { session } = collab;

  // Show the live document once it holds the truth: synced with the server,
  // or, offline, whatever this device kept. Until then, the server-rendered
  // copy from SQL stays on screen.
  const snapshotEmpty = agenda.length === 0 && actions.length === 0;
  const live = session !== null && (collab.hasSynced || collab.localContent || (collab.localLoaded && snapshotEmpty));
  const readOnly = access === "read";
  const canEdit = !readOnly && collab.ended === null;

  const workspace = useMemo<WorkspaceContextValue | null>(
    () => (session ? { session, canEdit, parties } : null),
    [session, canEdit, parties],
  );

  return (
    <div className="workspace">
      <WorkspaceHeader series={series} conference={conference} />
      <ConferenceLifecycleBar seriesSlug={series.slug} number={conference.number} status={conference.status} canRun={canRunLifecycle} reviewCount={reviewCount} />
      {error ? <FormMessage tone="error">{t(`errors.${error}`, { defaultValue: t("errors.generic") })}</FormMessage> : null}

      <div className="workspace-bar">
        <CollabStatus
          connection={collab.connection}
          unsaved={collab.unsaved}
          readOnly={readOnly}
          live={live}
          ended={collab.ended !== null}
        />
        {workspace ? (
          <WorkspaceProvider value={workspace}>
            <PresenceList />
          </WorkspaceProvider>
        ) : null}
      </div>

      {collab.ended ? (
        <CollabEnded
          reason={collab.ended}
          loginHref={`/login?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}
        />
      ) : null}

      {readOnly ? (
        <p className="muted workspace-notice">
          {conference.status === "concluded" ? t("workspace.concludedNotice") : t("workspace.readOnlyNotice")}
        </p>
      ) : null}

      {live && workspace ? (
        <WorkspaceProvider value={workspace}>
          <LiveAgenda />
          <LiveDraftActions />
        </WorkspaceProvider>
      ) : (
        <>
          <AgendaSnapshot items={agenda} parties={parties} />
          <ActionsSnapshot actions={actions} parties={parties} />
        </>
      )}
    </div>
  );
}
