import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import * as Y from "yjs";
import { readActions, readAgenda, type DocLanguages } from "../collab/conference-doc";
import { redline, type RedlineEntry } from "../collab/redline";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { SelectField } from "../components/select-field";
import { requireConference } from "../conference-access.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { getVersion, listVersions } from "../models/document-versions.server";
import { getConferenceLanguages } from "../models/conference-languages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · Accord` : "Accord" }];

/** A stored state's entries; with several working languages, each text in every one of them. */
function stateOf(snapshot: Uint8Array, languages: DocLanguages | undefined) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  const state = { agenda: readAgenda(doc, languages), actions: readActions(doc, languages) };
  doc.destroy();
  return state;
}

/**
 * A redline between two versions of a conference's document, or a version
 * and the document as it is now: what was inserted and deleted, item by item.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series, conference } = await requireConference(context, request, params);
  const url = new URL(request.url);
  const versions = await listVersions(context.db, conference.id);
  const pick = async (value: string | null, fallback: "now" | "oldest") => {
    const id = value === "now" || (value === null && fallback === "now") ? null : Number(value ?? versions.at(-1)?.id ?? NaN);
    if (id === null) return { label: null, at: null, by: null, snapshot: await context.collab.currentState(conference.docName) };
    const version = Number.isSafeInteger(id) && id > 0 ? await getVersion(context.db, conference.id, id) : null;
    if (!version) throw new Response("Not Found", { status: 404 });
    return { label: version.kind === "manual" ? version.name : `kind:${version.kind}`, at: version.takenAt, by: version.takenByName, snapshot: version.snapshot };
  };
  const from = await pick(url.searchParams.get("from"), "oldest");
  const to = await pick(url.searchParams.get("to"), "now");
  const conferenceLanguages = await getConferenceLanguages(context.db, conference.id);
  const languages = conferenceLanguages.working.length > 1 ? conferenceLanguages : undefined;
  const entries = redline(stateOf(from.snapshot, languages), stateOf(to.snapshot, languages)).filter((e) => e.change !== "unchanged");
  return json({
    series: { slug: series.slug, name: series.name },
    conference: { number: conference.number, title: conference.title },
    versions: versions.map((v) => ({ id: v.id, label: v.kind === "manual" ? v.name : `kind:${v.kind}`, at: v.takenAt })),
    from: { id: url.searchParams.get("from") ?? String(versions.at(-1)?.id ?? ""), label: from.label, at: from.at, by: from.by },
    to: { id: url.searchParams.get("to") ?? "now", label: to.label, at: to.at, by: to.by },
    entries,
  });
}

function Parts({ parts, language }: { parts: RedlineEntry["fields"][number]["parts"]; language?: string }) {
  return (
    <p className="redline-text" lang={language}>
      {parts.map((part, i) =>
        part.type === "insert" ? <ins key={i}>{part.text}</ins> : part.type === "delete" ? <del key={i}>{part.text}</del> : <span key={i}>{part.text}</span>,
      )}
    </p>
  );
}

export default function CompareVersions() {
  const { series, conference, versions, from, to, entries } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = (label: string | null) => (label === null ? t("versions.now") : label.startsWith("kind:") ? t(`versions.kinds.${label.slice(5)}`) : label);
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  return (
    <article className="redline">
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <hgroup className="page-title">
        <h1>{t("versions.compareTitle")}</h1>
        <p>
          {conference.title} · <Link to={`${base}/versions`}>{t("versions.title")}</Link>
        </p>
      </hgroup>
      <Form method="get" className="filters">
        <SelectField label={t("versions.from")} name="from" defaultValue={from.id}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {name(v.label)} · {formatDateTime(locale, v.at)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("versions.to")} name="to" defaultValue={to.id}>
          <option value="now">{t("versions.now")}</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {name(v.label)} · {formatDateTime(locale, v.at)}
            </option>
          ))}
        </SelectField>
        <div className="form-buttons">
          <button type="submit" className="secondary">
            {t("versions.compare")}
          </button>
        </div>
      </Form>
      <p className="muted">
        {t("versions.between", { from: name(from.label), to: name(to.label) })}
        {from.by ? ` · ${t("versions.takenLine", { by: from.by, at: formatDateTime(locale, from.at ?? "") })}` : null}
      </p>
      {entries.length === 0 ? <p>{t("versions.noChanges")}</p> : null}
      <ol className="redline-list">
        {entries.map((entry) => (
          <li key={`${entry.list}:${entry.id}`} className={`redline-entry is-${entry.change}`}>
            <h2>
              {t(entry.list === "agenda" ? "versions.agendaItem" : "versions.action", { number: entry.number })}{" "}
              <span className="badge">{t(`versions.changes.${entry.change}`)}</span>
            </h2>
            {entry.fields.map((f) => (
              <div key={f.field} className="redline-field">
                <h3>
                  {t(`conclusion.leftovers.fields.${f.field.split("@")[0]}`)}
                  {f.field.includes("@") ? ` (${t(`parallel.languages.${f.field.split("@")[1]}`)})` : null}
                </h3>
                <Parts parts={f.parts} language={f.field.split("@")[1]} />
              </div>
            ))}
          </li>
        ))}
      </ol>
    </article>
  );
}
