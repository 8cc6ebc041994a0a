import {
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
  type UploadHandler,
} from "@remix-run/node";
import { refusedWith } from "./form-reply.server";

/** Text fields of an upload form are short: an intent and a few ids. */
const MAX_TEXT_FIELD_BYTES = 16 * 1024;
const MAX_PARTS = 16;

export type DocumentUploadResult =
  | { ok: true; form: FormData; file: { bytes: Uint8Array; name: string } | null }
  | { ok: false; error: "errors.documentTooLarge" | "errors.documentInvalid" };

class TooManyParts extends Error {}

/**
 * Reads a multipart form with one file field (`fieldName`) into memory. The
 * size limit is enforced while the body streams in: reading stops at the
 * first byte over it, so an oversized upload is never held whole. Nothing is
 * written to disk here.
 */
export async function readDocumentUpload(request: Request, fieldName: string, maxBytes: number): Promise<DocumentUploadResult> {
  let parts = 0;
  const counted: UploadHandler = async () => {
    parts += 1;
    if (parts > MAX_PARTS) throw new TooManyParts();
    return undefined;
  };
  const refuseOtherFiles: UploadHandler = async (part) => {
    // Any other file field is unexpected; stop rather than skip over its bytes.
    if (typeof part.filename === "string") throw new TooManyParts();
    return undefined;
  };
  const handler = composeUploadHandlers(
    counted,
    createMemoryUploadHandler({
      filter: ({ name, filename }) => name === fieldName && typeof filename === "string",
      maxPartSize: maxBytes,
    }),
    createMemoryUploadHandler({ filter: ({ filename }) => filename === undefined, maxPartSize: MAX_TEXT_FIELD_BYTES }),
    refuseOtherFiles,
  );
  let form: FormData;
  try {
    form = await parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError && error.field === fieldName) return { ok: false, error: "errors.documentTooLarge" };
    return { ok: false, error: "errors.documentInvalid" };
  }
  const files = form.getAll(fieldName).filter((value): value is File => typeof value !== "string");
  if (files.length > 1) return { ok: false, error: "errors.documentInvalid" };
  const file = files[0];
  // A form sent without choosing a file carries an empty part with an empty name.
  if (!file || (file.size === 0 && file.name === "")) return { ok: true, form, file: null };
  return { ok: true, form, file: { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name } };
}

/**
 * The answer to a refused upload. Reading may have stopped part-way through
 * the body, so the connection is closed after the answer: a client that kept
 * it for its next request would find it gone and see a reset instead of a
 * page. The answer itself is read first, and says what was wrong.
 */
export function refuseUpload(error: Extract<DocumentUploadResult, { ok: false }>["error"], intent: string) {
  const reply = refusedWith(intent, new FormData(), error, { field: "document" });
  reply.init = { ...reply.init, headers: { Connection: "close" } };
  return reply;
}
