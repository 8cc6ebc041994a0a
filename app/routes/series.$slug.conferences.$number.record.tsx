import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import type { AgendaItemView, DraftActionView } from "../collab/conference-doc";
import { ConferenceDates } from "../components/conference-list";
import { requireConference } from "../conference-access.server";
import { formatDateTime, formatDueDate, useLocale } from "../i18n/format";
import { getAdoptedRecord } from "../models/conference-lifecycle.server";
import { languageName } from "../i18n/working-languages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · Accord` : "Accord" }];

/** The adopted record of a concluded conference: read and export, never edit. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series, conference } = await requireConference(context, request, params);
  const record = await getAdoptedRecord(context.db, conference.id);
  if (!record) throw new Response("Not Found", { status: 404 });
  const content = JSON.parse(record.contentJson) as { agenda: AgendaItemView[]; actions: DraftActionView[]; languages?: { base: string; working: string[] } };
  // Markdown is offered in every language the record holds; Word holds the authentic ones.
  const recordLanguages = content.languages ? [content.languages.base, ...content.languages.working.filter((code) => code !== content.languages?.base)] : [conference.baseLanguage];
  return json({
    recordLanguages,
    series: { slug: series.slug, name: series.name },
    conference,
    record: { adoptedAt: record.adoptedAt, adoptedBy: record.adoptedBy, sha256: record.sha256 },
    agenda: content.agenda,
    actions: content.actions,
  });
}

export default function AdoptedRecord() {
  const { series, conference, record, agenda, actions, recordLanguages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  return (
    <article className="record">
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <header>
        <p className="muted">{t("record.heading")}</p>
        <h1>{conference.title}</h1>
        <p>
          <ConferenceDates startsOn={conference.startsOn} endsOn={conference.endsOn} />
          {" · "}
          {conference.format === "online" ? t("conference.online") : conference.venue}
        </p>
        <p className="record-seal">
          {t("record.adopted", { at: formatDateTime(locale, record.adoptedAt), by: record.adoptedBy ?? "—" })}
          <br />
          <span>{t("record.sha256")}: </span>
          <code className="sha">{record.sha256}</code>
        </p>
        <div className="page-actions" role="group" aria-label={t("record.exportsHeading")}>
          <a href={`${base}/record.docx`} role="button" className="secondary outline" download>
            {t("record.docxByLanguage")}
          </a>
          <a href={`${base}/record.docx?layout=side-by-side`} role="button" className="secondary outline" download>
            {t("record.docxSideBySide")}
          </a>
          {recordLanguages.map((code) => (
            <a key={code} href={`${base}/record.md?lang=${code}`} role="button" className="secondary outline" download>
              {t("record.markdownIn", { language: languageName(code) })}
            </a>
          ))}
        </div>
      </header>
      <section aria-labelledby="record-agenda">
        <h2 id="record-agenda">{t("record.agenda")}</h2>
        <ol className="record-agenda">
          {agenda.map((item) => (
            <li key={item.id}>
              <h3>
                {item.title}
                {item.leadParty ? <small className="muted"> · {item.leadParty}</small> : null}
              </h3>
              {item.notesText ? (
                <div>
                  <h4>{t("record.notes")}</h4>
                  {item.notesText.split("\n").map((line, i) => (
                    <p key={i}>{line}</p>
                  ))}
                </div>
              ) : null}
              {item.outcomeText ? (
                <div>
                  <h4>{t("record.outcome")}</h4>
                  {item.outcomeText.split("\n").map((line, i) => (
                    <p key={i}>{line}</p>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="record-actions">
        <h2 id="record-actions">{t("record.actions")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("commitment.text")}</th>
              <th scope="col">{t("commitment.owners")}</th>
              <th scope="col">{t("commitment.due")}</th>
            </tr>
          </thead>
          <tbody>
            {actions
              .filter((a) => a.text.trim())
              .map((a) => (
                <tr key={a.id}>
                  <td>{a.text}</td>
                  <td>{a.owners.join(", ")}</td>
                  <td>{a.due === "next" ? t("commitment.dueNext") : a.due ? formatDueDate(locale, a.due) : "—"}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
