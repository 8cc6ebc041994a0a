import type { CommitmentStatus } from "../../db/schema/index";
import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import { isoNow, type Clock } from "./clock.server";
import type { Tx } from "../../db/transactions";
import { appendEvent, currentOf, touch } from "./commitments.server";
import { DomainError, RefusedError } from "./errors.server";
import { decideStatusChange, dropWithdrawal, type Actor } from "./permissions.server";

// A commitment's status workflow: who may move it where is decided by
// permissions.server.ts (decideStatusChange) inside the transaction that
// changes it; blocking and dropping keep a reason; a delegate's drop is a
// request until a secretariat or every owner confirms (decision 0014).

/** Blocking or dropping a commitment needs a reason (validated at the edge too, here for every caller). */
export function needsReason(to: string): boolean {
  return to === "blocked" || to === "dropped";
}

export interface StatusChange {
  commitmentId: number;
  to: CommitmentStatus;
  note: string;
  /** Required when blocking or dropping. */
  reason: string | null;
  /** The party whose share a secretariat confirms; a delegate always confirms its own. */
  forAgencyId: number | null;
  /** The language the reason is written in (the writer's interface language). */
  writerLanguage?: string;
}

export interface StatusChangeResult {
  status: CommitmentStatus;
  /** Owner agencies whose confirmation (of the share, or of a proposed drop) is still awaited. */
  awaiting: number[];
  /** The request was recorded as a proposal (a delegate's drop), not applied. */
  proposed: boolean;
}

/**
 * Changes a commitment's status as `actor` may (permissions.server.ts,
 * decideStatusChange), decided inside the transaction on the state it
 * changes. Marking it done confirms one owner's share; it is done once every
 * owner has. A delegate's drop is a request; a joint commitment is dropped
 * once every owner has asked.
 */
export async function changeStatus(db: DB, clock: Clock, actor: Actor, input: StatusChange): Promise<StatusChangeResult> {
  const by = actor.user.id;
  const reason = input.reason?.trim() || null;
  if (needsReason(input.to) && !reason) throw new DomainError("workflow.reasonRequired", "reason");
  return serializable(db, async (trx) => {
    const current = await currentOf(trx, input.commitmentId);
    const owners = await trx
      .selectFrom("commitment_owners")
      .select(["agency_id", "share_done_at"])
      .where("commitment_id", "=", input.commitmentId)
      .execute();
    const decision = decideStatusChange(
      actor,
      { status: current.status, owners: owners.map((o) => ({ agencyId: o.agency_id, shareDone: o.share_done_at !== null })) },
      input.to,
      input.forAgencyId,
    );
    if (decision.kind === "refused") throw new RefusedError(decision.why);

    if (decision.kind === "proposeDrop") {
      return requestDrop(trx, clock, by, { commitmentId: input.commitmentId, agencyId: decision.agencyId, reason: reason!, reasonLanguage: input.writerLanguage, note: input.note, from: current.status, owners: owners.map((o) => o.agency_id) });
    }

    if (decision.kind === "confirmShare") {
      const share = owners.find((o) => o.agency_id === decision.agencyId);
      if (!share) throw new DomainError("notAnOwner", "forAgencyId");
      if (!share.share_done_at) {
        await trx
          .updateTable("commitment_owners")
          .set({ share_done_at: isoNow(clock), share_done_by: by })
          .where("commitment_id", "=", input.commitmentId)
          .where("agency_id", "=", share.agency_id)
          .execute();
        await appendEvent(trx, clock, input.commitmentId, by, { kind: "share_done", to: String(share.agency_id), note: input.note });
      }
      const awaiting = owners.filter((o) => o.agency_id !== share.agency_id && !o.share_done_at).map((o) => o.agency_id);
      const next: CommitmentStatus = awaiting.length === 0 ? "done" : current.status === "open" ? "in_progress" : current.status;
      if (next !== current.status) {
        await appendEvent(trx, clock, input.commitmentId, by, { kind: "status", from: current.status, to: next, note: input.note });
      }
      await touch(trx, clock, input.commitmentId, { status: next });
      return { status: next, awaiting, proposed: false };
    }

    if (current.status === input.to) return { status: current.status, awaiting: [], proposed: false };
    if (current.status === "done" && owners.some((o) => o.share_done_at)) {
      await trx
        .updateTable("commitment_owners")
        .set({ share_done_at: null, share_done_by: null })
        .where("commitment_id", "=", input.commitmentId)
        .execute();
      await appendEvent(trx, clock, input.commitmentId, by, { kind: "share_reopened", note: input.note });
    }
    if (input.to === "dropped") await trx.deleteFrom("commitment_drop_requests").where("commitment_id", "=", input.commitmentId).execute();
    await appendEvent(trx, clock, input.commitmentId, by, {
      kind: "status",
      from: current.status,
      to: input.to,
      note: input.note,
      reason: needsReason(input.to) ? reason : null,
      reasonLanguage: input.writerLanguage,
    });
    await touch(trx, clock, input.commitmentId, { status: input.to });
    return { status: input.to, awaiting: [], proposed: false };
  });
}

