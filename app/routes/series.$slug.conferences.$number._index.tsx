import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { LiveChangesSince } from "../components/changes-since";
import { useT } from "../i18n/use-t";
import { ConferenceLifecycleBar } from "../components/conference-lifecycle";
import { FormMessage } from "../components/field";
import { openEarlySession } from "../collab/early-session";
import { collabSocketUrl, useCollabDoc } from "../collab/use-collab-doc";
import { trackAlignment } from "../collab/alignment-tracker";
import { AlignmentSummary, AlignmentSummaryPending, LanguageTabs, ParallelTextsProvider } from "../components/parallel-texts";
import { useLocale } from "../i18n/format";
import { getConferenceLanguages, type ConferenceLanguages } from "../models/conference-languages.server";
import { useGentleRevalidate } from "../collab/use-gentle-revalidate";
import type { CollabNotice, ConferenceStatus } from "../collab/collab-notices";
import { privateNotesDocName } from "../collab/doc-names";
import { PrivateNotesFrame, PrivateNotesProvider, PrivateNotesSection } from "../components/private-notes";
import { ConcludedPanel, LeftoverChanges } from "../components/adopted-notices";
import { ConcludeDialog, useLiveConclusionCheck } from "../components/conclusion-check";
import { LiveAgenda } from "../components/agenda-editor";
import { loadRichTextEditor } from "../components/rich-text-field";
import { AgendaSnapshot } from "../components/agenda-view";
import { CollabEnded, CollabStatus } from "../components/collab-status";
import { ActionsSnapshot, LiveDraftActions } from "../components/draft-actions";
import { PresenceList } from "../components/presence";
import { WorkspaceProvider, type WorkspaceContextValue } from "../components/workspace-context";
import { WorkspaceHeader } from "../components/workspace-header";
import { requireSeries } from "../http/guards.server";
import { countReviewItems } from "../models/commitments.server";
import { getAdoptedRecord } from "../models/conference-lifecycle.server";
import { commitmentsAgreedAt, countUnsettledReviews, type AgreedCommitment } from "../models/conference-outcomes.server";
import { getConferenceByNumber } from "../models/conferences.server";
import { agendaForReader, draftActionsForReader } from "../models/conference-snapshot.server";
import { conferenceHeading } from "../models/parallel-texts.server";
import { can, canComment, canResolveComments, conferenceDocAccess } from "../models/permissions.server";
import { listComments } from "../models/comments.server";
import { commentFormConstraints, handleCommentForm } from "../commands/comment-commands.server";
import { CommentsProvider } from "../components/comments";
import { getSeriesMembers, getSeriesParties } from "../models/series.server";
import { chunkUrl } from "../http/chunk-urls.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · ${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const number = /^[1-9]\d{0,5}$/.test(params.number ?? "") ? Number(params.number) : null;
  const conference = number === null ? null : await getConferenceByNumber(context.db, series.id, number);
  if (!conference) throw new Response("Not Found", { status: 404 });
  const concluded = conference.status === "concluded";
  const actor = { user, membership };
  const [agenda, actions, title, parties, reviewCount, unsettledReviews, adopted, agreed, comments, members, languages] = await Promise.all([
    agendaForReader(context.db, conference, context.locale, series.languages),
    draftActionsForReader(context.db, conference, context.locale, series.languages),
    conferenceHeading(context.db, conference, context.locale, series.languages),
    getSeriesParties(context.db, series.id),
    countReviewItems(context.db, conference.id),
    countUnsettledReviews(context.db, conference.id),
    concluded ? getAdoptedRecord(context.db, conference.id) : undefined,
    concluded ? commitmentsAgreedAt(context.db, conference.id, 10, { locale: context.locale, working: series.languages }) : { rows: [] as AgreedCommitment[], total: 0 },
    listComments(context.db, { conferenceId: conference.id }),
    getSeriesMembers(context.db, series.id),
    getConferenceLanguages(context.db, conference.id),
  ]);
  const host = parties.find((p) => p.id === conference.hostAgencyId);
  return {
    preloadAfterScripts: concluded ? null : chunkUrl("app/components/rich-text-editor.tsx"),
    constraint: commentFormConstraints(),
    series: { slug: series.slug, name: series.name },
    conference: {
      number: conference.number,
      ...title,
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
    languages,
    parties: parties.map((p) => ({ code: p.code, name: p.name })),
    // requireSeries has checked that the user may see the series: "none" cannot happen here.
    access: conferenceDocAccess({ user, membership }, conference.status) === "write" ? ("write" as const) : ("read" as const),
    viewer: { id: user.id, name: user.name },
    // The viewer's own agency's notes on this conference; other parties' are never named here.
    privateNotes: membership
      ? { docName: privateNotesDocName(conference.id, membership.agencyId), agencyCode: parties.find((p) => p.id === membership.agencyId)?.code ?? "" }
      : null,
    canRunLifecycle: can({ user, membership }, "series.edit"),
    reviewCount,
    unsettledReviews,
    adoption: adopted ? { at: adopted.adoptedAt, by: adopted.adoptedBy } : null,
    comments,
    canComment: canComment(actor),
    canResolve: canResolveComments(actor),
    members: members.map((m) => m.name),
    agreed,
    error: new URL(request.url).searchParams.get("error"),
  };
}

