import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, CommitmentList } from "../http/api-schemas.server";
import { apiJson, apiReadOnly, requireApiSeries } from "../http/api.server";
import { getFollowUps, getHistory, listCommitments } from "../models/commitments.server";
import { inEveryLanguage } from "../http/api-texts.server";

/** Every commitment of a series with owners, lineage, attributed history and follow-ups. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireApiSeries(context, request, params.slug);
  const commitments = await listCommitments(context.db, context.clock, { seriesId: series.id });
  const ids = commitments.map((c) => c.id);
  const [history, followUps] = await Promise.all([getHistory(context.db, ids), getFollowUps(context.db, ids)]);
  return apiJson(
    commitments.map((c) => ({
      id: c.id,
      ...inEveryLanguage("text", { locale: context.locale, working: c.languages }, { language: c.baseLanguage, text: c.text }, c.texts),
      owners: c.owners.map((o) => o.code),
      due: c.dueNext ? "next" : c.dueOn,
      status: c.status,
      overdue: c.overdue,
      agreedAt: c.agreedAt,
      reviews: c.reviews.map(({ conferenceId, number, held, outcome }) => ({ conferenceId, number, held, outcome })),
      carriedOver: c.carriedOver,
      statusReason: c.statusReason,
      statusReasonLanguage: c.statusReasonTexts?.base ?? null,
      statusReasonTexts: c.statusReasonTexts?.texts ?? {},
      dropRequests: c.dropRequests.map(({ code, reason, at }) => ({ party: code, reason, at })),
      clauseId: c.clauseId,
      history: history
        .filter((h) => h.commitmentId === c.id && (h.kind === "status" || h.kind === "created"))
        .map((h) => ({ at: h.at, by: h.byName, from: h.from, to: h.to, note: h.note, reason: h.reason })),
      events: history
        .filter((h) => h.commitmentId === c.id)
        .map((h) => ({ at: h.at, by: h.byName, kind: h.kind, from: h.from, to: h.to, note: h.note, reason: h.reason })),
      followUps: followUps
        .filter((f) => f.commitmentId === c.id)
        .map((f) => ({
          at: f.at,
          by: f.byName,
          note: f.note,
          ...(f.figureLabel !== null && f.figureValue !== null
            ? { figure: { label: f.figureLabel, value: f.figureValue, unit: f.figureUnit ?? "" } }
            : {}),
        })),
    })) satisfies ApiBody<typeof CommitmentList>
  );
}

export const action = apiReadOnly;
