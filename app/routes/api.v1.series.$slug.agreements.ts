import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, AgreementList } from "../http/api-schemas.server";
import { apiJson, apiReadOnly, requireApiSeries } from "../http/api.server";
import { listAgreements } from "../models/agreements.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireApiSeries(context, request, params.slug);
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
    })) satisfies ApiBody<typeof AgreementList>
  );
}

export const action = apiReadOnly;
