import type { LoaderFunctionArgs } from "@remix-run/node";
import { commitmentsCsv } from "../exports/commitments-csv.server";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { listCommitments } from "../models/commitments.server";
import { commitmentForReader } from "../models/parallel-text-rules";

/** The series' commitments as CSV for a spreadsheet; members only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "");
  const commitments = await listCommitments(context.db, context.clock, { seriesId: series.id });
  const body = commitmentsCsv(
    commitments.map((c) => commitmentForReader(c, context.locale)),
    i18nFor(context.locale).t,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${series.slug}-commitments.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
