import type { DB } from "../../db/connection";
import type { CommitmentStatus } from "../../db/schema/index";
import { textsInEveryLanguage } from "./parallel-texts.server";
import { pickShown, type ShownLanguage } from "./parallel-text-rules";

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
  /** In the reader's language where there is one; `shown` says which it is in. */
  text: string;
  shown: ShownLanguage;
  status: CommitmentStatus;
}

/** The commitments a conference agreed, in the order they were created, and how many there are; texts for one reader. */
export async function commitmentsAgreedAt(
  db: DB,
  conferenceId: number,
  limit: number,
  reader: { locale: string; working: readonly string[] },
): Promise<{ rows: AgreedCommitment[]; total: number }> {
  const [listed, count] = await Promise.all([
    db
      .selectFrom("commitments")
      .select(["id", "text", "base_language as baseLanguage", "status"])
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
  const texts = await textsInEveryLanguage(db, "commitment", listed, "text");
  const rows = listed.map(({ id, text, baseLanguage, status }) => {
    return { id, ...pickShown(texts.get(id) ?? { [baseLanguage]: text }, reader.locale, reader.working, baseLanguage), status };
  });
  return { rows, total: Number(count.n) };
}
