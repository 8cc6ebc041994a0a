import type { Kysely } from "kysely";

// Notifications (issue 14, decision 0024): a durable outbox, one row per event
// and recipient (unique on both, so a scan that runs twice, or on two
// processes, adds nothing twice); each person's choice per kind of
// notification; a time zone per person with a default per agency, for quiet
// hours; the scanner's cursor over commitment events; a lease, so that one
// process at a time sends mail; and each person's secret calendar feed (only a
// hash of its token is kept; rotating it replaces the row).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("time_zone", "text").execute();
  await db.schema.alterTable("agencies").addColumn("time_zone", "text").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("event_key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("series_id", "integer", (c) => c.references("series.id").onDelete("cascade"))
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    // pending → sending → sent; or none (not mailed), digest, failed, stale.
    .addColumn("mail_status", "text", (c) => c.notNull())
    .addColumn("mail_next_at", "text", (c) => c.notNull())
    .addColumn("mail_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mail_attempt_id", "text")
    .addColumn("mail_claimed_at", "text")
    .addColumn("mail_sent_at", "text")
    .addColumn("mail_error", "text")
    .addUniqueConstraint("notifications_event_recipient", ["event_key", "user_id"])
    .execute();
  await db.schema.createIndex("notifications_by_user").on("notifications").columns(["user_id", "id"]).execute();
  await db.schema.createIndex("notifications_unread").on("notifications").columns(["user_id", "read_at"]).execute();
  await db.schema.createIndex("notifications_mail_due").on("notifications").columns(["mail_status", "mail_next_at"]).execute();

  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preferences_pk", ["user_id", "kind"])
    .execute();

  await db.schema
    .createTable("notification_state")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("worker_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("calendar_feeds")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("calendar_feeds").execute();
  await db.schema.dropTable("worker_leases").execute();
  await db.schema.dropTable("notification_state").execute();
  await db.schema.dropTable("notification_preferences").execute();
  await db.schema.dropTable("notifications").execute();
  await db.schema.alterTable("agencies").dropColumn("time_zone").execute();
  await db.schema.alterTable("users").dropColumn("time_zone").execute();
}
