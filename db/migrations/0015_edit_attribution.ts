import type { Kysely } from "kysely";

// Who wrote what in a co-edited document (decision 0028). Yjs items keep the
// client id that made them across compaction, so binding each client id of a
// document to the person who first delivered its edits attributes every
// insertion for the life of the document. Deletions carry no client id: the
// ranges each accepted update deleted are kept with who sent it, beside the
// log, and compaction does not touch them. What a person last marked as seen
// of a conference is its whole state then, so deleted text can still be shown.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("collab_clients")
    .addColumn("doc_name", "text", (c) => c.notNull())
    // Yjs client ids are unsigned 32-bit: wider than a PostgreSQL integer.
    .addColumn("client_id", "bigint", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    // 1 when the edits came from a connection that does not speak for that client (a re-upload of someone else's edits).
    .addColumn("relayed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("first_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("collab_clients_pk", ["doc_name", "client_id"])
    .execute();
  await db.schema
    .createTable("collab_deletions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("doc_name", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    // The deleted ranges, encoded by app/collab/delete-ranges.ts.
    .addColumn("ranges", "blob", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("collab_deletions_doc").on("collab_deletions").columns(["doc_name", "id"]).execute();
  await db.schema
    .createTable("conference_seen")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("conference_id", "integer", (c) => c.notNull().references("conferences.id"))
    .addColumn("state", "blob", (c) => c.notNull())
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("conference_seen_pk", ["user_id", "conference_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("conference_seen").execute();
  await db.schema.dropTable("collab_deletions").execute();
  await db.schema.dropTable("collab_clients").execute();
}
