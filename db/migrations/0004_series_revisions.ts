import { sql, type Kysely } from "kysely";

// A revision number per series, raised by the database itself whenever
// anything a series' dashboards are computed from changes. Pages that are
// costly to compute (the leader's view) are kept in memory until it moves.

/** Tables whose rows belong to a series, and how a row names its series. */
const WATCHED: { table: string; series: (row: "NEW" | "OLD") => string }[] = [
  { table: "commitments", series: (row) => `${row}.series_id` },
  { table: "conferences", series: (row) => `${row}.series_id` },
  { table: "series_parties", series: (row) => `${row}.series_id` },
  { table: "commitment_owners", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "follow_ups", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
  { table: "commitment_reviews", series: (row) => `(SELECT series_id FROM commitments WHERE id = ${row}.commitment_id)` },
];

const EVENTS = [
  { event: "INSERT", rows: ["NEW"] },
  { event: "UPDATE", rows: ["OLD", "NEW"] },
  { event: "DELETE", rows: ["OLD"] },
] as const;

const triggerName = (table: string, event: string) => `${table}_${event.toLowerCase()}_series_revision`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("series_revisions")
    .addColumn("series_id", "integer", (c) => c.primaryKey().references("series.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`INSERT INTO series_revisions (series_id, revision) SELECT id, 1 FROM series`.execute(db);
  await sql`CREATE TRIGGER series_insert_series_revision AFTER INSERT ON series BEGIN
    INSERT INTO series_revisions (series_id, revision) VALUES (NEW.id, 1);
  END`.execute(db);
  for (const { table, series } of WATCHED) {
    for (const { event, rows } of EVENTS) {
      const bumps = rows.map((row) => `UPDATE series_revisions SET revision = revision + 1 WHERE series_id = ${series(row)};`).join("\n    ");
      await sql
        .raw(`CREATE TRIGGER ${triggerName(table, event)} AFTER ${event} ON ${table} BEGIN
    ${bumps}
  END`)
        .execute(db);
    }
  }
  // Agency names appear on every dashboard; renaming one is rare.
  await sql`CREATE TRIGGER agencies_update_series_revision AFTER UPDATE ON agencies BEGIN
    UPDATE series_revisions SET revision = revision + 1;
  END`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS agencies_update_series_revision`.execute(db);
  for (const { table } of WATCHED) {
    for (const { event } of EVENTS) await sql.raw(`DROP TRIGGER IF EXISTS ${triggerName(table, event)}`).execute(db);
  }
  await sql`DROP TRIGGER IF EXISTS series_insert_series_revision`.execute(db);
  await db.schema.dropTable("series_revisions").execute();
}
