import { createHash } from "node:crypto";
import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import type { ConferenceStatus } from "../../db/schema/index";
import type { AgendaItemView, DraftActionView } from "../collab/conference-doc";
import { isoNow, type Clock } from "./clock.server";
import { actionLabel } from "../collab/conclusion-check";
import { createCommitment, refreshReviewList } from "./commitments.server";
import { writeTranslation } from "./parallel-texts.server";
import { DomainError } from "./errors.server";

const NEXT: Record<ConferenceStatus, ConferenceStatus | null> = {
  planned: "in_session",
  in_session: "concluded",
  concluded: null,
};

async function statusOf(db: DB, conferenceId: number) {
  const row = await db.selectFrom("conferences").select(["status", "series_id", "number", "base_language"]).where("id", "=", conferenceId).executeTakeFirst();
  if (!row) throw new DomainError("conferenceNotFound");
  return row;
}

/** planned → in session; from now on the commitments on its review list count as carried over (decision 0013). */
export async function openSession(db: DB, conferenceId: number) {
  const current = await statusOf(db, conferenceId);
  if (NEXT[current.status] !== "in_session") throw new DomainError("wrongConferenceStatus");
  await serializable(db, async (trx) => {
    if (NEXT[(await statusOf(trx, conferenceId)).status] !== "in_session") throw new DomainError("wrongConferenceStatus");
    await refreshReviewList(trx, conferenceId);
    await trx.updateTable("conferences").set({ status: "in_session" }).where("id", "=", conferenceId).execute();
  });
}

export interface AdoptionInput {
  conferenceId: number;
  /** The conference document's Yjs state at the moment it was frozen. */
  snapshot: Uint8Array;
  agenda: AgendaItemView[];
  actions: DraftActionView[];
  /** The conference's base language, the series' working languages and the authentic ones; unset, the base alone ("en"). */
  languages?: { base: string; working: string[]; authentic: string[] };
}

/** What the record keeps of an entry: its texts in every language, not how they stood to one another while drafted. */
function withoutAlignment<T extends { alignment?: unknown }>(entry: T): Omit<T, "alignment"> {
  const { alignment: _alignment, ...rest } = entry;
  return rest;
}

/**
 * The languages of an action's commitment: its text in the base language (or,
 * when that is empty, the first language that has one), and the others with
 * what they were in line with at adoption.
 */
function commitmentTexts(action: DraftActionView, base: string) {
  const texts = Object.entries(action.texts ?? {}).filter(([, t]) => t.text.trim() !== "");
  const baseText = action.text.trim();
  const [language, text] = baseText ? [base, baseText] : texts[0] ? [texts[0][0], texts[0][1].text.trim()] : [base, actionLabel(action)];
  const states = action.alignment?.text?.states ?? {};
  const inLine = (l: string) => states[l]?.state === "source" || states[l]?.state === "current";
  const others = texts
    .filter(([l]) => l !== language)
    .map(([l, t]) => ({ language: l, text: t.text.trim(), aligned: inLine(l) && inLine(language) ? { language, text } : null }));
  return { language, text, others };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Concludes a conference: stores the adopted record (immutable, with its
 * SHA-256), turns draft actions into commitments, and settles the review of
 * commitments carried to it (those not reviewed are carried on). One transaction.
 */
export async function concludeConference(db: DB, clock: Clock, by: string, input: AdoptionInput) {
  const current = await statusOf(db, input.conferenceId);
  if (current.status === "concluded") throw new DomainError("alreadyConcluded");
  const parties = await db
    .selectFrom("series_parties")
    .innerJoin("agencies", "agencies.id", "series_parties.agency_id")
    .select(["agencies.id", "agencies.code"])
    .where("series_parties.series_id", "=", current.series_id)
    .execute();
  const idByCode = new Map(parties.map((p) => [p.code, p.id]));
  const sha256 = sha256Hex(input.snapshot);
  const now = isoNow(clock);
  const languages = input.languages ?? { base: "en", working: ["en"], authentic: ["en"] };

  return serializable(db, async (trx) => {
    // Read again inside: another request (or instance) may have concluded it meanwhile.
    if ((await statusOf(trx, input.conferenceId)).status === "concluded") throw new DomainError("alreadyConcluded");
    // Concluded without a session first: its review list is settled as an opening would.
    if (current.status === "planned") await refreshReviewList(trx, input.conferenceId);
    await trx
      .insertInto("adopted_records")
      .values({
        conference_id: input.conferenceId,
        adopted_at: now,
        adopted_by: by,
        sha256,
        snapshot: input.snapshot,
        content_json: JSON.stringify({ agenda: input.agenda.map(withoutAlignment), actions: input.actions.map(withoutAlignment), languages }),
      })
      .execute();
    const created: number[] = [];
    for (const action of input.actions) {
      const texts = commitmentTexts(action, languages.base);
      if (!texts.text) continue;
      const id = await createCommitment(trx, clock, by, {
        seriesId: current.series_id,
        conferenceId: input.conferenceId,
        text: texts.text,
        baseLanguage: texts.language,
        ownerAgencyIds: action.owners.map((code) => idByCode.get(code)).filter((id): id is number => id !== undefined),
        dueOn: action.due && action.due !== "next" ? action.due : null,
        dueNext: action.due === "next",
        sourceActionId: action.id,
      });
      // The commitment's other languages, each with what it was in line with when the record was adopted.
      for (const other of texts.others) {
        await writeTranslation(trx, { subject: "commitment", subjectId: id, field: "text", language: other.language, text: other.text, aligned: other.aligned, at: now, by });
      }
      created.push(id);
    }
    // Not reviewed explicitly: one closed during the session was closed here, the others are carried on.
    const closedAs = [
      { status: "done", outcome: "completed" },
      { status: "dropped", outcome: "dropped" },
    ] as const;
    for (const { status, outcome } of closedAs) {
      await trx
        .updateTable("commitment_reviews")
        .set({ outcome, reviewed_at: now, reviewed_by: by })
        .where("conference_id", "=", input.conferenceId)
        .where("outcome", "is", null)
        .where("commitment_id", "in", trx.selectFrom("commitments").select("id").where("status", "=", status))
        .execute();
    }
    await trx
      .updateTable("commitment_reviews")
      .set({ outcome: "carried", reviewed_at: now, reviewed_by: by })
      .where("conference_id", "=", input.conferenceId)
      .where("outcome", "is", null)
      .execute();
    await trx.updateTable("conferences").set({ status: "concluded" }).where("id", "=", input.conferenceId).execute();
    return { sha256, commitmentIds: created };
  });
}

export function getAdoptedRecord(db: DB, conferenceId: number) {
  return db
    .selectFrom("adopted_records")
    .leftJoin("users", "users.id", "adopted_records.adopted_by")
    .select([
      "adopted_records.conference_id as conferenceId",
      "adopted_records.adopted_at as adoptedAt",
      "users.name as adoptedBy",
      "adopted_records.sha256",
      "adopted_records.content_json as contentJson",
    ])
    .where("adopted_records.conference_id", "=", conferenceId)
    .executeTakeFirst();
}
