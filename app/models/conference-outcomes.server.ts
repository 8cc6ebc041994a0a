import type { DB } from "../../db/connection";
import type { CommitmentStatus } from "../../db/schema/index";

/** Commitments carried to a conference whose review has no outcome yet: concluding carries them on. */
export async function countUnsettledReviews(db: DB, conferenceId: number): Promise<number> {
  const row = await db
    .selectFrom("commitment_reviews")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("conference_id", "=", conferenceId)
    .where("outcome", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AgreedCommitment {
  id: number;
  text: string;
  status: CommitmentStatus;
}

/** The commitments a conference agreed, in the order they were created, and how many there are. */
export async function commitmentsAgreedAt(db: DB, conferenceId: number, limit: number): Promise<{ rows: AgreedCommitment[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("commitments")
      .select(["id", "text", "status"])
      .where("conference_id", "=", conferenceId)
      .orderBy("id")
      .limit(limit)
      .execute(),
    db
      .selectFrom("commitments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("conference_id", "=", conferenceId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
