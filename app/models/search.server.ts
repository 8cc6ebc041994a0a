import { sql } from "kysely";
import { seriesTextFor } from "./series-names.server";
import type { DB } from "../../db/connection";
import { replaceIndex, searchIndex, TITLE_CHARS, type SearchDocument } from "../../db/search";

export { SEARCH_MAX_PAGES, SEARCH_PAGE_SIZE } from "../../db/search";
import type { SessionUser } from "./session.server";
import { parseWorkingLanguages } from "../i18n/working-languages";
import { textsInEveryLanguage } from "./parallel-texts.server";
import { pickText, type ShownLanguage } from "./parallel-text-rules";

type Docs = SearchDocument[];

async function agendaDocs(db: DB, seriesId: number, conferenceId?: number): Promise<Docs> {
  // One row per item and other language (the item's texts in its conference's other languages, so that
  // search finds it by any of them), one row for an item in one language only.
  let query = db
    .selectFrom("agenda_items")
    .innerJoin("conferences", "conferences.id", "agenda_items.conference_id")
    .leftJoin("agenda_item_texts as other", (join) =>
      join.onRef("other.conference_id", "=", "agenda_items.conference_id").onRef("other.item_id", "=", "agenda_items.item_id"),
    )
    .select([
      "agenda_items.conference_id as conferenceId",
      "agenda_items.item_id as itemId",
      "agenda_items.title",
      "agenda_items.notes_text",
      "agenda_items.outcome_text",
      "conferences.number",
      "other.title as otherTitle",
      "other.notes_text as otherNotes",
      "other.outcome_text as otherOutcome",
    ])
    .where("conferences.series_id", "=", seriesId);
  if (conferenceId !== undefined) query = query.where("conferences.id", "=", conferenceId);
  const docs = new Map<string, { refId: string; title: string; texts: (string | null)[] }>();
  for (const row of await query.execute()) {
    const key = `${row.conferenceId}/${row.itemId}`;
    let doc = docs.get(key);
    if (!doc) {
      doc = { refId: `${row.number}`, title: row.title, texts: [row.title, row.notes_text, row.outcome_text] };
      docs.set(key, doc);
    }
    doc.texts.push(row.otherTitle, row.otherNotes, row.otherOutcome);
  }
  return [...docs.values()].map((d) => ({ kind: "agenda" as const, refId: d.refId, title: d.title, body: d.texts.filter(Boolean).join("\n") }));
}

/** The texts of things of one kind in their other languages, by id, so that search finds them in any of them. */
async function otherLanguages(db: DB, subject: "commitment" | "agreement" | "clause", ids: number[]): Promise<Map<number, string[]>> {
  const found = new Map<number, string[]>();
  // In slices: a whole series is reindexed at once after a bulk load, and databases bound the parameters of one query.
  for (let start = 0; start < ids.length; start += 500) {
    const slice = ids.slice(start, start + 500);
    const rows = await db.selectFrom("text_translations").select(["subject_id as id", "text"]).where("subject", "=", subject).where("subject_id", "in", slice).execute();
    for (const row of rows) found.set(row.id, [...(found.get(row.id) ?? []), row.text]);
  }
  return found;
}

async function commitmentDocs(db: DB, seriesId: number, commitmentId?: number): Promise<Docs> {
  let query = db.selectFrom("commitments").select(["id", "text"]).where("series_id", "=", seriesId);
  if (commitmentId !== undefined) query = query.where("id", "=", commitmentId);
  const rows = await query.execute();
  const others = await otherLanguages(db, "commitment", commitmentId !== undefined ? [commitmentId] : rows.map((r) => r.id));
  return rows.map((c) => ({ kind: "commitment" as const, refId: String(c.id), title: c.text, body: [c.text, ...(others.get(c.id) ?? [])].join("\n") }));
}

