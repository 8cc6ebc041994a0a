import type { Generated } from "kysely";

/** A participating agency, e.g. a customs administration of one country. */
export interface AgenciesTable {
  id: Generated<number>;
  /** Short code used in the UI, the API and the CLI, e.g. "VNC". Unique. */
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** IANA time zone its people default to, e.g. "Asia/Ho_Chi_Minh" (migration 0010). */
  time_zone: string | null;
  created_at: string;
}
