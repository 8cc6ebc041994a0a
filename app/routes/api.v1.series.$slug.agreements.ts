import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, AgreementList } from "../http/api-schemas.server";
import { apiJson, apiReadOnly, requireApiSeries } from "../http/api.server";
import { inEveryLanguage } from "../http/api-texts.server";
import { listAgreements } from "../models/agreements.server";
import { textsInEveryLanguage } from "../models/parallel-texts.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireApiSeries(context, request, params.slug);
  const agreements = await listAgreements(context.db, series.id);
  // An agreement's title and its clauses are in one base language (decision 0027).
  const [titles, clauseTexts] = await Promise.all([
    textsInEveryLanguage(context.db, "agreement", agreements.map((a) => ({ id: a.id, baseLanguage: a.baseLanguage, text: a.title })), "title"),
    textsInEveryLanguage(context.db, "clause", agreements.flatMap((a) => a.clauses.map((c) => ({ id: c.id, baseLanguage: a.baseLanguage, text: c.text }))), "text"),
  ]);
  const reader = { locale: context.locale, working: series.languages };
  return apiJson(
    agreements.map((a) => ({
      id: a.id,
      ...inEveryLanguage("title", reader, { language: a.baseLanguage, text: a.title }, titles.get(a.id)),
      parties: a.parties.map((p) => p.code),
      status: a.status,
      signedOn: a.signedOn,
      signedAt: a.signedAt,
      signatories: a.signatories.map((s) => ({ name: s.name, title: s.title, agency: s.agency?.code ?? null })),
      clauses: a.clauses.map((c) => ({
        id: c.id,
        ...inEveryLanguage("text", reader, { language: a.baseLanguage, text: c.text }, clauseTexts.get(c.id)),
        commitmentId: c.commitmentId,
      })),
    })) satisfies ApiBody<typeof AgreementList>
  );
}

export const action = apiReadOnly;
