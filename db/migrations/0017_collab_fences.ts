import type { Kysely } from "kysely";
import { dropCollabFence, fenceCollabUpdates } from "../dialect";

// Concluding is fenced in the database (decision 0034): a document frozen for
// adoption has a row here, and from then on no instance can store an edit of
// it. On PostgreSQL a trigger on collab_updates skips rows of a fenced
// document, under a per-document lock that the freeze takes exclusively, so
// an append that began before the fence commits before it and none after. On
// SQLite one process holds every document and its freeze is the fence; the
// row is kept all the same, so both databases say the same thing.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("collab_fences")
    .addColumn("doc_name", "text", (c) => c.primaryKey())
    .addColumn("fenced_at", "text", (c) => c.notNull())
    .execute();
  await fenceCollabUpdates(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await dropCollabFence(db);
  await db.schema.dropTable("collab_fences").execute();
}
