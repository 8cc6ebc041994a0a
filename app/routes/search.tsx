import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { requireUser } from "../guards.server";
import { searchForUser } from "../models/search.server";

export const meta: MetaFunction = () => [{ title: "Accord" }];

const querySchema = z.string().trim().max(200).catch("");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const q = querySchema.parse(new URL(request.url).searchParams.get("q") ?? "");
  return json({ q, results: q ? await searchForUser(context.db, user, q) : [] });
}

export default function Search() {
  const { q, results } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("search.title")}</h1>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="search-q" className="visually-hidden">
          {t("search.label")}
        </label>
        <input id="search-q" type="search" name="q" defaultValue={q} placeholder={t("search.placeholder")} />
        <button type="submit">{t("search.submit")}</button>
      </Form>
      {q ? (
        <p className="muted" role="status">
          {t("search.count", { count: results.length, q })}
        </p>
      ) : null}
      <ul className="search-results">
        {results.map((r, i) => (
          <li key={`${r.href}-${i}`}>
            <span className="badge">{t(`search.kinds.${r.kind}`)}</span> <Link to={r.href}>{r.title}</Link>
            <br />
            <small className="muted">{r.seriesName}</small>
            {r.snippet && r.snippet !== r.title ? <p className="snippet">{r.snippet}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
