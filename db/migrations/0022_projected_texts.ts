import { sql, type Kysely } from "kysely";

// The projection of a conference document keeps every working language's
// texts, not only the base language's, so that the API, search and exports
// read each language from SQL. The base text stays where it was (in
// agenda_items and draft_actions); a row here holds one other language of one
// item or action. Existing conferences keep their base texts and are listed
// in projection_backlog, which the server works through once on start,
// projecting each again from its stored document (decision 0044).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agenda_item_texts")
    .addColumn("conference_id", "integer", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("notes_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("outcome_text", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("agenda_item_texts_pk", ["conference_id", "item_id", "language"])
    .addForeignKeyConstraint("agenda_item_texts_item_fk", ["conference_id", "item_id"], "agenda_items", ["conference_id", "item_id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createTable("draft_action_texts")
    .addColumn("conference_id", "integer", (c) => c.notNull())
    .addColumn("action_id", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("draft_action_texts_pk", ["conference_id", "action_id", "language"])
    .addForeignKeyConstraint("draft_action_texts_action_fk", ["conference_id", "action_id"], "draft_actions", ["conference_id", "action_id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createTable("projection_backlog")
    .addColumn("conference_id", "integer", (c) => c.primaryKey().references("conferences.id").onDelete("cascade"))
    .execute();
  await sql`INSERT INTO projection_backlog (conference_id)
    SELECT conference_id FROM agenda_items UNION SELECT conference_id FROM draft_actions`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["projection_backlog", "draft_action_texts", "agenda_item_texts"]) await db.schema.dropTable(table).execute();
}
