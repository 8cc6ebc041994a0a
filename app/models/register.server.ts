import type { DB } from "../../db/connection";
import type { RegisterEntry } from "../collab/register-doc";
import type { Clock } from "./clock.server";
import { getCommitment } from "./commitments.server";

/** What the live register document shows of one commitment, read from SQL. */
export async function registerEntryFor(db: DB, clock: Clock, commitmentId: number): Promise<{ seriesId: number; entry: RegisterEntry } | null> {
  const view = await getCommitment(db, clock, commitmentId);
  if (!view) return null;
  const counted = await db
    .selectFrom("follow_ups")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("commitment_id", "=", commitmentId)
    .executeTakeFirstOrThrow();
  return {
    seriesId: view.seriesId,
    entry: {
      id: view.id,
      text: view.text,
      status: view.status,
      owners: view.owners.map((o) => ({ code: o.code, shareDone: o.shareDone })),
      due: view.dueNext ? "next" : view.dueOn,
      followUps: Number(counted.n),
      updatedAt: view.updatedAt,
    },
  };
}
