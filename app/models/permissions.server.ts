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
  | "series.edit"
  /** Change how the series works day to day (e.g. when its review list is announced): its secretariats and administrators. */
  | "series.configure"
  /** Choose the series' working languages and which of them are authentic for the record. */
  | "series.languages";

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
    case "series.configure":
    case "series.languages":
      // The secretariats draft in these languages and run the series; the administrator sets a series up.
      return user.isAdmin || (membership !== null && EDIT_ROLES.includes(membership.role));
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

/** Anyone who may read an agenda, a draft action or a commitment may comment on it. */
export function canComment(actor: Actor): boolean {
  return can(actor, "series.view") && actor.membership !== null;
}

/** Resolving and reopening a thread is the secretariats' housekeeping. */
export function canResolveComments(actor: Actor): boolean {
  return can(actor, "series.edit");
}

/**
 * A party's own notes on a conference: read and written by the members of
 * that agency in the series, whatever their role, and by no one else — not
 * the other parties, not an administrator. Anyone else is answered as if the
 * document did not exist.
 */
export function privateNotesAccess(actor: Actor, agencyId: number): DocAccess {
  return actor.membership !== null && actor.membership.agencyId === agencyId ? "write" : "none";
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

/**
 * A progress note's texts in other languages: written by a secretariat, or by
 * a delegate of the agency that reported it (a party speaks only for itself).
 */
export function canTranslateFollowUp(actor: Actor, followUpAgencyId: number | null): boolean {
  const { membership } = actor;
  if (!membership) return false;
  if (membership.role === "secretariat") return true;
  return membership.role === "delegate" && followUpAgencyId !== null && membership.agencyId === followUpAgencyId;
}

/** What the server knows about a commitment when someone asks to change its status. */
export interface StatusFacts {
  status: string;
  owners: readonly { agencyId: number; shareDone: boolean }[];
  /** Owners that have asked to drop it (only what the page offers depends on them). */
  dropRequests?: readonly { agencyId: number }[];
}

/**
 * What a status request becomes. A party speaks only for itself on a joint
 * commitment: a delegate confirms its own agency's share, changes what
 * touches no other owner, and only proposes a drop; anything that would undo
 * another owner's confirmed share, reopen a dropped commitment or drop one
 * needs a secretariat (or, for a drop, every owner: see requestDrop).
 */
export type StatusDecision =
  | { kind: "change" }
  | { kind: "confirmShare"; agencyId: number }
  | { kind: "proposeDrop"; agencyId: number }
  | { kind: "refused"; why: "workflow.refused.notOwner" | "workflow.refused.othersShare" | "workflow.refused.reopenDropped" };

export function decideStatusChange(actor: Actor, facts: StatusFacts, to: string, forAgencyId: number | null = null): StatusDecision {
  const { membership } = actor;
  if (membership?.role === "secretariat") {
    // A secretariat acts for the conference, and names the party whose share it confirms.
    if (to === "done" && facts.owners.length > 0) {
      const agencyId = forAgencyId ?? facts.owners.find((o) => o.agencyId === membership.agencyId)?.agencyId ?? facts.owners[0].agencyId;
      return { kind: "confirmShare", agencyId };
    }
    return { kind: "change" };
  }
  const own = membership?.role === "delegate" ? membership.agencyId : null;
  if (own === null || !facts.owners.some((o) => o.agencyId === own)) return { kind: "refused", why: "workflow.refused.notOwner" };
  if (facts.status === "dropped") return { kind: "refused", why: "workflow.refused.reopenDropped" };
  if (to === "done") return { kind: "confirmShare", agencyId: own };
  if (to === "dropped") return { kind: "proposeDrop", agencyId: own };
  // Leaving "done" clears the confirmations; only those of the delegate's own agency may be undone by it.
  if (facts.status === "done" && facts.owners.some((o) => o.agencyId !== own && o.shareDone)) {
    return { kind: "refused", why: "workflow.refused.othersShare" };
  }
  return { kind: "change" };
}

const STATUS_CHOICES = ["open", "in_progress", "done", "blocked", "dropped"] as const;

/**
 * A status change the page may offer. For a drop: `join` when another owner
 * has proposed it and this user's agency has not, `confirm` for a secretariat
 * confirming a proposed drop.
 */
export interface StatusChoice {
  to: (typeof STATUS_CHOICES)[number];
  kind: "change" | "confirmShare" | "proposeDrop";
  drop?: "propose" | "join" | "confirm";
}

/** The status changes `actor` may ask for, and what each becomes: what the page offers, nothing the server would refuse. */
export function statusChoices(actor: Actor, facts: StatusFacts): StatusChoice[] {
  const requests = facts.dropRequests ?? [];
  const own = actor.membership?.agencyId;
  return STATUS_CHOICES.filter((to) => to !== facts.status).flatMap((to): StatusChoice[] => {
    const decision = decideStatusChange(actor, facts, to);
    if (decision.kind === "refused") return [];
    if (decision.kind === "proposeDrop") {
      // Already asked: nothing more this agency can do but wait.
      if (requests.some((r) => r.agencyId === own)) return [];
      return [{ to, kind: decision.kind, drop: requests.length > 0 ? "join" : "propose" }];
    }
    if (to === "dropped" && requests.length > 0) return [{ to, kind: decision.kind, drop: "confirm" }];
    return [{ to, kind: decision.kind }];
  });
}

/**
 * Who may take back a proposed drop: a delegate of an owner its own agency's
 * request ("own"), a secretariat every request, declining the drop ("all").
 * Null when there is nothing this user could withdraw.
 */
export function dropWithdrawal(actor: Actor, facts: Pick<StatusFacts, "owners" | "dropRequests">): "own" | "all" | null {
  const { membership } = actor;
  const requests = facts.dropRequests ?? [];
  if (membership?.role === "secretariat") return requests.length > 0 ? "all" : null;
  if (membership?.role !== "delegate" || !facts.owners.some((o) => o.agencyId === membership.agencyId)) return null;
  return requests.some((r) => r.agencyId === membership.agencyId) ? "own" : null;
}
