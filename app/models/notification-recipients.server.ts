import type { DB } from "../../db/connection";

// Who is told: the members of a series, of some of its agencies, in some roles.

/** Roles told about their agency's commitments; observers get the weekly summary instead. */
export const ACTING_ROLES = ["secretariat", "delegate"] as const;

export interface Recipient {
  userId: string;
  agencyId: number;
}

export async function membersOf(db: DB, seriesId: number, agencyIds: number[] | null, roles: readonly string[] | null): Promise<Recipient[]> {
  if (agencyIds && agencyIds.length === 0) return [];
  let query = db.selectFrom("memberships").select(["user_id", "agency_id"]).where("series_id", "=", seriesId);
  if (agencyIds) query = query.where("agency_id", "in", agencyIds);
  if (roles) query = query.where("role", "in", roles as ("secretariat" | "delegate" | "observer")[]);
  const rows = await query.execute();
  return rows.map((r) => ({ userId: r.user_id, agencyId: r.agency_id }));
}
