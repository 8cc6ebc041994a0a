import type { Kysely } from "kysely";

// Notifications, the rest of issue 14 (decisions 0030 and 0035).
// - Each series says how many days before a conference its review list is
//   announced (14 until its secretariat chooses otherwise).
// - An invitation remembers the language it is written in (the invitee's), so
//   its mail and the account it becomes speak that language.
// - Invitation mail has its own outbox, since its recipient is not yet a user:
//   one row per "send this invitation" (the invitation itself, each re-send),
//   with the same delivery states as notification mail. The row holds no
//   secret: the sender mints the link's token when it sends and stores only
//   its hash in invitation_tokens, beside the one the administrator was shown.
// - Each notification mail carries a link that stops that kind of mail in one
//   click, without signing in: minted when the mail is sent, only its hash kept
//   (mail_stop_tokens), forgotten after a while.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("series")
    .addColumn("review_notice_days", "integer", (c) => c.notNull().defaultTo(14))
    .execute();
  await db.schema.alterTable("invitations").addColumn("locale", "text").execute();

  await db.schema
    .createTable("invitation_mails")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("invitation_id", "integer", (c) => c.notNull().references("invitations.id").onDelete("cascade"))
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("mail_status", "text", (c) => c.notNull())
    .addColumn("mail_next_at", "text", (c) => c.notNull())
    .addColumn("mail_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mail_attempt_id", "text")
    .addColumn("mail_claimed_at", "text")
    .addColumn("mail_sent_at", "text")
    .addColumn("mail_error", "text")
    .execute();
  await db.schema.createIndex("invitation_mails_due").on("invitation_mails").columns(["mail_status", "mail_next_at"]).execute();
  await db.schema.createIndex("invitation_mails_by_invitation").on("invitation_mails").columns(["invitation_id"]).execute();

  await db.schema
    .createTable("invitation_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("invitation_id", "integer", (c) => c.notNull().references("invitations.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("invitation_tokens_by_invitation").on("invitation_tokens").columns(["invitation_id"]).execute();

  await db.schema
    .createTable("mail_stop_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mail_stop_tokens_by_age").on("mail_stop_tokens").columns(["created_at"]).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mail_stop_tokens").execute();
  await db.schema.dropTable("invitation_tokens").execute();
  await db.schema.dropTable("invitation_mails").execute();
  await db.schema.alterTable("invitations").dropColumn("locale").execute();
  await db.schema.alterTable("series").dropColumn("review_notice_days").execute();
}
