import type { Generated } from "kysely";

export type ConferenceStatus = "planned" | "in_session" | "concluded";
export type ConferenceFormat = "in_person" | "online" | "hybrid";

/** One numbered session of a series (the "17th conference"). */
export interface ConferencesTable {
  id: Generated<number>;
  series_id: number;
  number: number;
  title: string;
  /** Calendar dates, "YYYY-MM-DD". */
  starts_on: string;
  ends_on: string;
  /** Place, or "" when the conference is online only. */
  venue: string;
  format: ConferenceFormat;
  host_agency_id: number | null;
  status: Generated<ConferenceStatus>;
  created_at: string;
  created_by: string | null;
  /** The language of `title` and of the document's unsuffixed texts (migration 0013). */
  base_language: Generated<string>;
}

/** A version of a conference document: the whole Yjs state at a moment someone named. */
export interface DocumentVersionsTable {
  id: Generated<number>;
  conference_id: number;
  name: string;
  kind: "manual" | "opened" | "adopted";
  taken_by: string | null;
  taken_at: string;
  snapshot: Uint8Array;
  sha256: string;
}

/** Raised by triggers on every change to what a conference agreed (migration 0021); no row means revision 0. */
export interface ConferenceRevisionsTable {
  conference_id: number;
  revision: number;
}
