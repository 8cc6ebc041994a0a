import type { Kysely } from "kysely";

// Comments on an agenda item, a draft action or a commitment, by anyone who
// may read it; never part of the adopted record. 0010 is taken by the
// notifications outbox on another branch.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("comments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("series_id", "integer", (c) => c.notNull().references("series.id"))
    .addColumn("conference_id", "integer", (c) => c.references("conferences.id"))
    .addColumn("commitment_id", "integer", (c) => c.references("commitments.id"))
    // "item:<agenda item id>", "action:<draft action id>" or "commitment".
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("parent_id", "integer", (c) => c.references("comments.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("comments_conference").on("comments").columns(["conference_id", "target"]).execute();
  await db.schema.createIndex("comments_commitment").on("comments").columns(["commitment_id"]).execute();
  await db.schema
    .createTable("comment_mentions")
    .addColumn("comment_id", "integer", (c) => c.notNull().references("comments.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("comment_mentions_pk", ["comment_id", "user_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("comment_mentions").execute();
  await db.schema.dropTable("comments").execute();
}
