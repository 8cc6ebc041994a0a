import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { RoleBadge } from "../components/role-badge";
import { requireSeries } from "../http/guards.server";
import { can } from "../models/permissions.server";
import { listConferences } from "../models/conferences.server";
import { getSeriesMembers, getSeriesParties } from "../models/series.server";
import { ConferenceList } from "../components/conference-list";
import { FollowThroughLinks } from "../components/follow-through-links";
import { WORKING_LANGUAGE_NAMES } from "../i18n/working-languages";
import { textsInEveryLanguage } from "../models/parallel-texts.server";
import { pickText } from "../models/parallel-text-rules";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const [parties, members, conferences] = await Promise.all([
    getSeriesParties(context.db, series.id),
    getSeriesMembers(context.db, series.id, context.locale),
    listConferences(context.db, series.id),
  ]);
  // Each title in the reader's language where there is one (one query for the list).
  const titles = await textsInEveryLanguage(context.db, "conference", conferences.map((c) => ({ id: c.id, baseLanguage: c.baseLanguage, text: c.title })), "title");
  const shownConferences = conferences.map((c) => {
    const shown = pickText(titles.get(c.id) ?? { [c.baseLanguage]: c.title }, context.locale, series.languages, c.baseLanguage);
    return { ...c, title: shown.text, shown: { language: shown.language, wanted: shown.wanted } };
  });
  return {
    series: { slug: series.slug, name: series.name, description: series.description, languages: series.languages, authentic: series.authenticLanguages },
    parties,
    members,
    myRole: membership?.role ?? null,
    conferences: shownConferences,
    canManage: can({ user, membership }, "series.manage"),
    canEdit: can({ user, membership }, "series.edit"),
    canConfigure: can({ user, membership }, "series.configure"),
    canSetLanguages: can({ user, membership }, "series.languages"),
  };
}

export default function SeriesPage() {
  const { series, parties, members, conferences, myRole, canManage, canEdit, canConfigure, canSetLanguages } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <hgroup className="page-title">
        <h1>{series.name}</h1>
        {series.description ? <p>{series.description}</p> : null}
      </hgroup>
      <p className="muted">
        {t("series.languages", {
          languages: series.languages
            .map((code) => (series.authentic.includes(code) && series.authentic.length < series.languages.length
              ? t("texts.authenticNamed", { language: WORKING_LANGUAGE_NAMES[code] })
              : WORKING_LANGUAGE_NAMES[code]))
            .join(", "),
        })}
      </p>
      <div className="page-actions">
        {myRole ? <RoleBadge role={myRole} /> : null}
        {canEdit ? (
          <Link to={`/series/${series.slug}/conferences/new`} role="button">
            {t("conference.newButton")}
          </Link>
        ) : null}
        {/* Agreements (MoUs): every member may read them. */}
        <Link to={`/series/${series.slug}/agreements`} role="button" className="secondary outline">
          {t("agreement.seriesLink")}
        </Link>
        {canConfigure ? (
          <Link to={`/series/${series.slug}/settings`} role="button" className="secondary outline">
            {t("seriesSettings.link")}
          </Link>
        ) : null}
        {canSetLanguages ? (
          <Link to={`/series/${series.slug}/languages`} role="button" className="secondary outline">
            {t("texts.languagesTitle")}
          </Link>
        ) : null}
        {canManage ? (
          <Link to={`/admin/series/${series.slug}`} role="button" className="secondary outline">
            {t("series.manage")}
          </Link>
        ) : null}
      </div>

      {/* Follow-through: leader's view, briefing pack, CSV and calendar downloads. */}
      <FollowThroughLinks seriesSlug={series.slug} />

      <section aria-labelledby="conferences-heading">
        <h2 id="conferences-heading">{t("series.conferences")}</h2>
        {conferences.length === 0 ? (
          <p className="muted">{t("series.noConferences")}</p>
        ) : (
          <ConferenceList seriesSlug={series.slug} conferences={conferences} />
        )}
      </section>

      <div className="grid-2">
        <section aria-labelledby="parties-heading">
          <h2 id="parties-heading">{t("series.parties")}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("series.code")}</th>
                <th scope="col">{t("series.name")}</th>
                <th scope="col">{t("series.country")}</th>
              </tr>
            </thead>
            <tbody>
              {parties.map((p) => (
                <tr key={p.code}>
                  <td>
                    <strong>{p.code}</strong>
                  </td>
                  <td>{p.name}</td>
                  <td>{p.country}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{t("series.members")}</h2>
          {members.length === 0 ? (
            <p className="muted">{t("series.noMembers")}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("series.memberName")}</th>
                  <th scope="col">{t("series.agency")}</th>
                  <th scope="col">{t("series.role")}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.userId}>
                    <td>{m.name}</td>
                    <td title={m.agencyName}>{m.agencyCode}</td>
                    <td>
                      <RoleBadge role={m.role} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}
