import type { Generated } from "kysely";

export interface InvitationsTable {
  id: Generated<number>;
  /** SHA-256 of the one-time token; the token itself is never stored. */
  token_hash: string;
  email: string;
  name: string;
  is_admin: number;
  agency_id: number | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
