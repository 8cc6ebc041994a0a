import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { PartyChips } from "../components/party-list";
import { RoleBadge } from "../components/role-badge";
import { requireUser } from "../http/guards.server";
import { listSeriesForUser } from "../models/series.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { series: await listSeriesForUser(context.db, user, context.locale), isAdmin: user.isAdmin };
}

export default function Home() {
  const { series, isAdmin } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <hgroup className="page-title">
        <h1>{t("home.title")}</h1>
        <p>{t("home.intro")}</p>
      </hgroup>
      {series.length === 0 ? (
        <article className="empty-state">
          <p>{isAdmin ? t("home.emptyAdmin") : t("home.empty")}</p>
          {isAdmin ? (
            <Link to="/admin/series" role="button">
              {t("home.createFirst")}
            </Link>
          ) : null}
        </article>
      ) : (
        <ul className="card-list" aria-label={t("home.title")}>
          {series.map((s) => (
            <li key={s.slug}>
              <article className="series-card">
                <h2>
                  <Link to={`/series/${s.slug}`}>{s.name}</Link>
                </h2>
                {s.description ? <p className="muted">{s.description}</p> : null}
                <footer>
                  <PartyChips parties={s.parties} />
                  <span>
                    <span className="visually-hidden">{t("home.yourRole")}: </span>
                    <RoleBadge role={s.role ?? (isAdmin ? "admin" : null)} />
                  </span>
                </footer>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
