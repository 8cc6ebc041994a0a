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
