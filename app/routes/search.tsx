import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useConstraint } from "../components/form-replies";
import { useT } from "../i18n/use-t";
import { requireUser } from "../http/guards.server";
import { SEARCH_MAX_PAGES, SEARCH_PAGE_SIZE, searchForUser } from "../models/search.server";
import { constraintsOf } from "../validation/constraint.server";
import { querySchema, pageSchema, searchFormSchema } from "../validation/search";
import { FallbackMarker } from "../components/shown-text";

export const meta: MetaFunction = () => [{ title: "Accord" }];


export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const params = new URL(request.url).searchParams;
  const q = querySchema.parse(params.get("q") ?? "");
  const page = pageSchema.parse(params.get("page") ?? "1");
  const found = q ? await searchForUser(context.db, user, q, page, context.locale) : { results: [], more: false, capped: false, tooShort: false };
  // Numbers from a .server module reach the page through its data, never by import.
  return { q, page, ...found, shownAtMost: SEARCH_PAGE_SIZE * SEARCH_MAX_PAGES, constraint: constraintsOf({ search: searchFormSchema }) };
}

export default function Search() {
  const { q, page, results, more, capped, tooShort, shownAtMost } = useLoaderData<typeof loader>();
  const t = useT();
  const limits = useConstraint("search")?.q;
  const pageHref = (n: number) => `/search?${new URLSearchParams({ q, page: String(n) }).toString()}`;
  return (
    <>
      <h1>{t("search.title")}</h1>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="search-q" className="visually-hidden">
          {t("search.label")}
        </label>
        <input id="search-q" type="search" name="q" defaultValue={q} placeholder={t("search.placeholder")} maxLength={limits?.maxLength} />
        <button type="submit">{t("search.submit")}</button>
      </Form>
      {q ? (
        <p className="muted" role="status">
          {tooShort
            ? t("searchLimits.tooShort")
            : page > 1 || more
              ? t("searchLimits.pageCount", { page, count: results.length, q })
              : t("search.count", { count: results.length, q })}
        </p>
      ) : null}
      <ul className="search-results">
        {results.map((r, i) => (
          <li key={`${r.href}-${i}`}>
            <span className="badge">{t(`search.kinds.${r.kind}`)}</span>{" "}
            <Link to={r.href} lang={r.shown?.language}>
              {r.title}
            </Link>
            {r.shown?.wanted ? " " : null}
            <FallbackMarker shown={r.shown} />
            <br />
            <small className="muted">{r.seriesName}</small>
            {r.snippet && r.snippet !== r.title ? <p className="snippet">{r.snippet}</p> : null}
          </li>
        ))}
      </ul>
      {page > 1 || more ? (
        <nav className="pager" aria-label={t("pager.label")}>
          {page > 1 ? <Link to={pageHref(page - 1)}>{t("pager.previous")}</Link> : <span />}
          <span className="muted">{t("searchLimits.page", { page })}</span>
          {more ? <Link to={pageHref(page + 1)}>{t("pager.next")}</Link> : <span />}
        </nav>
      ) : null}
      {capped ? <p className="muted">{t("searchLimits.refine", { count: shownAtMost })}</p> : null}
    </>
  );
}
