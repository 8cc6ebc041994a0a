import type { Generated } from "kysely";

export type AgreementStatus = "draft" | "signed" | "in_force" | "expired" | "terminated";

/** A memorandum of understanding or other agreement between parties of a series. */
export interface AgreementsTable {
  id: Generated<number>;
  series_id: number;
  conference_id: number | null;
  title: string;
  status: AgreementStatus;
  signed_on: string | null;
  signed_at: string;
  valid_from: string | null;
  valid_until: string | null;
  /** Generated file name under the uploads folder (never the uploader's name). */
  document_file: string | null;
  document_name: string | null;
  document_size: number | null;
  created_at: string;
  updated_at: string;
  /** The language of the title and of every clause's `text` (migration 0013). */
  base_language: Generated<string>;
}

export interface AgreementPartiesTable {
  agreement_id: number;
  agency_id: number;
}

export interface SignatoriesTable {
  id: Generated<number>;
  agreement_id: number;
  name: string;
  title: string;
  agency_id: number | null;
  position: number;
}

export interface ClausesTable {
  id: Generated<number>;
  agreement_id: number;
  position: number;
  /** Clause number as written in the agreement, e.g. "3.2". */
  label: string;
  text: string;
}

/** Personal API tokens for the read-only JSON API; only a hash is kept. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