async function agreementDocs(db: DB, seriesId: number, agreementId?: number): Promise<Docs> {
  let agreements = db.selectFrom("agreements").select(["id", "title", "signed_at"]).where("series_id", "=", seriesId);
  let clauses = db
    .selectFrom("clauses")
    .innerJoin("agreements", "agreements.id", "clauses.agreement_id")
    .select(["clauses.id", "clauses.label", "clauses.text", "agreements.id as agreementId", "agreements.title"])
    .where("agreements.series_id", "=", seriesId);
  if (agreementId !== undefined) {
    agreements = agreements.where("id", "=", agreementId);
    clauses = clauses.where("agreements.id", "=", agreementId);
  }
  const [a, c] = await Promise.all([agreements.execute(), clauses.execute()]);
  const [titles, texts] = await Promise.all([otherLanguages(db, "agreement", a.map((row) => row.id)), otherLanguages(db, "clause", c.map((row) => row.id))]);
  return [
    ...a.map((row) => ({ kind: "agreement" as const, refId: String(row.id), title: row.title, body: [row.title, ...(titles.get(row.id) ?? []), row.signed_at].join("\n") })),
    ...c.map((row) => ({ kind: "clause" as const, refId: String(row.agreementId), title: `${row.title} — ${row.label}`, body: [row.text, ...(texts.get(row.id) ?? [])].join("\n") })),
  ];
}

/** Rebuilds the whole index of a series (after loading data in bulk). */
export async function reindexSeries(db: DB, seriesId: number) {
  const docs = [...(await agendaDocs(db, seriesId)), ...(await commitmentDocs(db, seriesId)), ...(await agreementDocs(db, seriesId))];
  await replaceIndex(db, { seriesId }, docs);
}

// Each change reindexes only what it touched: a series may hold thousands of
// commitments, and the agenda is re-projected while people type.

export async function reindexConferenceAgenda(db: DB, seriesId: number, conferenceId: number) {
  const conference = await db.selectFrom("conferences").select("number").where("id", "=", conferenceId).executeTakeFirst();
  if (!conference) return;
  await replaceIndex(db, { seriesId, kinds: ["agenda"], refId: String(conference.number) }, await agendaDocs(db, seriesId, conferenceId));
}

export async function reindexCommitment(db: DB, seriesId: number, commitmentId: number) {
  await replaceIndex(db, { seriesId, kinds: ["commitment"], refId: String(commitmentId) }, await commitmentDocs(db, seriesId, commitmentId));
}

export async function reindexAgreement(db: DB, seriesId: number, agreementId: number) {
  await replaceIndex(db, { seriesId, kinds: ["agreement", "clause"], refId: String(agreementId) }, await agreementDocs(db, seriesId, agreementId));
}

/**
 * The titles of a page of hits in the reader's language where there is one
 * (the index holds base texts; it finds a thing by any of its languages):
 * commitments by their text, agreements and their clauses by the agreement's
 * title, agenda items by their title (found by the conference and the title
 * indexed, which names no item).
 */
