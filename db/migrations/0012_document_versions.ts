import type { Kysely } from "kysely";

// Versions of a conference document: taken on demand ("sent to GACC for
// comments"), when the session opens and at adoption. Each holds the whole
// document as it was, so any two can be compared later.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("document_versions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("conference_id", "integer", (c) => c.notNull().references("conferences.id"))
    .addColumn("name", "text", (c) => c.notNull())
    // "manual", "opened" or "adopted".
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("taken_by", "text", (c) => c.references("users.id"))
    .addColumn("taken_at", "text", (c) => c.notNull())
    .addColumn("snapshot", "blob", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("document_versions_conference").on("document_versions").columns(["conference_id", "id"]).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("document_versions").execute();
}
