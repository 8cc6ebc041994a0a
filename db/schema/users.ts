import type { Generated } from "kysely";

export interface UsersTable {
  id: string;
  /** Always stored lower-cased and trimmed. */
  email: string;
  name: string;
  /** argon2id hash; null until an invited person sets a password. */
  password_hash: string | null;
  is_admin: Generated<number>;
  /** Preferred interface language: "en", "vi" or "zh". */
  locale: Generated<string>;
  /** Home agency, if known. Series roles name the agency explicitly. */
  agency_id: number | null;
  /** IANA time zone for quiet hours; null: the agency's, else UTC (migration 0010). */
  time_zone: string | null;
  created_at: string;
}
