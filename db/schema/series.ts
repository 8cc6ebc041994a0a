import type { Generated } from "kysely";

/** A standing cooperation mechanism (a numbered series of conferences). */
export interface SeriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  created_at: string;
}

/** Raised by database triggers whenever data a series' dashboards read changes. */
export interface SeriesRevisionsTable {
  series_id: number;
  revision: number;
}

/** The agencies that are parties to a series, in display order. */
export interface SeriesPartiesTable {
  series_id: number;
  agency_id: number;
  position: number;
}