/**
 * Records one owner's request to drop a commitment. A joint commitment is
 * dropped once every owner has asked; otherwise the request waits for a
 * secretariat (or the other owners) and is shown on the commitment.
 */
async function requestDrop(
  trx: Tx,
  clock: Clock,
  by: string,
  input: { commitmentId: number; agencyId: number; reason: string; reasonLanguage?: string; note: string; from: CommitmentStatus; owners: number[] },
): Promise<StatusChangeResult> {
  const now = isoNow(clock);
  await trx
    .insertInto("commitment_drop_requests")
    .values({ commitment_id: input.commitmentId, agency_id: input.agencyId, requested_at: now, requested_by: by, reason: input.reason })
    .onConflict((oc) => oc.columns(["commitment_id", "agency_id"]).doUpdateSet({ requested_at: now, requested_by: by, reason: input.reason }))
    .execute();
  await appendEvent(trx, clock, input.commitmentId, by, { kind: "drop_requested", to: String(input.agencyId), note: input.note, reason: input.reason, reasonLanguage: input.reasonLanguage });
  const asked = new Set(
    (await trx.selectFrom("commitment_drop_requests").select("agency_id").where("commitment_id", "=", input.commitmentId).execute()).map((r) => r.agency_id),
  );
  const awaiting = input.owners.filter((id) => !asked.has(id));
  if (input.owners.length > 1 && awaiting.length === 0) {
    await trx.deleteFrom("commitment_drop_requests").where("commitment_id", "=", input.commitmentId).execute();
    await appendEvent(trx, clock, input.commitmentId, by, { kind: "status", from: input.from, to: "dropped", note: input.note, reason: input.reason, reasonLanguage: input.reasonLanguage });
    await touch(trx, clock, input.commitmentId, { status: "dropped" });
    return { status: "dropped", awaiting: [], proposed: false };
  }
  // Touched so that pages and dashboards showing the request are refreshed.
  await touch(trx, clock, input.commitmentId);
  return { status: input.from, awaiting, proposed: true };
}

/**
 * Takes back a proposed drop: a delegate its own agency's request, a
 * secretariat all of them (declining the drop). Nothing pending is not an error.
 */
export async function withdrawDropRequests(db: DB, clock: Clock, actor: Actor, commitmentId: number): Promise<void> {
  await serializable(db, async (trx) => {
    await currentOf(trx, commitmentId);
    const [owners, requests] = await Promise.all([
      trx.selectFrom("commitment_owners").select("agency_id as agencyId").where("commitment_id", "=", commitmentId).execute(),
      trx.selectFrom("commitment_drop_requests").select("agency_id as agencyId").where("commitment_id", "=", commitmentId).execute(),
    ]);
    const scope = dropWithdrawal(actor, { owners: owners.map((o) => ({ ...o, shareDone: false })), dropRequests: requests });
    if (scope === null) {
      // An owner's delegate with nothing pending, or a secretariat with nothing to decline: nothing to do.
      if (actor.membership?.role === "secretariat" || owners.some((o) => o.agencyId === actor.membership?.agencyId)) return;
      throw new RefusedError("workflow.refused.notOwner");
    }
    const withdrawn = scope === "all" ? requests.map((r) => r.agencyId) : [actor.membership!.agencyId];
    await trx.deleteFrom("commitment_drop_requests").where("commitment_id", "=", commitmentId).where("agency_id", "in", withdrawn).execute();
    await appendEvent(trx, clock, commitmentId, actor.user.id, { kind: "drop_withdrawn", to: withdrawn.join(",") });
    await touch(trx, clock, commitmentId);
  });
}
