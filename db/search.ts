import { sql } from "kysely";
import type { DB } from "./connection";

// Full-text search, behind two functions. SQLite's FTS5 does the work here;
// a PostgreSQL deployment would implement the same two with tsvector.

export interface SearchDocument {
  kind: "agenda" | "commitment" | "agreement" | "clause";
  refId: string;
  title: string;
  body: string;
}

export interface SearchHit extends SearchDocument {
  seriesId: number;
  snippet: string;
}

/** What one update of the index replaces: a whole series, or the documents of one kind and reference. */
export interface IndexScope {
  seriesId: number;
  kinds?: SearchDocument["kind"][];
  refId?: string;
}

/** Replaces what is indexed within a scope, in one transaction. */
export async function replaceIndex(db: DB, scope: IndexScope, docs: SearchDocument[]) {
  const seriesId = scope.seriesId;
  await db.transaction().execute(async (trx) => {
    const kinds = scope.kinds?.length ? sql` AND kind IN (${sql.join(scope.kinds.map((k) => sql`${k}`))})` : sql``;
    const ref = scope.refId !== undefined ? sql` AND ref_id = ${scope.refId}` : sql``;
    await sql`DELETE FROM search_index WHERE series_id = ${seriesId}${kinds}${ref}`.execute(trx);
    for (const doc of docs) {
      await sql`INSERT INTO search_index (kind, ref_id, series_id, title, body)
        VALUES (${doc.kind}, ${doc.refId}, ${seriesId}, ${doc.title}, ${doc.body})`.execute(trx);
    }
  });
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/**
 * Words become prefix terms ("mekong drag" finds "Mekong Dragon"); Vietnamese
 * matches with or without tone marks. Chinese and Japanese have no spaces
 * between words, so a query in those scripts matches as a substring instead.
 */
export async function searchIndex(db: DB, seriesIds: number[], query: string, limit = 50): Promise<SearchHit[]> {
  const words = query
    .normalize("NFC")
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0 || seriesIds.length === 0) return [];
  const inSeries = sql.join(seriesIds.map((id) => sql`${id}`));
  type Row = { kind: SearchDocument["kind"]; refId: string; seriesId: number; title: string; body: string; snippet: string };
  if (words.some((w) => CJK.test(w))) {
    const likes = sql.join(
      words.map((w) => sql`(title LIKE ${`%${w}%`} OR body LIKE ${`%${w}%`})`),
      sql` AND `,
    );
    const result = await sql<Row>`SELECT kind, ref_id AS refId, series_id AS seriesId, title, body, substr(body, 1, 160) AS snippet
      FROM search_index WHERE series_id IN (${inSeries}) AND ${likes} LIMIT ${limit}`.execute(db);
    return result.rows;
  }
  const match = words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(" ");
  const result = await sql<Row>`SELECT kind, ref_id AS refId, series_id AS seriesId, title, body,
      snippet(search_index, 4, '[', ']', '…', 16) AS snippet
    FROM search_index WHERE search_index MATCH ${match} AND series_id IN (${inSeries})
    ORDER BY rank LIMIT ${limit}`.execute(db);
  return result.rows;
}