async function titlesForReader(db: DB, hits: { kind: string; refId: string; seriesId: number; title: string }[], reader: string, workingOf: (seriesId: number) => string[]) {
  const ids = (kinds: string[]) => [...new Set(hits.filter((h) => kinds.includes(h.kind)).map((h) => Number(h.refId)))].filter(Number.isSafeInteger);
  const commitmentIds = ids(["commitment"]);
  const agreementIds = ids(["agreement", "clause"]);
  const agendaHits = hits.filter((h) => h.kind === "agenda" && /^\d+$/.test(h.refId));
  const [commitments, agreements, agendaRows] = await Promise.all([
    commitmentIds.length > 0
      ? db.selectFrom("commitments").select(["id", "series_id as seriesId", "base_language as baseLanguage", "text"]).where("id", "in", commitmentIds).execute()
      : [],
    agreementIds.length > 0
      ? db.selectFrom("agreements").select(["id", "series_id as seriesId", "base_language as baseLanguage", "title as text"]).where("id", "in", agreementIds).execute()
      : [],
    agendaHits.length > 0
      ? db
          .selectFrom("agenda_items")
          .innerJoin("conferences", "conferences.id", "agenda_items.conference_id")
          .leftJoin("agenda_item_texts as other", (join) =>
            join.onRef("other.conference_id", "=", "agenda_items.conference_id").onRef("other.item_id", "=", "agenda_items.item_id"),
          )
          .select(["conferences.series_id as seriesId", "conferences.number", "conferences.base_language as baseLanguage", "agenda_items.title", "other.language", "other.title as otherTitle"])
          .where((eb) =>
            eb.or(
              agendaHits.map((h) =>
                eb.and([
                  eb("conferences.series_id", "=", h.seriesId),
                  eb("conferences.number", "=", Number(h.refId)),
                  eb(sql<string>`substr(agenda_items.title, 1, ${TITLE_CHARS})`, "=", h.title),
                ]),
              ),
            ),
          )
          .execute()
      : [],
  ]);
  const [commitmentTexts, agreementTexts] = await Promise.all([
    textsInEveryLanguage(db, "commitment", commitments, "text"),
    textsInEveryLanguage(db, "agreement", agreements, "title"),
  ]);
  const shown = (rows: typeof commitments, texts: Map<number, Record<string, string>>) =>
    new Map(rows.map((r) => [r.id, { base: r.text, ...pickText(texts.get(r.id) ?? { [r.baseLanguage]: r.text }, reader, workingOf(r.seriesId), r.baseLanguage) }]));
  const agendaTexts = new Map<string, { seriesId: number; baseLanguage: string; base: string; texts: Record<string, string> }>();
  for (const row of agendaRows) {
    const key = agendaKey(row.seriesId, String(row.number), row.title.slice(0, TITLE_CHARS));
    const item = agendaTexts.get(key) ?? { seriesId: row.seriesId, baseLanguage: row.baseLanguage, base: row.title, texts: { [row.baseLanguage]: row.title } };
    if (row.language && row.otherTitle && row.language !== row.baseLanguage) item.texts[row.language] = row.otherTitle;
    agendaTexts.set(key, item);
  }
  const agenda = new Map(
    [...agendaTexts].map(([key, item]) => [key, { base: item.base, ...pickText(item.texts, reader, workingOf(item.seriesId), item.baseLanguage) }]),
  );
  return { commitments: shown(commitments, commitmentTexts), agreements: shown(agreements, agreementTexts), agenda };
}

function agendaKey(seriesId: number, refId: string, title: string) {
  return `${seriesId}\u0000${refId}\u0000${title}`;
}

/** Searches the series the user belongs to (every series for an admin), one bounded page at a time; titles in `reader`'s language. */
export async function searchForUser(db: DB, user: SessionUser, query: string, page = 1, reader = "en") {
  const series = user.isAdmin
    ? await db.selectFrom("series").select(["id", "slug", "languages", seriesTextFor("series", "name", reader).as("name")]).execute()
    : await db
        .selectFrom("series")
        .innerJoin("memberships", "memberships.series_id", "series.id")
        .select(["series.id", "series.slug", "series.languages", seriesTextFor("series", "name", reader).as("name")])
        .where("memberships.user_id", "=", user.id)
        .execute();
  const { hits, more, capped, tooShort } = await searchIndex(db, series.map((s) => s.id), query, page);
  const byId = new Map(series.map((s) => [s.id, s]));
  const read = await titlesForReader(db, hits, reader, (seriesId) => parseWorkingLanguages(byId.get(seriesId)?.languages));
  const results = hits.map((hit) => {
    const s = byId.get(hit.seriesId);
    const href =
      hit.kind === "commitment"
        ? `/commitments/${hit.refId}`
        : hit.kind === "agenda"
          ? `/series/${s?.slug}/conferences/${hit.refId}`
          : `/series/${s?.slug}/agreements/${hit.refId}`;
    let title = hit.title;
    let shown: ShownLanguage | null = null;
    const own =
      hit.kind === "commitment"
        ? read.commitments.get(Number(hit.refId))
        : hit.kind === "agenda"
          ? read.agenda.get(agendaKey(hit.seriesId, hit.refId, hit.title))
          : read.agreements.get(Number(hit.refId));
    if (own) {
      // A clause is titled "<agreement> — <label>": its agreement's title is the reader's, its label stays.
      title = (hit.kind === "clause" ? (hit.title.startsWith(own.base) ? own.text + hit.title.slice(own.base.length) : hit.title) : own.text).slice(0, TITLE_CHARS);
      shown = { language: own.language, wanted: own.wanted };
    }
    return { kind: hit.kind, title, shown, snippet: hit.snippet, seriesName: s?.name ?? "", href };
  });
  return { results, more, capped, tooShort };
}
