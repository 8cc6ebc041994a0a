import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordDocx } from "../exports/record-docx.server";
import { loadRecordExport, recordFileName } from "../exports/record.server";

/**
 * The adopted record of a concluded conference as a Word document: each
 * authentic language in turn, or `?layout=side-by-side` in columns; members
 * only, 404 before adoption.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { record, slug } = await loadRecordExport(context, request, params);
  const layout = new URL(request.url).searchParams.get("layout") === "side-by-side" ? "side-by-side" : "languages";
  const body = await recordDocx(record, context.locale, layout);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${recordFileName(slug, record.conference.number, "docx", layout === "side-by-side" ? "side-by-side" : undefined)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
