import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("conferences")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("series_id", "integer", (c) => c.notNull().references("series.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("host_agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addUniqueConstraint("conferences_series_number", ["series_id", "number"])
    .execute();

  await db.schema
    .createTable("collab_updates")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("doc_name", "text", (c) => c.notNull())
    .addColumn("data", "blob", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("collab_updates_doc").on("collab_updates").columns(["doc_name", "id"]).execute();

  await db.schema
    .createTable("collab_snapshots")
    .addColumn("doc_name", "text", (c) => c.primaryKey())
    .addColumn("data", "blob", (c) => c.notNull())
    .addColumn("last_update_id", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("agenda_items")
    .addColumn("conference_id", "integer", (c) => c.notNull().references("conferences.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("lead_party", "text")
    .addColumn("start_time", "text")
    .addColumn("duration_minutes", "integer")
    .addColumn("notes_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("outcome_text", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("agenda_items_pk", ["conference_id", "item_id"])
    .execute();

  await db.schema
    .createTable("draft_actions")
    .addColumn("conference_id", "integer", (c) => c.notNull().references("conferences.id").onDelete("cascade"))
    .addColumn("action_id", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("owners", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("due", "text")
    .addPrimaryKeyConstraint("draft_actions_pk", ["conference_id", "action_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["draft_actions", "agenda_items", "collab_snapshots", "collab_updates", "conferences"]) {
    await db.schema.dropTable(table).execute();
  }
}
