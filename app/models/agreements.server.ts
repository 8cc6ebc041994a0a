import { baseLanguageOf } from "../i18n/working-languages";
import { copyTranslations } from "./parallel-texts.server";
import { workingLanguagesOf } from "./series.server";
import type { Transaction } from "kysely";
import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import type { AgreementStatus, Database } from "../../db/schema/index";
import { recordAudit } from "./audit.server";
import { isoNow, type Clock } from "./clock.server";
import { createCommitment } from "./commitments.server";
import { DomainError } from "./errors.server";

// Agreements (MoUs) of a series: their parties, signing facts, signatories and
// clauses, and clauses turned into commitments. Every function is scoped by
// the series, so an id from another series behaves as if it did not exist.
// Every write is audited here ("agreement.changed"), so no caller can forget.
// The signed document lives in agreement-documents.server.ts.

type Tx = Transaction<Database>;

/** Who writes, for the audit trail; null for the system (e.g. demo data). */
export interface AgreementActor {
  userId: string | null;
  ip?: string | null;
}

/** Which agreement: always together with the series it must belong to. */
export interface AgreementRef {
  seriesId: number;
  agreementId: number;
}

export interface AgreementInput {
  title: string;
  /** Agency ids; at least two, each a party to the series. */
  partyAgencyIds: number[];
  /** A conference of the same series, or null. */
  conferenceId: number | null;
  status: AgreementStatus;
  /** "YYYY-MM-DD"; required once the agreement is signed. */
  signedOn: string | null;
  /** Place of signing, or "". */
  signedAt: string;
  validFrom: string | null;
  validUntil: string | null;
  /** The language title and clauses are written in, when the series works in it; else its first (decision 0027). */
  writerLanguage?: string;
}

export interface SignatoryInput {
  name: string;
  title: string;
  /** One of the agreement's parties, or null. */
  agencyId: number | null;
}

export interface ClauseInput {
  /** As numbered in the agreement, e.g. "3.2"; may be "". */
  label: string;
  text: string;
  /** Order among the clauses (1 = first); null puts a new clause last and keeps an edited one where it is. */
  position?: number | null;
}

export interface ClauseCommitmentInput {
  /** Defaults to the clause's text. */
  text?: string;
  /** Owners, each a party to the agreement. */
  ownerAgencyIds: number[];
  dueOn: string | null;
  dueNext: boolean;
}

export interface AgreementParty {
  id: number;
  code: string;
  name: string;
  country: string;
}

export interface AgreementView {
  id: number;
  seriesId: number;
  title: string;
  /** The language of the title and of every clause's text (decision 0027). */
  baseLanguage: string;
  status: AgreementStatus;
  signedOn: string | null;
  signedAt: string;
  validFrom: string | null;
  validUntil: string | null;
  conference: { id: number; number: number; title: string } | null;
  parties: AgreementParty[];
  signatories: { id: number; name: string; title: string; agency: { id: number; code: string; name: string } | null }[];
  clauses: { id: number; position: number; label: string; text: string; commitmentId: number | null }[];
  /** The signed document's display name and size; its stored name never leaves the server. */
  document: { name: string; size: number } | null;
  createdAt: string;
  updatedAt: string;
}

/** Statuses that say the agreement has been signed, and so need the date of signing. */
const SIGNED_STATUSES: readonly AgreementStatus[] = ["signed", "in_force", "expired", "terminated"];

// ---- queries -------------------------------------------------------------

