import type { Kysely } from "kysely";

// Parallel texts (issue 12). A series names which of its working languages are
// authentic for the record (an empty list: all of them). Everything that holds
// a text learns the language that text is in (`base_language`), filled here
// from its series' first working language, so existing content becomes the
// text of that language and nothing is rewritten. Texts in the other
// languages of command-owned things live in `text_translations`; co-edited
// texts live in the conference document, one text per language.

const THINGS_WITH_TEXT = ["conferences", "commitments", "agreements", "follow_ups"] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("series")
    .addColumn("authentic_languages", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  for (const table of THINGS_WITH_TEXT) {
    await db.schema
      .alterTable(table)
      .addColumn("base_language", "text", (c) => c.notNull().defaultTo("en"))
      .execute();
  }
  // Read in JavaScript rather than with a JSON function, which differs between
  // SQLite and PostgreSQL.
  const series = await db.selectFrom("series").select(["id", "languages"]).execute();
  for (const row of series as Array<{ id: number; languages: string }>) {
    const first = firstLanguage(row.languages);
    if (first === "en") continue;
    await db.updateTable("conferences").set({ base_language: first }).where("series_id", "=", row.id).execute();
    await db.updateTable("commitments").set({ base_language: first }).where("series_id", "=", row.id).execute();
    await db.updateTable("agreements").set({ base_language: first }).where("series_id", "=", row.id).execute();
    await db
      .updateTable("follow_ups")
      .set({ base_language: first })
      .where("commitment_id", "in", db.selectFrom("commitments").select("id").where("series_id", "=", row.id))
      .execute();
  }
  await db.schema
    .createTable("text_translations")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("subject_id", "integer", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("aligned_language", "text")
    .addColumn("aligned_text", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addPrimaryKeyConstraint("text_translations_pk", ["subject", "subject_id", "field", "language"])
    .execute();
}

function firstLanguage(stored: string): string {
  try {
    const list: unknown = JSON.parse(stored);
    return Array.isArray(list) && typeof list[0] === "string" ? list[0] : "en";
  } catch {
    return "en";
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("text_translations").execute();
  for (const table of THINGS_WITH_TEXT) await db.schema.alterTable(table).dropColumn("base_language").execute();
  await db.schema.alterTable("series").dropColumn("authentic_languages").execute();
}
