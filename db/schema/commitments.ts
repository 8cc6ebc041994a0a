import type { Generated } from "kysely";

export type CommitmentStatus = "open" | "in_progress" | "done" | "blocked" | "dropped";
export type ReviewOutcome = "carried" | "completed" | "dropped" | "revised";

/** An agreed action, one identity from the conference that agreed it until closed. */
export interface CommitmentsTable {
  id: Generated<number>;
  series_id: number;
  /** The conference that agreed it. */
  conference_id: number;
  /** The draft action it came from in the conference document, if any. */
  source_action_id: string | null;
  /** The agreement clause it came from, if any. */
  clause_id: number | null;
  text: string;
  /** "YYYY-MM-DD", or null. */
  due_on: string | null;
  /** 1 when due "by the next conference". */
  due_next: number;
  status: CommitmentStatus;
  created_at: string;
  updated_at: string;
  /** The language of `text`; its other languages are in text_translations (migration 0013). */
  base_language: Generated<string>;
}

/** An owner party; with several owners, each confirms its own share. */
export interface CommitmentOwnersTable {
  commitment_id: number;
  agency_id: number;
  share_done_at: string | null;
  share_done_by: string | null;
}

/** Append-only history of a commitment: who changed what, when, from what to what. */
export interface CommitmentEventsTable {
  id: Generated<number>;
  commitment_id: number;
  at: string;
  by: string | null;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  note: string;
  /** Why it was blocked or dropped (or a drop requested); null for other events. */
  reason: string | null;
  /** The language `reason` was written in (migration 0025); null for reasons given before. Its other languages are text_translations of subject 'status_reason'. */
  reason_language: string | null;
}

/** One owner party's request to drop a commitment, pending until a secretariat or every owner confirms. */
export interface CommitmentDropRequestsTable {
  commitment_id: number;
  agency_id: number;
  requested_at: string;
  requested_by: string | null;
  reason: string;
}

/** A dated progress note, optionally with a figure. */
export interface FollowUpsTable {
  id: Generated<number>;
  commitment_id: number;
  at: string;
  by: string | null;
  agency_id: number | null;
  note: string;
  figure_label: string | null;
  figure_value: number | null;
  figure_unit: string | null;
  /** The language of `note`; a follow-up may have it in other languages too (migration 0013). */
  base_language: Generated<string>;
}

/** A later conference that reviewed an open commitment (its lineage). */
export interface CommitmentReviewsTable {
  commitment_id: number;
  conference_id: number;
  outcome: ReviewOutcome | null;
  note: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

/** The immutable record adopted when a conference concluded. */
export interface AdoptedRecordsTable {
  conference_id: number;
  adopted_at: string;
  adopted_by: string;
  /** SHA-256 (hex) of `snapshot`. */
  sha256: string;
  /** The Yjs state of the conference document at adoption. */
  snapshot: Uint8Array;
  /** The agenda and draft actions as adopted, as JSON, for exports. */
  content_json: string;
}
