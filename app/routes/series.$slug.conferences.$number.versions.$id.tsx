import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import * as Y from "yjs";
import { readActions, readAgenda } from "../collab/conference-doc";
import { AgendaSnapshot } from "../components/agenda-view";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { ActionsSnapshot } from "../components/draft-actions";
import { FormMessage } from "../components/field";
import { ReplyNotice, savedMessage } from "../components/form-replies";
import { requireConference } from "../http/conference-access.server";
import { parseForm, refused, refusedByDomain, saved } from "../http/form-reply.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { getVersion } from "../models/document-versions.server";
import { can } from "../models/permissions.server";
import { getSeriesParties } from "../models/series.server";
import { restoreVersion } from "../commands/version-restore.server";
import { versionRestoreSchema } from "../validation/version-restore";
import { conferenceHeading } from "../models/parallel-texts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.version.name} · ${data.conference.title} · Accord` : "Accord" }];

/** One version of a conference's document, read-only, as it was when it was taken. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, membership, series, conference } = await requireConference(context, request, params);
  const id = Number(params.id);
  const version = Number.isSafeInteger(id) && id > 0 ? await getVersion(context.db, conference.id, id) : null;
  if (!version) throw new Response("Not Found", { status: 404 });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.snapshot);
  const agenda = readAgenda(doc);
  const actions = readActions(doc);
  doc.destroy();
  const parties = await getSeriesParties(context.db, series.id);
  return {
    series: { slug: series.slug, name: series.name },
    conference: { number: conference.number, ...(await conferenceHeading(context.db, conference, context.locale, series.languages)) },
    // A secretariat brings back an item, or everything, while the conference is not concluded.
    canRestore: can({ user, membership }, "series.edit") && conference.status !== "concluded",
    version: { id: version.id, name: version.name, kind: version.kind, takenByName: version.takenByName, takenAt: version.takenAt, sha256: version.sha256 },
    agenda,
    actions,
    parties: parties.map((p) => ({ code: p.code, name: p.name })),
  };
}

/** Restore one entry, or everything, from this version: a new edit by the secretariat who asks. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, conference } = await requireConference(context, request, params, "series.edit");
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not Found", { status: 404 });
  const submission = parseForm(await request.formData(), versionRestoreSchema);
  if (submission.status !== "success") return refused("restore", submission);
  const asked = submission.value;
  const target = asked.intent === "restoreAll" ? ({ kind: "all" } as const) : ({ kind: "entry", list: asked.list, id: asked.id } as const);
  try {
    await restoreVersion(context, { userId: user.id, ip: context.clientIp }, conference, id, target);
  } catch (error) {
    return refusedByDomain("restore", submission, error);
  }
  return saved("restore", submission, target.kind === "all" ? "versions.restoredAll" : "versions.restoredEntry");
}

export default function ConferenceVersion() {
  const { series, conference, version, agenda, actions, parties, canRestore } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const restored = savedMessage(reply, "restore");
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
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
      {restored ? (
        <FormMessage tone="success">
          {t(restored)} <Link to={`${base}/versions/compare?${new URLSearchParams({ from: String(version.id), to: "now" })}`}>{t("versions.seeRedline")}</Link>
        </FormMessage>
      ) : null}
      <ReplyNotice reply={reply} only="error" />
      {canRestore ? (
        <section className="version-restore" aria-labelledby="version-restore-title">
          <h2 id="version-restore-title">{t("versions.restoreTitle")}</h2>
          <p className="muted">{t("versions.restoreHelp")}</p>
          <Form method="post" className="form-buttons">
            <input type="hidden" name="intent" value="restoreAll" />
            <button type="submit" disabled={busy}>
              {t("versions.restoreAll")}
            </button>
          </Form>
          <ul className="version-restore-list">
            {agenda.map((item, index) => (
              <RestoreEntry key={item.id} list="agenda" id={item.id} label={t("versions.agendaItem", { number: index + 1 })} text={item.title || t("workspace.agenda.untitled")} busy={busy} />
            ))}
            {actions.map((action, index) => (
              <RestoreEntry key={action.id} list="action" id={action.id} label={t("versions.action", { number: index + 1 })} text={action.text} busy={busy} />
            ))}
          </ul>
        </section>
      ) : null}
      <AgendaSnapshot items={agenda} parties={parties} />
      <ActionsSnapshot actions={actions} parties={parties} />
    </article>
  );
}

function RestoreEntry({ list, id, label, text, busy }: { list: "agenda" | "action"; id: string; label: string; text: string; busy: boolean }) {
  const t = useT();
  return (
    <li>
      <span>
        <strong>{label}</strong> {text}
      </span>
      <Form method="post">
        <input type="hidden" name="intent" value="restoreEntry" />
        <input type="hidden" name="list" value={list} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="secondary" disabled={busy} aria-label={t("versions.restoreEntryLabel", { entry: label })}>
          {t("versions.restoreEntry")}
        </button>
      </Form>
    </li>
  );
}
