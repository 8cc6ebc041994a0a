import type { LoaderFunctionArgs } from "@remix-run/node";
import { markdownLanguage, recordMarkdown } from "../exports/record-markdown.server";
import { loadRecordExport, recordFileName } from "../exports/record.server";

/**
 * The adopted record of a concluded conference as Markdown in one of its
 * languages (`?lang=vi`; else the reader's, else its base); members only,
 * 404 before adoption.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { record, slug } = await loadRecordExport(context, request, params);
  const language = markdownLanguage(record, new URL(request.url).searchParams.get("lang"), context.locale);
  return new Response(recordMarkdown(record, language), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Language": language,
      "Content-Disposition": `attachment; filename="${recordFileName(slug, record.conference.number, "md", language)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
