import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PartyLegend, RedlineEntries } from "../components/attributed-redline";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { SelectField } from "../components/select-field";
import { loadRedline } from "../exports/redline.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { LOCALE_NAMES, type Locale } from "../i18n/locales";
import { useT } from "../i18n/use-t";
import { ShownText } from "../components/shown-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · Accord` : "Accord" }];

/**
 * A redline between two versions of a conference's document, or a version
 * and the document as it is now: what was inserted and deleted, item by
 * item, and by whom; downloadable as Word tracked changes per working language.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const data = await loadRedline(context, request, params);
  return {
    ...data,
    versions: data.versions.map((v) => ({ id: v.id, label: v.kind === "manual" ? v.name : `kind:${v.kind}`, at: v.takenAt })),
  };
}

export default function CompareVersions() {
  const { series, conference, versions, from, to, entries, who } = useLoaderData<typeof loader>();
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
          <ShownText text={conference.title} shown={conference.titleShown} /> · <Link to={`${base}/versions`}>{t("versions.title")}</Link>
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
      {entries.length > 0 ? (
        <>
          <PartyLegend who={who} />
          <p className="redline-downloads">
            {series.languages.map((language) => (
              <a key={language} href={`${base}/versions/compare.docx?${new URLSearchParams({ from: from.id, to: to.id, lang: language })}`} download>
                {t("redline.download", { language: LOCALE_NAMES[language as Locale] ?? language })}
              </a>
            ))}
          </p>
        </>
      ) : null}
      <RedlineEntries entries={entries} who={who} />
    </article>
  );
}
