import type { Kysely } from "kysely";

// The working languages of a series, in order, as a JSON array of language
// codes (["vi", "zh"]). The first one is the language content is created in
// (a new conference's suggested title and default agenda). Parallel texts
// (issue 12) keep one text per language in this list; which of them are
// authentic will be a column of its own, so this one never changes shape.
// Existing series default to English, the language their content was
// suggested in until now; nothing else is rewritten.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("series")
    .addColumn("languages", "text", (c) => c.notNull().defaultTo('["en"]'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("series").dropColumn("languages").execute();
}