async function viewsOf(db: DB | Tx, seriesId: number, agreementId?: number): Promise<AgreementView[]> {
  let query = db
    .selectFrom("agreements")
    .leftJoin("conferences", "conferences.id", "agreements.conference_id")
    .select([
      "agreements.id",
      "agreements.series_id as seriesId",
      "agreements.title",
      "agreements.base_language as baseLanguage",
      "agreements.status",
      "agreements.signed_on as signedOn",
      "agreements.signed_at as signedAt",
      "agreements.valid_from as validFrom",
      "agreements.valid_until as validUntil",
      "agreements.document_name as documentName",
      "agreements.document_size as documentSize",
      "agreements.created_at as createdAt",
      "agreements.updated_at as updatedAt",
      "conferences.id as conferenceId",
      "conferences.number as conferenceNumber",
      "conferences.title as conferenceTitle",
    ])
    .where("agreements.series_id", "=", seriesId);
  if (agreementId !== undefined) query = query.where("agreements.id", "=", agreementId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);

  const [parties, signatories, clauses] = await Promise.all([
    db
      .selectFrom("agreement_parties")
      .innerJoin("agencies", "agencies.id", "agreement_parties.agency_id")
      .leftJoin("series_parties", (join) =>
        join.onRef("series_parties.agency_id", "=", "agreement_parties.agency_id").on("series_parties.series_id", "=", seriesId),
      )
      .select(["agreement_parties.agreement_id as agreementId", "agencies.id", "agencies.code", "agencies.name", "agencies.country"])
      .where("agreement_parties.agreement_id", "in", ids)
      .orderBy("series_parties.position")
      .orderBy("agencies.code")
      .execute(),
    db
      .selectFrom("signatories")
      .leftJoin("agencies", "agencies.id", "signatories.agency_id")
      .select([
        "signatories.agreement_id as agreementId",
        "signatories.id",
        "signatories.name",
        "signatories.title",
        "agencies.id as agencyId",
        "agencies.code as agencyCode",
        "agencies.name as agencyName",
      ])
      .where("signatories.agreement_id", "in", ids)
      .orderBy("signatories.position")
      .orderBy("signatories.id")
      .execute(),
    db
      .selectFrom("clauses")
      .select(["agreement_id as agreementId", "id", "position", "label", "text"])
      .where("agreement_id", "in", ids)
      .orderBy("position")
      .orderBy("id")
      .execute(),
  ]);
  const clauseIds = clauses.map((c) => c.id);
  const commitments = clauseIds.length
    ? await db
        .selectFrom("commitments")
        .select(["clause_id as clauseId", (eb) => eb.fn.min("id").as("commitmentId")])
        .where("clause_id", "in", clauseIds)
        .groupBy("clause_id")
        .execute()
    : [];
  const commitmentOf = new Map(commitments.map((c) => [c.clauseId, Number(c.commitmentId)]));

  const views = rows.map(
    (row): AgreementView => ({
      id: row.id,
      seriesId: row.seriesId,
      title: row.title,
      baseLanguage: row.baseLanguage,
      status: row.status,
      signedOn: row.signedOn,
      signedAt: row.signedAt,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      conference:
        row.conferenceId !== null && row.conferenceNumber !== null
          ? { id: row.conferenceId, number: row.conferenceNumber, title: row.conferenceTitle ?? "" }
          : null,
      parties: parties.filter((p) => p.agreementId === row.id).map(({ id, code, name, country }) => ({ id, code, name, country })),
      signatories: signatories
        .filter((s) => s.agreementId === row.id)
        .map((s) => ({
          id: s.id,
          name: s.name,
          title: s.title,
          agency: s.agencyId !== null ? { id: s.agencyId, code: s.agencyCode ?? "", name: s.agencyName ?? "" } : null,
        })),
      clauses: clauses
        .filter((c) => c.agreementId === row.id)
        .map((c) => ({ id: c.id, position: c.position, label: c.label, text: c.text, commitmentId: commitmentOf.get(c.id) ?? null })),
      document: row.documentName !== null ? { name: row.documentName, size: row.documentSize ?? 0 } : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }),
  );
  // Drafts (not yet signed) first, then the most recently signed.
  return views.sort((a, b) => {
    if ((a.signedOn === null) !== (b.signedOn === null)) return a.signedOn === null ? -1 : 1;
    if (a.signedOn !== b.signedOn) return (b.signedOn ?? "").localeCompare(a.signedOn ?? "");
    return b.id - a.id;
  });
}

/** Every agreement of a series, with parties, signatories and clauses. */
export function listAgreements(db: DB, seriesId: number): Promise<AgreementView[]> {
  return viewsOf(db, seriesId);
}

/** One agreement of a series, or null if it does not exist in that series. */
export async function getAgreement(db: DB, ref: AgreementRef): Promise<AgreementView | null> {
  if (!Number.isSafeInteger(ref.agreementId) || ref.agreementId <= 0) return null;
  const [one] = await viewsOf(db, ref.seriesId, ref.agreementId);
  return one ?? null;
}

// ---- commands ------------------------------------------------------------

