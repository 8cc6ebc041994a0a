import { createHash } from "node:crypto";
import type { Kysely } from "kysely";

// Sessions are stored by the SHA-256 of their id (decision 0018). Existing
// sessions are rehashed in place, so nobody is signed out by the upgrade.
// Going back cannot recover the ids from their hashes: down signs everyone out.

const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const rows = (await db.selectFrom("sessions").select("id").execute()) as Array<{ id: string }>;
  for (const { id } of rows) {
    await db.updateTable("sessions").set({ id: sha256Hex(id) }).where("id", "=", id).execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("sessions").execute();
}
