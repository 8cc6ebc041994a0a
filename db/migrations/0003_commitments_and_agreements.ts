import type { Kysely } from "kysely";
import { createSearchIndex, dropSearchIndex, refuseChanges } from "../dialect";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agreements")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("series_id", "integer", (c) => c.notNull().references("series.id").onDelete("cascade"))
    .addColumn("conference_id", "integer", (c) => c.references("conferences.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("signed_on", "text")
    .addColumn("signed_at", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("valid_from", "text")
    .addColumn("valid_until", "text")
    .addColumn("document_file", "text")
    .addColumn("document_name", "text")
    .addColumn("document_size", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("agreement_parties")
    .addColumn("agreement_id", "integer", (c) => c.notNull().references("agreements.id").onDelete("cascade"))
    .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addPrimaryKeyConstraint("agreement_parties_pk", ["agreement_id", "agency_id"])
    .execute();
  await db.schema
    .createTable("signatories")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("agreement_id", "integer", (c) => c.notNull().references("agreements.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("clauses")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("agreement_id", "integer", (c) => c.notNull().references("agreements.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("text", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("commitments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("series_id", "integer", (c) => c.notNull().references("series.id").onDelete("cascade"))
    .addColumn("conference_id", "integer", (c) => c.notNull().references("conferences.id"))
    .addColumn("source_action_id", "text")
    .addColumn("clause_id", "integer", (c) => c.references("clauses.id").onDelete("set null"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("due_on", "text")
    .addColumn("due_next", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("commitments_series").on("commitments").columns(["series_id", "status"]).execute();
  await db.schema.createIndex("commitments_clause").on("commitments").column("clause_id").execute();

  await db.schema
    .createTable("commitment_owners")
    .addColumn("commitment_id", "integer", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addColumn("share_done_at", "text")
    .addColumn("share_done_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("commitment_owners_pk", ["commitment_id", "agency_id"])
    .execute();
  await db.schema.createIndex("commitment_owners_agency").on("commitment_owners").column("agency_id").execute();

  await db.schema
    .createTable("commitment_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("commitment_id", "integer", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_value", "text")
    .addColumn("to_value", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("commitment_events_commitment").on("commitment_events").columns(["commitment_id", "id"]).execute();

  await db.schema
    .createTable("follow_ups")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("commitment_id", "integer", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("figure_label", "text")
    .addColumn("figure_value", "real")
    .addColumn("figure_unit", "text")
    .execute();
  await db.schema.createIndex("follow_ups_commitment").on("follow_ups").columns(["commitment_id", "at"]).execute();

  await db.schema
    .createTable("commitment_reviews")
    .addColumn("commitment_id", "integer", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("conference_id", "integer", (c) => c.notNull().references("conferences.id").onDelete("cascade"))
    .addColumn("outcome", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reviewed_at", "text")
    .addColumn("reviewed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("commitment_reviews_pk", ["commitment_id", "conference_id"])
    .execute();

  await db.schema
    .createTable("adopted_records")
    .addColumn("conference_id", "integer", (c) => c.primaryKey().references("conferences.id"))
    .addColumn("adopted_at", "text", (c) => c.notNull())
    .addColumn("adopted_by", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("snapshot", "blob", (c) => c.notNull())
    .addColumn("content_json", "text", (c) => c.notNull())
    .execute();
  // An adopted record is immutable: the database itself refuses to change or delete it.
  await refuseChanges(db, "adopted_records_no_update", "UPDATE", "adopted_records", "adopted records are immutable");
  await refuseChanges(db, "adopted_records_no_delete", "DELETE", "adopted_records", "adopted records are immutable");
  // History is append-only in the same way.
  await refuseChanges(db, "commitment_events_no_update", "UPDATE", "commitment_events", "commitment history is append-only");

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  // Full-text search over what members of a series may see (FTS5 or tsvector; see db/search.ts).
  await createSearchIndex(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await dropSearchIndex(db);
  for (const table of [
    "api_tokens",
    "adopted_records",
    "commitment_reviews",
    "follow_ups",
    "commitment_events",
    "commitment_owners",
    "commitments",
    "clauses",
    "signatories",
    "agreement_parties",
    "agreements",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