export async function auditAgreement(db: DB | Tx, clock: Clock, actor: AgreementActor, agreementId: number, action: string, detail: Record<string, unknown> = {}) {
  await recordAudit(db, clock, {
    kind: "agreement.changed",
    subject: `agreement:${agreementId}`,
    actorId: actor.userId,
    ip: actor.ip ?? null,
    detail: { action, ...detail },
  });
}

/** The agreement's row, or a refusal if it is not in this series. */
export async function requireAgreementRow(db: DB | Tx, ref: AgreementRef) {
  const row = await db
    .selectFrom("agreements")
    .select(["id", "series_id", "conference_id", "document_file", "base_language"])
    .where("id", "=", ref.agreementId)
    .where("series_id", "=", ref.seriesId)
    .executeTakeFirst();
  if (!row) throw new DomainError("agreementNotFound");
  return row;
}

async function touch(db: DB | Tx, clock: Clock, agreementId: number) {
  await db.updateTable("agreements").set({ updated_at: isoNow(clock) }).where("id", "=", agreementId).execute();
}

async function agreementPartyIds(db: DB | Tx, agreementId: number): Promise<Set<number>> {
  const rows = await db.selectFrom("agreement_parties").select("agency_id").where("agreement_id", "=", agreementId).execute();
  return new Set(rows.map((r) => r.agency_id));
}

/** Checks what a form cannot: parties of the series, its conference, and the signing and validity rules. */
async function checkAgreement(db: DB | Tx, seriesId: number, input: AgreementInput) {
  if (!input.title.trim()) throw new DomainError("required", "title");
  const parties = [...new Set(input.partyAgencyIds)];
  if (parties.length < 2) throw new DomainError("agreementNeedsTwoParties", "parties");
  const seriesParties = await db.selectFrom("series_parties").select("agency_id").where("series_id", "=", seriesId).execute();
  const allowed = new Set(seriesParties.map((p) => p.agency_id));
  if (parties.some((id) => !allowed.has(id))) throw new DomainError("agencyNotParty", "parties");
  if (input.conferenceId !== null) {
    const conference = await db
      .selectFrom("conferences")
      .select("id")
      .where("id", "=", input.conferenceId)
      .where("series_id", "=", seriesId)
      .executeTakeFirst();
    if (!conference) throw new DomainError("conferenceNotFound", "conferenceId");
  }
  if (SIGNED_STATUSES.includes(input.status) && !input.signedOn) throw new DomainError("signingDateRequired", "signedOn");
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom) {
    throw new DomainError("validUntilBeforeFrom", "validUntil");
  }
  return parties;
}

function agreementValues(input: AgreementInput) {
  return {
    title: input.title.trim(),
    conference_id: input.conferenceId,
    status: input.status,
    signed_on: input.signedOn,
    signed_at: input.signedAt.trim(),
    valid_from: input.validFrom,
    valid_until: input.validUntil,
  };
}

