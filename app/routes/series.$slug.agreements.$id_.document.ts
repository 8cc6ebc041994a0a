import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSeries } from "../http/guards.server";
import { attachmentDisposition, getAgreementDocument } from "../models/agreement-documents.server";

/**
 * The signed document, for members of the series only. Always a download
 * (never rendered in the page's origin), and never sniffed as anything but
 * PDF: "X-Content-Type-Options: nosniff" comes with every response from the
 * server's security headers (setting it here too would send it twice).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "");
  const agreementId = /^[1-9]\d{0,9}$/.test(params.id ?? "") ? Number(params.id) : 0;
  const document = await getAgreementDocument(context.db, { seriesId: series.id, agreementId });
  if (!document) throw new Response("Not Found", { status: 404 });
  let bytes: Buffer;
  try {
    bytes = await context.files.read(document.file);
  } catch (error) {
    context.logger.error({ err: error, agreementId }, "the stored document of an agreement is missing");
    throw new Response("Not Found", { status: 404 });
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.length),
      "Content-Disposition": attachmentDisposition(document.name),
      "Cache-Control": "private, no-store",
    },
  });
}