/** Comments on the agenda and draft actions; without script the page comes back to where it was. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const number = /^[1-9]\d{0,5}$/.test(params.number ?? "") ? Number(params.number) : null;
  const conference = number === null ? null : await getConferenceByNumber(context.db, series.id, number);
  if (!conference) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (!(["comment", "resolveComment", "reopenComment"] as string[]).includes(intent)) return redirect(`/series/${series.slug}/conferences/${conference.number}`, { status: 303 });
  return handleCommentForm(context, request, { user, membership }, { seriesId: series.id, conferenceId: conference.id, commitmentId: null, docName: conference.docName }, intent, form);
}

// In the browser the editor's chunk is asked for after the page's own scripts (preloadAfterScripts, not a
// preload in the head, which shared a slow link's bandwidth with the scripts hydration waits for) and
// imported as soon as this page's module runs; until it and the document are in, the server's copy is on screen.
// The conference's document and socket too, named by the server-rendered page (data-collab-doc): the route's
// data is decoded only as the page hydrates, and by then the first sync's three round trips could be behind it.
if (typeof document !== "undefined") {
  void loadRichTextEditor().catch(() => undefined);
  const docName = document.querySelector<HTMLElement>(".workspace[data-collab-doc]")?.dataset.collabDoc;
  if (docName && navigator.onLine) openEarlySession(collabSocketUrl(), docName);
}

const STATUS_ORDER: ConferenceStatus[] = ["planned", "in_session", "concluded"];

/**
 * The conference's status as this screen knows it: what the page loaded, or
 * what the hub announced since (opened, concluded), whichever is further on.
 * An announcement also reloads the page's data, which then agrees.
 */
function useFollowedStatus(loaded: ConferenceStatus) {
  const revalidate = useGentleRevalidate();
  const [announced, setAnnounced] = useState<ConferenceStatus | null>(null);
  const known = useRef<ConferenceStatus>(loaded);
  known.current = STATUS_ORDER.indexOf(loaded) > STATUS_ORDER.indexOf(known.current) ? loaded : known.current;
  const onNotice = useCallback(
    (notice: CollabNotice) => {
      if (notice.kind === "colour") return;
      if (notice.kind === "status") {
        // Told again what we know (a reconnecting socket hears "concluded" once more): nothing to reload.
        if (STATUS_ORDER.indexOf(notice.status) <= STATUS_ORDER.indexOf(known.current)) return;
        known.current = notice.status;
        setAnnounced(notice.status);
      }
      revalidate();
    },
    [revalidate],
  );
  const status = announced && STATUS_ORDER.indexOf(announced) > STATUS_ORDER.indexOf(loaded) ? announced : loaded;
  return { status, onNotice };
}

