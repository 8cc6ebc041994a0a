import type { SeriesRole } from "../../db/schema/index";
import type { Membership } from "./memberships.server";
import type { SessionUser } from "./session.server";

/**
 * Every "may this user do this?" in Accord is answered here, for loaders,
 * actions, the JSON API and the collaboration socket alike.
 */
export type SeriesAction =
  /** See the series, its parties, members, conferences and documents. */
  | "series.view"
  /** Rename the series, change its parties and members. */
  | "series.manage"
  /** Edit agendas, minutes and draft actions; run the conference lifecycle. */
  | "series.edit";

export type GlobalAction = "admin.access";

export interface Actor {
  user: SessionUser;
  /** The user's membership in the series at hand, if any. */
  membership: Membership | null;
}

const EDIT_ROLES: readonly SeriesRole[] = ["secretariat"];

export function can(actor: Actor, action: SeriesAction): boolean {
  const { user, membership } = actor;
  switch (action) {
    case "series.view":
      return user.isAdmin || membership !== null;
    case "series.manage":
      return user.isAdmin;
    case "series.edit":
      return membership !== null && EDIT_ROLES.includes(membership.role);
  }
}

export function canGlobally(user: SessionUser | null, action: GlobalAction): boolean {
  switch (action) {
    case "admin.access":
      return user?.isAdmin === true;
  }
}

/** Access to a collaborative document: edit it, follow it live, or nothing. */
export type DocAccess = "write" | "read" | "none";

/** A conference document is edited by secretariats until the conference is concluded, then frozen. */
export function conferenceDocAccess(actor: Actor, conferenceStatus: string): DocAccess {
  if (!can(actor, "series.view")) return "none";
  return conferenceStatus !== "concluded" && can(actor, "series.edit") ? "write" : "read";
}

/**
 * The series register is a change signal written only by server commands:
 * every member follows it, no client writes to it (decision 0016).
 */
export function registerDocAccess(actor: Actor): DocAccess {
  return can(actor, "series.view") ? "read" : "none";
}

export type CommitmentAction =
  /** Change status, confirm an owner's share, add a follow-up. */
  | "commitment.progress"
  /** Change owners, due date or text; record a review outcome. */
  | "commitment.edit";

/**
 * Secretariats of the series may do everything with its commitments; a
 * delegate only reports progress on commitments owned by their own agency.
 */
export function canOnCommitment(actor: Actor, action: CommitmentAction, ownerAgencyIds: readonly number[]): boolean {
  const { membership } = actor;
  if (!membership) return false;
  if (membership.role === "secretariat") return true;
  if (action === "commitment.edit") return false;
  return membership.role === "delegate" && ownerAgencyIds.includes(membership.agencyId);
}
