import type { Generated } from "kysely";

/** One-time links that create the first administrator of a fresh production install. */
export interface SetupTokensTable {
  id: Generated<number>;
  /** SHA-256 of the token printed in the server log; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