export default function ConferenceWorkspace() {
  const data = useLoaderData<typeof loader>();
  const { series, conference, agenda, actions, parties, access, viewer, canRunLifecycle, error, reviewCount } = data;
  const t = useT();
  const location = useLocation();
  const { status, onNotice } = useFollowedStatus(conference.status);
  const adopted = status === "concluded";
  const collab = useCollabDoc(conference.docName, { user: viewer, adopted, onNotice });
  const { session } = collab;
  const [concluding, setConcluding] = useState(false);
  // The same languages keep the same object across reloads of the page's data, so that alignment keeps following a run of writing.
  const languagesKey = JSON.stringify(data.languages);
  const languages = useMemo(() => JSON.parse(languagesKey) as ConferenceLanguages, [languagesKey]);
  const check = useLiveConclusionCheck(session?.doc ?? null, parties.map((p) => p.code), concluding, languages);
  const locale = useLocale();

  // Show the live document once it holds the truth: synced with the server,
  // or, offline, whatever this device kept. Until then, the server-rendered
  // copy from SQL stays on screen. An adopted record shows only what the server holds.
  const snapshotEmpty = agenda.length === 0 && actions.length === 0;
  const live =
    session !== null && (collab.hasSynced || (!adopted && (collab.localContent || (collab.localLoaded && snapshotEmpty))));
  const readOnly = access === "read" || adopted;
  const canEdit = !readOnly && collab.ended === null;
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  const comments = useMemo(
    // "?index": a form posting to an index route says so.
    () => ({ comments: data.comments, action: `${base}?index`, canComment: data.canComment, canResolve: data.canResolve, members: data.members }),
    [data.comments, base, data.canComment, data.canResolve, data.members],
  );

  // Each person's own edits keep the alignment of the texts in other languages.
  const parallel = languages.working.length > 1;
  useEffect(() => {
    if (!session || !canEdit || !live || !parallel) return;
    return trackAlignment(session.doc, languages);
  }, [session, canEdit, live, parallel, languages]);

  const workspace = useMemo<WorkspaceContextValue | null>(
    () => (session ? { session, canEdit, parties, adopted } : null),
    [session, canEdit, parties, adopted],
  );

  // The agenda and actions, dozens of fields, render again only when what they show changes, not with
  // the status bar's count of unsaved edits, which changes twice per keystroke.
  const texts = useMemo(
    () =>
      live && workspace ? (
        <WorkspaceProvider value={workspace}>
          <PrivateNotesProvider notes={data.privateNotes} user={viewer} parties={parties}>
            <CommentsProvider value={comments}>
              <ParallelTextsProvider languages={languages} preferred={locale}>
                <PrivateNotesSection />
                <AlignmentSummary />
                <LanguageTabs controls="conference-texts" />
                <div id="conference-texts" className="conference-texts">
                  <LiveAgenda />
                  <LiveDraftActions />
                </div>
              </ParallelTextsProvider>
            </CommentsProvider>
          </PrivateNotesProvider>
        </WorkspaceProvider>
      ) : (
        <>
          {/* What the live view puts above the agenda keeps its place, so that the agenda does not move when it comes. */}
          {data.privateNotes ? <PrivateNotesFrame agencyCode={data.privateNotes.agencyCode} /> : null}
          {languages.working.length > 1 ? <AlignmentSummaryPending /> : null}
          <AgendaSnapshot items={agenda} parties={parties} />
          <ActionsSnapshot actions={actions} parties={parties} adopted={adopted} />
        </>
      ),
    [live, workspace, data.privateNotes, viewer, parties, comments, languages, locale, agenda, actions, adopted],
  );

  return (
    <div className="workspace" data-collab-doc={conference.docName}>
      <WorkspaceHeader series={series} conference={{ ...conference, status }} />
      <ConferenceLifecycleBar
        seriesSlug={series.slug}
        number={conference.number}
        status={status}
        canRun={canRunLifecycle}
        reviewCount={reviewCount}
        onConclude={session && live ? () => setConcluding(true) : undefined}
      />
      <LiveChangesSince href={`${base}/changes`} markSeenAction={`${base}/seen`} session={session} />
      {error ? <FormMessage tone="error">{t(`errors.${error}`, { defaultValue: t("errors.generic") })}</FormMessage> : null}

      {collab.leftovers && collab.leftovers.length > 0 && collab.discardLeftovers ? (
        <LeftoverChanges leftovers={collab.leftovers} onDiscard={collab.discardLeftovers} />
      ) : null}

      {adopted ? (
        <ConcludedPanel adoptedAt={data.adoption?.at ?? null} adoptedBy={data.adoption?.by ?? null} recordHref={`${base}/record`} commitments={data.agreed} />
      ) : null}

      <div className="workspace-bar">
        {adopted ? null : (
          <CollabStatus
            connection={collab.connection}
            unsaved={collab.unsaved}
            readOnly={readOnly}
            live={live}
            ended={collab.ended !== null}
          />
        )}
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

      {readOnly && !adopted ? <p className="muted workspace-notice">{t("workspace.readOnlyNotice")}</p> : null}

      {texts}
      {canRunLifecycle && status === "in_session" ? (
        <ConcludeDialog
          open={concluding}
          check={check}
          unsettledReviews={data.unsettledReviews}
          parties={parties}
          action={`${base}/lifecycle`}
          onClose={() => setConcluding(false)}
        />
      ) : null}
    </div>
  );
}
