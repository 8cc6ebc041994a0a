import type { Kysely } from "kysely";

// What a figure reported in a series is called in each working language
// (app/models/figure-names.server.ts). A figure is known by the label and unit
// its reports were typed with (compared trimmed and in lower case, as the
// leader's charts group them); a row names it in one language.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("figure_names")
    .addColumn("series_id", "integer", (c) => c.notNull().references("series.id").onDelete("cascade"))
    .addColumn("label_key", "text", (c) => c.notNull())
    .addColumn("unit_key", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addPrimaryKeyConstraint("figure_names_pk", ["series_id", "label_key", "unit_key", "language"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("figure_names").execute();
}
