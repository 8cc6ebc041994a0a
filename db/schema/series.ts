import type { Generated } from "kysely";

/** A standing cooperation mechanism (a numbered series of conferences). */
export interface SeriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  created_at: string;
  /**
   * Working languages in order, a JSON array of language codes such as
   * ["vi","zh"] (migration 0006); the first is the language defaults are written in.
   */
  languages: Generated<string>;
  /** Which working languages are authentic for the record, a JSON array; empty means all (migration 0013). */
  authentic_languages: Generated<string>;
  /** Days before a conference its review list is announced, 1 to 60 (migration 0016). */
  review_notice_days: Generated<number>;
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
