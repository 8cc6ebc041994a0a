import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import type { FileStore } from "../http/request-context.server";
import { auditAgreement, requireAgreementRow, type AgreementActor, type AgreementRef } from "./agreements.server";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";

// The signed document of an agreement: a PDF, checked by its bytes, stored by
// the file store outside the web root under a generated name. The name the
// uploader gave is kept only as display metadata, cleaned first; it is never
// part of a path.

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** A PDF starts with "%PDF-"; a name ending in .pdf or a MIME type proves nothing. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.length >= PDF_MAGIC.length && PDF_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** A whole PDF ends with "%%EOF", which readers look for in its last 1,024 bytes; a file cut short does not. */
export function looksCompletePdf(bytes: Uint8Array): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  return Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength).toString("latin1").includes("%%EOF");
}

/**
 * The uploader's file name made safe to show and to offer back as a download
 * name: no folders, no control or direction-override characters, none of the
 * characters file systems refuse, a bounded length, and always ".pdf".
 */
export function documentDisplayName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/["*:<>?|]/g, "_")
    .replace(/\s+/g, " ")
    .trim();
  let stem = cleaned.replace(/\.pdf$/i, "").replace(/^[.\s]+/, "").trim();
  if (!stem) stem = "document";
  return `${Array.from(stem).slice(0, 120).join("").trim()}.pdf`;
}

/** A Content-Disposition that offers the display name in any script, with an ASCII fallback for old clients. */
export function attachmentDisposition(displayName: string): string {
  const ascii = displayName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(displayName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface DocumentUpload {
  bytes: Uint8Array;
  /** The name the uploader's browser sent, kept only for display. */
  fileName: string;
  /** The limit in force (uploads.maxDocumentBytes). */
  maxBytes: number;
}

/** Refuses what is not an acceptable signed document, before anything is written. */
export function checkDocument(upload: DocumentUpload) {
  if (upload.bytes.length === 0) throw new DomainError("documentRequired", "document");
  if (upload.bytes.length > upload.maxBytes) throw new DomainError("documentTooLarge", "document");
  if (!looksLikePdf(upload.bytes)) throw new DomainError("documentNotPdf", "document");
  if (!looksCompletePdf(upload.bytes)) throw new DomainError("documentIncomplete", "document");
}

/**
 * Attaches (or replaces) the signed document. A refused upload writes nothing;
 * a replaced document's file is removed once the new one is recorded.
 */
export async function attachDocument(db: DB, clock: Clock, files: FileStore, actor: AgreementActor, ref: AgreementRef, upload: DocumentUpload) {
  await requireAgreementRow(db, ref);
  checkDocument(upload);
  const displayName = documentDisplayName(upload.fileName);
  const stored = await files.save(upload.bytes, "pdf");
  let previous: string | null;
  try {
    previous = await serializable(db, async (trx) => {
      // Read and replace in one transaction, so two uploads at once cannot orphan a file.
      const row = await requireAgreementRow(trx, ref);
      await trx
        .updateTable("agreements")
        .set({ document_file: stored, document_name: displayName, document_size: upload.bytes.length, updated_at: isoNow(clock) })
        .where("id", "=", ref.agreementId)
        .execute();
      await auditAgreement(trx, clock, actor, ref.agreementId, row.document_file ? "document.replace" : "document.attach", {
        name: displayName,
        size: upload.bytes.length,
      });
      return row.document_file;
    });
  } catch (error) {
    await files.remove(stored);
    throw error;
  }
  if (previous) await files.remove(previous);
  return { name: displayName, size: upload.bytes.length };
}

export async function removeDocument(db: DB, clock: Clock, files: FileStore, actor: AgreementActor, ref: AgreementRef) {
  const previous = await serializable(db, async (trx) => {
    const row = await requireAgreementRow(trx, ref);
    if (!row.document_file) throw new DomainError("documentMissing");
    await trx
      .updateTable("agreements")
      .set({ document_file: null, document_name: null, document_size: null, updated_at: isoNow(clock) })
      .where("id", "=", ref.agreementId)
      .execute();
    await auditAgreement(trx, clock, actor, ref.agreementId, "document.remove");
    return row.document_file;
  });
  await files.remove(previous);
}

/** The stored document of an agreement of this series, for serving it; null if there is none. */
export async function getAgreementDocument(db: DB, ref: AgreementRef) {
  if (!Number.isSafeInteger(ref.agreementId) || ref.agreementId <= 0) return null;
  const row = await db
    .selectFrom("agreements")
    .select(["document_file", "document_name", "document_size"])
    .where("id", "=", ref.agreementId)
    .where("series_id", "=", ref.seriesId)
    .executeTakeFirst();
  if (!row?.document_file) return null;
  return { file: row.document_file, name: row.document_name ?? "document.pdf", size: row.document_size ?? 0 };
}
