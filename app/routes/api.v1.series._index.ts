import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, SeriesList } from "../http/api-schemas.server";
import { apiJson, apiReadOnly, requireApiUser } from "../http/api.server";
import { listSeriesForUser } from "../models/series.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const user = requireApiUser(context);
  const series = await listSeriesForUser(context.db, user, context.locale);
  return apiJson(series.map((s) => ({ slug: s.slug, name: s.ownName, viewerName: s.name, parties: s.parties })) satisfies ApiBody<typeof SeriesList>);
}

export const action = apiReadOnly;
