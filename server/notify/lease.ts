import type { DB } from "../../db/connection";

// A lease in the database: the job runs on the one process that holds the
// named row until it expires. Taking it is an insert that does nothing if the
// row exists, then an update that succeeds only for the holder or once the
// lease has run out; both are plain SQL on SQLite and PostgreSQL alike.

export async function acquireLease(db: DB, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expires = new Date(now.getTime() + ttlMs).toISOString();
  await db.insertInto("worker_leases").values({ name, holder, expires_at: expires }).onConflict((oc) => oc.column("name").doNothing()).execute();
  const result = await db
    .updateTable("worker_leases")
    .set({ holder, expires_at: expires })
    .where("name", "=", name)
    .where((eb) => eb.or([eb("holder", "=", holder), eb("expires_at", "<", now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the lease up at once (on shutdown), so the next process need not wait for it to expire. */
export async function releaseLease(db: DB, name: string, holder: string): Promise<void> {
  await db.updateTable("worker_leases").set({ expires_at: new Date(0).toISOString() }).where("name", "=", name).where("holder", "=", holder).execute();
}
