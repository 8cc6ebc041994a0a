export type SeriesRole = "secretariat" | "delegate" | "observer";

/** A person's role in one series, on behalf of one party agency. */
export interface MembershipsTable {
  series_id: number;
  user_id: string;
  agency_id: number;
  role: SeriesRole;
  created_at: string;
}
