// Pure rules about commitments, shared by models, pages and tests.

export const COMMITMENT_STATUSES = ["open", "in_progress", "done", "blocked", "dropped"] as const;
export type CommitmentStatusValue = (typeof COMMITMENT_STATUSES)[number];
export const REVIEW_OUTCOMES = ["carried", "completed", "dropped", "revised"] as const;

export function isClosed(status: string): boolean {
  return status === "done" || status === "dropped";
}

export interface DueFacts {
  status: string;
  dueOn: string | null;
  dueNext: boolean;
  /** Number of the conference that agreed it. */
  agreedAtNumber: number;
}

/**
 * Overdue: past its due date, or due "by the next conference" once a later
 * conference of the series has begun. `today` is "YYYY-MM-DD".
 */
export function isOverdue(facts: DueFacts, today: string, laterConferenceStarts: { number: number; startsOn: string }[]): boolean {
  if (isClosed(facts.status)) return false;
  if (facts.dueOn && facts.dueOn < today) return true;
  if (facts.dueNext) {
    return laterConferenceStarts.some((c) => c.number > facts.agreedAtNumber && c.startsOn <= today);
  }
  return false;
}

// ---- carry-over (decision 0013) ------------------------------------------

/** A conference has been held once its session has opened: in session or concluded. */
export const HELD_CONFERENCE_STATUSES = ["in_session", "concluded"] as const;

export function isHeld(conferenceStatus: string): boolean {
  return (HELD_CONFERENCE_STATUSES as readonly string[]).includes(conferenceStatus);
}

export interface ReviewFacts {
  /** Status of the conference whose review list holds the commitment. */
  conferenceStatus: string;
  outcome: string | null;
}

/**
 * A review carried the commitment over when its conference has been held and
 * did not close it there (completed or dropped). Being put on the review list
 * of a conference that is only planned carries nothing yet: a leader reading
 * "carried ×1" the day after the agreeing conference would be misled.
 */
export function carriesOver(review: ReviewFacts): boolean {
  return isHeld(review.conferenceStatus) && review.outcome !== "completed" && review.outcome !== "dropped";
}

export function timesCarried(reviews: readonly ReviewFacts[]): number {
  return reviews.filter(carriesOver).length;
}

// ---- joint commitments -----------------------------------------------------

export interface OwnerShare {
  code: string;
  shareDone: boolean;
}

/**
 * The owners whose confirmation a joint commitment still awaits: once one
 * owner has confirmed its share, the others that have not. Nothing for a
 * commitment with one owner, none confirmed yet, or already closed.
 */
export function awaitingShares<T extends OwnerShare>(status: string, owners: readonly T[]): T[] {
  if (owners.length < 2 || isClosed(status) || !owners.some((o) => o.shareDone)) return [];
  return owners.filter((o) => !o.shareDone);
}

/** The owners that have not joined a proposed drop (none while no drop is proposed). */
export function awaitingDrop<T extends { agencyId: number }>(owners: readonly T[], requests: readonly { agencyId: number }[]): T[] {
  if (requests.length === 0) return [];
  return owners.filter((o) => !requests.some((r) => r.agencyId === o.agencyId));
}
