import type { LoaderFunctionArgs } from "@remix-run/node";
import { agreementDocx } from "../exports/agreement-docx.server";
import { requireSeries } from "../http/guards.server";
import { getAgreement } from "../models/agreements.server";
import { textsInEveryLanguage } from "../models/parallel-texts.server";
import { seriesNamesIn } from "../models/series-names.server";

/**
 * An agreement as a Word document: each authentic language of the series in
 * turn, or `?layout=side-by-side` in columns; members only.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "");
  const agreementId = /^[1-9]\d{0,9}$/.test(params.id ?? "") ? Number(params.id) : 0;
  const agreement = await getAgreement(context.db, { seriesId: series.id, agreementId });
  if (!agreement) throw new Response("Not Found", { status: 404 });
  const base = agreement.baseLanguage;
  const [titles, clauseTexts, seriesNames] = await Promise.all([
    textsInEveryLanguage(context.db, "agreement", [{ id: agreement.id, baseLanguage: base, text: agreement.title }], "title"),
    textsInEveryLanguage(context.db, "clause", agreement.clauses.map((c) => ({ id: c.id, baseLanguage: base, text: c.text })), "text"),
    seriesNamesIn(context.db, [series.id]),
  ]);
  const layout = new URL(request.url).searchParams.get("layout") === "side-by-side" ? "side-by-side" : "languages";
  const body = await agreementDocx(
    { agreement, seriesName: series.ownName, seriesNames: seriesNames.get(series.id), titles: titles.get(agreement.id) ?? {}, clauseTexts, authentic: series.authenticLanguages },
    layout,
  );
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${series.slug}-agreement-${agreement.id}${layout === "side-by-side" ? "-side-by-side" : ""}.docx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
