import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import type { AgendaItemView, DraftActionView } from "../collab/conference-doc";
import { ConferenceDates } from "../components/conference-list";
import { standalone } from "../components/parallel-texts";
import { requireConference } from "../http/conference-access.server";
import { formatDateTime, formatDueDate, useLocale } from "../i18n/format";
import { getAdoptedRecord } from "../models/conference-lifecycle.server";
import { languageName } from "../i18n/working-languages";
import { textsInEveryLanguage } from "../models/parallel-texts.server";
import { pickText } from "../models/parallel-text-rules";
import { ShownText } from "../components/shown-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · Accord` : "Accord" }];

/** The adopted record of a concluded conference: read and export, never edit. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series, conference } = await requireConference(context, request, params);
  const [record, titles] = await Promise.all([
    getAdoptedRecord(context.db, conference.id),
    textsInEveryLanguage(context.db, "conference", [{ id: conference.id, baseLanguage: conference.baseLanguage, text: conference.title }], "title"),
  ]);
  if (!record) throw new Response("Not Found", { status: 404 });
  const content = JSON.parse(record.contentJson) as { agenda: AgendaItemView[]; actions: DraftActionView[]; languages?: RecordLanguages };
  // A record adopted before parallel texts is in its base language only.
  const languages = content.languages ?? { base: conference.baseLanguage, working: [conference.baseLanguage], authentic: [conference.baseLanguage] };
  const asked = new URL(request.url).searchParams.get("lang");
  // Markdown is offered in every language the record holds; Word holds the authentic ones.
  const recordLanguages = [languages.base, ...languages.working.filter((code) => code !== languages.base)];
  const view = asked && languages.working.includes(asked) ? asked : "all";
  // Headed in the language read: the one asked for, or the reader's own beside all of them.
  const heading = pickText(titles.get(conference.id) ?? { [conference.baseLanguage]: conference.title }, view === "all" ? context.locale : view, series.languages, conference.baseLanguage);
  return {
    recordLanguages,
    series: { slug: series.slug, name: series.name },
    conference: { ...conference, title: heading.text, titleShown: { language: heading.language, wanted: heading.wanted } },
    record: { adoptedAt: record.adoptedAt, adoptedBy: record.adoptedBy, sha256: record.sha256 },
    agenda: content.agenda,
    actions: content.actions,
    languages,
    // One language at a time, or all of them side by side (the default).
    view,
  };
}

interface RecordLanguages {
  base: string;
  working: string[];
  authentic: string[];
}

/** An item's texts in one language (the base's own fields for a record of one language). */
function itemIn(item: AgendaItemView, language: string) {
  return item.texts?.[language] ?? { title: item.title, notesText: item.notesText, outcomeText: item.outcomeText };
}

function actionIn(action: DraftActionView, language: string) {
  return action.texts?.[language]?.text ?? action.text;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split("\n").map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </>
  );
}

/** One agenda item's texts in one language. */
function ItemText({ item, language, lead }: { item: AgendaItemView; language: string; lead: boolean }) {
  const t = useT();
  const text = itemIn(item, language);
  return (
    <div className="record-text">
      <h3 lang={language}>
        {text.title}
        {lead && item.leadParty ? <small className="muted"> · {item.leadParty}</small> : null}
      </h3>
      {text.notesText ? (
        <div>
          <h4>{t("record.notes")}</h4>
          <div lang={language}>
            <Paragraphs text={text.notesText} />
          </div>
        </div>
      ) : null}
      {text.outcomeText ? (
        <div>
          <h4>{t("record.outcome")}</h4>
          <div lang={language}>
            <Paragraphs text={text.outcomeText} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

export default function AdoptedRecord() {
  const { series, conference, record, agenda, actions, languages, view, recordLanguages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  const name = (language: string) => t(`parallel.languages.${language}`, { defaultValue: language });
  const parallel = languages.working.length > 1;
  const shown = view === "all" ? languages.working : [view];
  return (
    <article className="record">
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <header>
        <p className="muted">{t("record.heading")}</p>
        <h1>
          <ShownText text={conference.title} shown={conference.titleShown} />
        </h1>
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
        {parallel ? (
          <>
            <p className="muted">{t("parallel.authenticNote", { languages: new Intl.ListFormat(locale, { type: "conjunction" }).format(languages.authentic.map(name)) })}</p>
            <nav className="record-languages" aria-label={t("parallel.readIn")}>
              {["all", ...languages.working].map((option) => (
                <Link
                  key={option}
                  to={option === "all" ? `${base}/record` : `${base}/record?lang=${option}`}
                  aria-current={option === view ? "page" : undefined}
                  preventScrollReset
                >
                  {option === "all" ? t("parallel.sideBySide") : standalone(name(option))}
                </Link>
              ))}
            </nav>
          </>
        ) : null}
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
              {parallel ? (
                <div className={shown.length > 1 ? "record-parallel" : undefined}>
                  {shown.map((language, i) => (
                    <section key={language} aria-label={t("parallel.column", { language: name(language) })}>
                      {shown.length > 1 ? <p className="record-language">{standalone(name(language))}</p> : null}
                      <ItemText item={item} language={language} lead={i === 0} />
                    </section>
                  ))}
                </div>
              ) : (
                <ItemText item={item} language={languages.base} lead />
              )}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="record-actions">
        <h2 id="record-actions">{t("record.actions")}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                {parallel ? (
                  shown.map((language) => (
                    <th key={language} scope="col">
                      {name(language)}
                    </th>
                  ))
                ) : (
                  <th scope="col">{t("commitment.text")}</th>
                )}
                <th scope="col">{t("commitment.owners")}</th>
                <th scope="col">{t("commitment.due")}</th>
              </tr>
            </thead>
            <tbody>
              {actions
                .filter((a) => languages.working.some((language) => actionIn(a, language).trim()))
                .map((a) => (
                  <tr key={a.id}>
                    {shown.map((language) => (
                      <td key={language} lang={language}>
                        {actionIn(a, language)}
                      </td>
                    ))}
                    <td>{a.owners.join(", ")}</td>
                    <td>{a.due === "next" ? t("commitment.dueNext") : a.due ? formatDueDate(locale, a.due) : "—"}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
