import type { DB } from "../../db/connection";
import { replaceSeriesIndex, searchIndex, type SearchDocument } from "../../db/search";
import type { SessionUser } from "./session.server";

/** Gathers what members of a series can find: agenda items, commitments, agreements and their clauses. */
export async function reindexSeries(db: DB, seriesId: number) {
  const [agenda, commitments, agreements, clauses] = await Promise.all([
    db
      .selectFrom("agenda_items")
      .innerJoin("conferences", "conferences.id", "agenda_items.conference_id")
      .select(["agenda_items.item_id", "agenda_items.title", "agenda_items.notes_text", "agenda_items.outcome_text", "conferences.number"])
      .where("conferences.series_id", "=", seriesId)
      .execute(),
    db.selectFrom("commitments").select(["id", "text"]).where("series_id", "=", seriesId).execute(),
    db.selectFrom("agreements").select(["id", "title", "signed_at"]).where("series_id", "=", seriesId).execute(),
    db
      .selectFrom("clauses")
      .innerJoin("agreements", "agreements.id", "clauses.agreement_id")
      .select(["clauses.id", "clauses.label", "clauses.text", "agreements.id as agreementId", "agreements.title"])
      .where("agreements.series_id", "=", seriesId)
      .execute(),
  ]);
  const docs: SearchDocument[] = [
    ...agenda.map((a) => ({
      kind: "agenda" as const,
      refId: `${a.number}`,
      title: a.title,
      body: [a.title, a.notes_text, a.outcome_text].filter(Boolean).join("\n"),
    })),
    ...commitments.map((c) => ({ kind: "commitment" as const, refId: String(c.id), title: c.text, body: c.text })),
    ...agreements.map((a) => ({ kind: "agreement" as const, refId: String(a.id), title: a.title, body: `${a.title}\n${a.signed_at}` })),
    ...clauses.map((c) => ({ kind: "clause" as const, refId: String(c.agreementId), title: `${c.title} — ${c.label}`, body: c.text })),
  ];
  await replaceSeriesIndex(db, seriesId, docs);
}

/** Searches the series the user belongs to (every series for an admin). */
export async function searchForUser(db: DB, user: SessionUser, query: string) {
  const series = user.isAdmin
    ? await db.selectFrom("series").select(["id", "slug", "name"]).execute()
    : await db
        .selectFrom("series")
        .innerJoin("memberships", "memberships.series_id", "series.id")
        .select(["series.id", "series.slug", "series.name"])
        .where("memberships.user_id", "=", user.id)
        .execute();
  const hits = await searchIndex(db, series.map((s) => s.id), query);
  const byId = new Map(series.map((s) => [s.id, s]));
  return hits.map((hit) => {
    const s = byId.get(hit.seriesId);
    const href =
      hit.kind === "commitment"
        ? `/commitments/${hit.refId}`
        : hit.kind === "agenda"
          ? `/series/${s?.slug}/conferences/${hit.refId}`
          : `/series/${s?.slug}/agreements/${hit.refId}`;
    return { kind: hit.kind, title: hit.title, snippet: hit.snippet, seriesName: s?.name ?? "", href };
  });
}