export async function createAgreement(db: DB, clock: Clock, actor: AgreementActor, seriesId: number, input: AgreementInput): Promise<number> {
  return serializable(db, async (trx) => {
    const parties = await checkAgreement(trx, seriesId, input);
    const now = isoNow(clock);
    // Title and clauses are drafted first in the series' first working language (decision 0027).
    const working = await workingLanguagesOf(trx, seriesId);
    const baseLanguage = working.find((code) => code === input.writerLanguage) ?? baseLanguageOf(working);
    const { id } = await trx
      .insertInto("agreements")
      .values({ ...agreementValues(input), series_id: seriesId, base_language: baseLanguage, document_file: null, document_name: null, document_size: null, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("agreement_parties").values(parties.map((agencyId) => ({ agreement_id: id, agency_id: agencyId }))).execute();
    await auditAgreement(trx, clock, actor, id, "create", { status: input.status });
    return id;
  });
}

/** Changes an agreement's facts and parties; a party whose signatories are recorded cannot be removed. */
export async function updateAgreement(db: DB, clock: Clock, actor: AgreementActor, ref: AgreementRef, input: AgreementInput) {
  await serializable(db, async (trx) => {
    await requireAgreementRow(trx, ref);
    const parties = await checkAgreement(trx, ref.seriesId, input);
    const before = await agreementPartyIds(trx, ref.agreementId);
    const removed = [...before].filter((id) => !parties.includes(id));
    const added = parties.filter((id) => !before.has(id));
    if (removed.length) {
      const signing = await trx
        .selectFrom("signatories")
        .select("id")
        .where("agreement_id", "=", ref.agreementId)
        .where("agency_id", "in", removed)
        .executeTakeFirst();
      if (signing) throw new DomainError("partyHasSignatories", "parties");
      await trx.deleteFrom("agreement_parties").where("agreement_id", "=", ref.agreementId).where("agency_id", "in", removed).execute();
    }
    if (added.length) {
      await trx.insertInto("agreement_parties").values(added.map((agencyId) => ({ agreement_id: ref.agreementId, agency_id: agencyId }))).execute();
    }
    await trx
      .updateTable("agreements")
      .set({ ...agreementValues(input), updated_at: isoNow(clock) })
      .where("id", "=", ref.agreementId)
      .execute();
    await auditAgreement(trx, clock, actor, ref.agreementId, "update", { status: input.status });
  });
}

export async function addSignatory(db: DB, clock: Clock, actor: AgreementActor, ref: AgreementRef, input: SignatoryInput): Promise<number> {
  return serializable(db, async (trx) => {
    await requireAgreementRow(trx, ref);
    if (!input.name.trim()) throw new DomainError("required", "name");
    if (input.agencyId !== null && !(await agreementPartyIds(trx, ref.agreementId)).has(input.agencyId)) {
      throw new DomainError("agencyNotAgreementParty", "agencyId");
    }
    const last = await trx
      .selectFrom("signatories")
      .select((eb) => eb.fn.max("position").as("last"))
      .where("agreement_id", "=", ref.agreementId)
      .executeTakeFirst();
    const { id } = await trx
      .insertInto("signatories")
      .values({
        agreement_id: ref.agreementId,
        name: input.name.trim(),
        title: input.title.trim(),
        agency_id: input.agencyId,
        position: Number(last?.last ?? 0) + 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await touch(trx, clock, ref.agreementId);
    await auditAgreement(trx, clock, actor, ref.agreementId, "signatory.add", { signatoryId: id });
    return id;
  });
}

export async function removeSignatory(db: DB, clock: Clock, actor: AgreementActor, ref: AgreementRef, signatoryId: number) {
  await serializable(db, async (trx) => {
    await requireAgreementRow(trx, ref);
    const result = await trx.deleteFrom("signatories").where("id", "=", signatoryId).where("agreement_id", "=", ref.agreementId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new DomainError("signatoryNotFound");
    await touch(trx, clock, ref.agreementId);
    await auditAgreement(trx, clock, actor, ref.agreementId, "signatory.remove", { signatoryId });
  });
}

async function requireClause(db: DB | Tx, agreementId: number, clauseId: number) {
  const clause = await db
    .selectFrom("clauses")
    .select(["id", "position", "label", "text"])
    .where("id", "=", clauseId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (!clause) throw new DomainError("clauseNotFound");
  return clause;
}

/** Puts a clause at `position` (1-based) and renumbers the others, keeping their order. */
async function placeClause(trx: Tx, agreementId: number, clauseId: number, position: number | null | undefined) {
  const all = await trx.selectFrom("clauses").select("id").where("agreement_id", "=", agreementId).orderBy("position").orderBy("id").execute();
  const order = all.map((c) => c.id);
  if (position !== null && position !== undefined) {
    order.splice(order.indexOf(clauseId), 1);
    order.splice(Math.min(Math.max(position, 1), order.length + 1) - 1, 0, clauseId);
  }
  for (const [index, id] of order.entries()) {
    await trx.updateTable("clauses").set({ position: index + 1 }).where("id", "=", id).execute();
  }
}

export async function addClause(db: DB, clock: Clock, actor: AgreementActor, ref: AgreementRef, input: ClauseInput): Promise<number> {
  return serializable(db, async (trx) => {
    await requireAgreementRow(trx, ref);
    if (!input.text.trim()) throw new DomainError("required", "text");
    const last = await trx
      .selectFrom("clauses")
      .select((eb) => eb.fn.max("position").as("last"))
      .where("agreement_id", "=", ref.agreementId)
      .executeTakeFirst();
    const { id } = await trx
      .insertInto("clauses")
      .values({ agreement_id: ref.agreementId, label: input.label.trim(), text: input.text.trim(), position: Number(last?.last ?? 0) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.position !== null && input.position !== undefined) await placeClause(trx, ref.agreementId, id, input.position);
    await touch(trx, clock, ref.agreementId);
    await auditAgreement(trx, clock, actor, ref.agreementId, "clause.add", { clauseId: id });
    return id;
  });
}

export async function editClause(db: DB, clock: Clock, actor: AgreementActor, ref: AgreementRef, clauseId: number, input: ClauseInput) {
  await serializable(db, async (trx) => {
    await requireAgreementRow(trx, ref);
    await requireClause(trx, ref.agreementId, clauseId);
    if (!input.text.trim()) throw new DomainError("required", "text");
    await trx.updateTable("clauses").set({ label: input.label.trim(), text: input.text.trim() }).where("id", "=", clauseId).execute();
    await placeClause(trx, ref.agreementId, clauseId, input.position);
    await touch(trx, clock, ref.agreementId);
    await auditAgreement(trx, clock, actor, ref.agreementId, "clause.edit", { clauseId });
  });
}

/** Removes a clause; one that has become a commitment stays, so the commitment keeps its source. */
export async function removeClause(db: DB, clock: Clock, actor: AgreementActor, ref: AgreementRef, clauseId: number) {
  await serializable(db, async (trx) => {
    await requireAgreementRow(trx, ref);
    await requireClause(trx, ref.agreementId, clauseId);
    const commitment = await trx.selectFrom("commitments").select("id").where("clause_id", "=", clauseId).executeTakeFirst();
    if (commitment) throw new DomainError("clauseHasCommitment");
    await trx.deleteFrom("clauses").where("id", "=", clauseId).execute();
    await placeClause(trx, ref.agreementId, clauseId, null);
    await touch(trx, clock, ref.agreementId);
    await auditAgreement(trx, clock, actor, ref.agreementId, "clause.remove", { clauseId });
  });
}

/**
 * Turns a clause into a commitment of the series that keeps a link to it
 * (commitments.clause_id). The commitment is agreed at the agreement's
 * conference, or else at the latest conference of the series. The caller
 * mirrors the new commitment into the live register.
 */
export async function makeCommitmentFromClause(
  db: DB,
  clock: Clock,
  actor: AgreementActor,
  ref: AgreementRef,
  clauseId: number,
  input: ClauseCommitmentInput,
): Promise<number> {
  return serializable(db, async (trx) => {
    const agreement = await requireAgreementRow(trx, ref);
    const clause = await requireClause(trx, ref.agreementId, clauseId);
    const existing = await trx.selectFrom("commitments").select("id").where("clause_id", "=", clauseId).executeTakeFirst();
    if (existing) throw new DomainError("clauseAlreadyCommitment");
    const owners = [...new Set(input.ownerAgencyIds)];
    if (owners.length === 0) throw new DomainError("ownersRequired", "owners");
    const parties = await agreementPartyIds(trx, ref.agreementId);
    if (owners.some((id) => !parties.has(id))) throw new DomainError("agencyNotAgreementParty", "owners");
    if (!input.dueNext && !input.dueOn) throw new DomainError("dueRequired", "dueOn");
    let conferenceId = agreement.conference_id;
    if (conferenceId === null) {
      const latest = await trx
        .selectFrom("conferences")
        .select("id")
        .where("series_id", "=", ref.seriesId)
        .orderBy("number", "desc")
        .limit(1)
        .executeTakeFirst();
      if (!latest) throw new DomainError("noConferenceForCommitment");
      conferenceId = latest.id;
    }
    const text = (input.text ?? clause.text).trim();
    if (!text) throw new DomainError("required", "text");
    const commitmentId = await createCommitment(trx, clock, actor.userId, {
      seriesId: ref.seriesId,
      conferenceId,
      text,
      // The clause's language; its texts in the other languages come with it while the wording is the clause's own.
      baseLanguage: agreement.base_language,
      ownerAgencyIds: owners,
      dueOn: input.dueNext ? null : input.dueOn,
      dueNext: input.dueNext,
      clauseId,
    });
    if (text === clause.text.trim()) await copyTranslations(trx, { subject: "clause", id: clauseId, field: "text" }, { subject: "commitment", id: commitmentId, field: "text" });
    await touch(trx, clock, ref.agreementId);
    await auditAgreement(trx, clock, actor, ref.agreementId, "clause.commitment", { clauseId, commitmentId });
    return commitmentId;
  });
}
