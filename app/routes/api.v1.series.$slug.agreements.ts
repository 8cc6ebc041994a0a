import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, apiNotFound, apiReadOnly, requireApiUser } from "../api.server";
import { listAgreements } from "../models/agreements.server";
import { getMembership } from "../models/memberships.server";
import { can } from "../models/permissions.server";
import { getSeriesBySlug } from "../models/series.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireApiUser(context);
  const series = await getSeriesBySlug(context.db, params.slug ?? "");
  const membership = series ? await getMembership(context.db, series.id, user.id) : null;
  if (!series || !can({ user, membership }, "series.view")) {
    throw await apiNotFound(context, request, `series:${params.slug ?? ""}`);
  }
  const agreements = await listAgreements(context.db, series.id);
  return apiJson(
    agreements.map((a) => ({
      id: a.id,
      title: a.title,
      parties: a.parties.map((p) => p.code),
      status: a.status,
      signedOn: a.signedOn,
      signedAt: a.signedAt,
      signatories: a.signatories.map((s) => ({ name: s.name, title: s.title, agency: s.agency?.code ?? null })),
      clauses: a.clauses.map((c) => ({ id: c.id, text: c.text, commitmentId: c.commitmentId })),
    })),
  );
}

export const action = apiReadOnly;
