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
