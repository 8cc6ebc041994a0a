import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordMarkdown } from "../exports/record-markdown.server";
import { loadRecordExport, recordFileName } from "../exports/record.server";

/** The adopted record of a concluded conference as Markdown; members only, 404 before adoption. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { record, slug } = await loadRecordExport(context, request, params);
  return new Response(recordMarkdown(record, context.locale), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${recordFileName(slug, record.conference.number, "md")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
