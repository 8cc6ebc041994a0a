import { sql } from "kysely";
import type { DB } from "./connection";
import { dialectOf } from "./dialect";

// Full-text search, behind two functions, on either database: SQLite's FTS5,
// or PostgreSQL's text search in the `accord_search` configuration (unaccent,
// no stemming) with trigram indexes for substring matches (db/dialect.ts).

export interface SearchDocument {
  kind: "agenda" | "commitment" | "agreement" | "clause";
  refId: string;
  title: string;
  body: string;
}

export interface SearchHit extends Omit<SearchDocument, "body"> {
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

/** Bounds on one search: what a page holds, how deep paging goes, how long each text shown is. */
export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGES = 10;
export const TITLE_CHARS = 200;
const SNIPPET_CHARS = 240;
/**
 * FTS5's snippet() costs grow with the matches in a document: over a bloated
 * agenda item (68,000 characters, every other word a match) twenty snippets
 * took 5 s. Longer documents get a plain excerpt around the first word instead.
 */
const SNIPPET_FULL_BODY_CHARS = 4000;

export interface SearchPage {
  hits: SearchHit[];
  /** Another page follows (and is within SEARCH_MAX_PAGES). */
  more: boolean;
  /** Rows follow beyond the last page served: the query should be narrowed. */
  capped: boolean;
  /** The query had nothing to search for: no word of two characters or more (or one CJK character). */
  tooShort: boolean;
}

/**
 * The words of a query: control characters (a NUL ends an FTS5 string early)
 * and punctuation split words; at most eight are kept.
 */
export function searchWords(query: string): string[] {
  return query
    .normalize("NFC")
    .split(/[\s\p{P}\p{S}\p{C}]+/u)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
}

/** A query is worth running when one word has two characters, or one is Chinese or Japanese. */
export function isSearchable(words: string[]): boolean {
  return words.some((w) => CJK.test(w) || [...w].length >= 2);
}

/**
 * Words become prefix terms ("mekong drag" finds "Mekong Dragon"); Vietnamese
 * matches with or without tone marks. A one-letter word matches only itself,
 * never as a prefix: "a*" would expand to every term that starts with an "a",
 * which over a bloated agenda costs seconds. Chinese and Japanese have no
 * spaces between words, so a query in those scripts matches as a substring.
 *
 * The work is bounded in SQL: one page of rows (plus one, to know whether
 * another follows), paging no deeper than SEARCH_MAX_PAGES, and titles and
 * snippets cut to a few hundred characters; whole bodies are never read out.
 */
export async function searchIndex(db: DB, seriesIds: number[], query: string, page = 1): Promise<SearchPage> {
  const words = searchWords(query);
  if (!isSearchable(words)) return { hits: [], more: false, capped: false, tooShort: query.trim().length > 0 };
  if (seriesIds.length === 0) return { hits: [], more: false, capped: false, tooShort: false };
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), SEARCH_MAX_PAGES);
  const limit = SEARCH_PAGE_SIZE + 1;
  const offset = (current - 1) * SEARCH_PAGE_SIZE;
  const inSeries = sql.join(seriesIds.map((id) => sql`${id}`));
  type Row = { kind: SearchDocument["kind"]; refId: string; seriesId: number; title: string; snippet: string };
  let rows: Row[];
  const postgres = dialectOf(db) === "postgres";
  if (words.some((w) => CJK.test(w))) {
    const likes = sql.join(
      // Words never hold % or _ (punctuation splits words), so they need no escaping here.
      words.map((w) => sql`(title LIKE ${`%${w}%`} OR body LIKE ${`%${w}%`})`),
      sql` AND `,
    );
    // The snippet starts a little before the first word found, so that it shows why the row matched.
    const result = postgres
      ? await sql<Row>`SELECT kind, ref_id AS "refId", series_id AS "seriesId", substr(title, 1, ${TITLE_CHARS}) AS title,
          substr(body, greatest(1, strpos(body, ${words[0]}) - 60), ${SNIPPET_CHARS}) AS snippet
        FROM search_index WHERE series_id IN (${inSeries}) AND ${likes} ORDER BY id LIMIT ${limit} OFFSET ${offset}`.execute(db)
      : await sql<Row>`SELECT kind, ref_id AS refId, series_id AS seriesId, substr(title, 1, ${TITLE_CHARS}) AS title,
        substr(body, max(1, instr(body, ${words[0]}) - 60), ${SNIPPET_CHARS}) AS snippet
      FROM search_index WHERE series_id IN (${inSeries}) AND ${likes} LIMIT ${limit} OFFSET ${offset}`.execute(db);
    rows = result.rows;
  } else if (postgres) {
    // Each word a quoted lexeme, as a prefix when it has two characters or more (as on SQLite).
    const query = words
      .map((w) => `'${w.replaceAll("\\", "\\\\").replaceAll("'", "''")}'${[...w].length >= 2 ? ":*" : ""}`)
      .join(" & ");
    const result = await sql<Row>`SELECT kind, ref_id AS "refId", series_id AS "seriesId", substr(title, 1, ${TITLE_CHARS}) AS title,
        CASE WHEN length(body) <= ${SNIPPET_FULL_BODY_CHARS}
          THEN substr(ts_headline('accord_search', body, q, 'StartSel=[, StopSel=], MaxWords=16, MinWords=8, MaxFragments=1, FragmentDelimiter=…'), 1, ${SNIPPET_CHARS})
          ELSE substr(body, greatest(1, strpos(lower(body), lower(${words[0]})) - 60), ${SNIPPET_CHARS}) END AS snippet
      FROM search_index, to_tsquery('accord_search', ${query}) AS q
      WHERE document @@ q AND series_id IN (${inSeries})
      ORDER BY ts_rank(document, q) DESC, id LIMIT ${limit} OFFSET ${offset}`.execute(db);
    rows = result.rows;
  } else {
    const match = words.map((w) => ([...w].length >= 2 ? `"${w.replaceAll('"', '""')}"*` : `"${w.replaceAll('"', '""')}"`)).join(" ");
    const result = await sql<Row>`SELECT kind, ref_id AS refId, series_id AS seriesId, substr(title, 1, ${TITLE_CHARS}) AS title,
        CASE WHEN length(body) <= ${SNIPPET_FULL_BODY_CHARS}
          THEN substr(snippet(search_index, 4, '[', ']', '…', 16), 1, ${SNIPPET_CHARS})
          ELSE substr(body, max(1, instr(lower(body), lower(${words[0]})) - 60), ${SNIPPET_CHARS}) END AS snippet
      FROM search_index WHERE search_index MATCH ${match} AND series_id IN (${inSeries})
      ORDER BY rank LIMIT ${limit} OFFSET ${offset}`.execute(db);
    rows = result.rows;
  }
  const beyond = rows.length > SEARCH_PAGE_SIZE;
  return { hits: rows.slice(0, SEARCH_PAGE_SIZE), more: beyond && current < SEARCH_MAX_PAGES, capped: beyond && current >= SEARCH_MAX_PAGES, tooShort: false };
}
