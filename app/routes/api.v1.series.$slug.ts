import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, SeriesDetail } from "../http/api-schemas.server";
import { apiJson, apiReadOnly, requireApiSeries } from "../http/api.server";
import { inEveryLanguage } from "../http/api-texts.server";
import { listConferences } from "../models/conferences.server";
import { textsInEveryLanguage } from "../models/parallel-texts.server";
import { getSeriesMembers, getSeriesParties } from "../models/series.server";
import { readSeriesTexts } from "../models/series-names.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireApiSeries(context, request, params.slug);
  const [parties, members, conferences, given] = await Promise.all([
    getSeriesParties(context.db, series.id),
    getSeriesMembers(context.db, series.id, context.locale),
    listConferences(context.db, series.id),
    readSeriesTexts(context.db, series.id),
  ]);
  const ofLanguage = (field: "name" | "description") =>
    Object.fromEntries(Object.entries(given).flatMap(([language, texts]) => (texts[field] ? [[language, texts[field]]] : [])));
  const names = ofLanguage("name");
  const descriptions = ofLanguage("description");
  const titles = await textsInEveryLanguage(context.db, "conference", conferences.map((c) => ({ id: c.id, baseLanguage: c.baseLanguage, text: c.title })), "title");
  const reader = { locale: context.locale, working: series.languages };
  return apiJson({
    slug: series.slug,
    name: series.name,
    description: series.description,
    names,
    descriptions,
    viewerName: names[context.locale] ?? series.name,
    viewerDescription: descriptions[context.locale] ?? series.description,
    // In order; the first is the language new content is suggested in.
    languages: series.languages,
    parties: parties.map(({ code, name, country }) => ({ code, name, country })),
    members: members.map((m) => ({ id: m.userId, name: m.name, role: m.role, agency: m.agencyCode })),
    conferences: conferences.map(({ id, number, title, baseLanguage, status, startsOn, endsOn, docName }) => ({
      id,
      number,
      ...inEveryLanguage("title", reader, { language: baseLanguage, text: title }, titles.get(id)),
      status,
      startsOn,
      endsOn,
      docName,
    })),
  } satisfies ApiBody<typeof SeriesDetail>);
}

export const action = apiReadOnly;
