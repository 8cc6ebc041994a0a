import type { AppLoadContext } from "@remix-run/node";
import { registerDocName } from "../collab/doc-names";
import { writeRegisterEntry } from "../collab/register-doc";
import type { DB } from "../../db/connection";
import { withAudit } from "../models/audit.server";
import { getCommitment, type CommitmentView } from "../models/commitments.server";
import { getMembership, type Membership } from "../models/memberships.server";
import { can, canOnCommitment, type CommitmentAction } from "../models/permissions.server";
import { registerEntryFor } from "../models/register.server";
import { reindexCommitment } from "../models/search.server";
import type { SessionUser } from "../models/session.server";
import { refuse, requireUser } from "../http/guards.server";

export interface CommitmentActor {
  user: SessionUser;
  membership: Membership | null;
  commitment: CommitmentView;
}

/** Loads a commitment for someone who may see it (else 404, as if it did not exist). */
export async function requireCommitment(context: AppLoadContext, request: Request, id: number): Promise<CommitmentActor> {
  const user = requireUser(context, request);
  const commitment = Number.isSafeInteger(id) && id > 0 ? await getCommitment(context.db, context.clock, id, context.locale) : null;
  const membership = commitment ? await getMembership(context.db, commitment.seriesId, user.id) : null;
  if (!commitment || !can({ user, membership }, "series.view")) throw await refuse(context, request, 404, `commitment:${id}`);
  return { user, membership, commitment };
}

export function mayOnCommitment(actor: CommitmentActor, action: CommitmentAction): boolean {
  return canOnCommitment(
    { user: actor.user, membership: actor.membership },
    action,
    actor.commitment.owners.map((o) => o.agencyId),
  );
}

/**
 * Runs a command on a commitment: authorised on the server, written to SQL by
 * the model together with its audit row (one transaction: `command` writes
 * through the `db` it is given, never through the context's), then mirrored
 * into the series register document so every open screen sees it at once.
 */
export async function runCommitmentCommand<T>(
  context: AppLoadContext,
  request: Request,
  commitmentId: number,
  action: CommitmentAction,
  command: (actor: CommitmentActor, db: DB) => Promise<T>,
): Promise<T> {
  const actor = await requireCommitment(context, request, commitmentId);
  if (!mayOnCommitment(actor, action)) throw await refuse(context, request, 403, `commitment:${commitmentId}`);
  const result = await withAudit(
    context.db,
    context.clock,
    (trx) => command(actor, trx),
    { kind: "commitment.changed", subject: `commitment:${commitmentId}`, actorId: actor.user.id, ip: context.clientIp, detail: { action } },
  );
  await publishCommitment(context, actor.user.id, commitmentId);
  return result;
}

/** Mirrors a commitment's current SQL state into its series register document. */
export async function publishCommitment(context: Pick<AppLoadContext, "db" | "clock" | "collab">, userId: string, commitmentId: number) {
  const found = await registerEntryFor(context.db, context.clock, commitmentId);
  if (!found) return;
  await context.collab.applyAs(registerDocName(found.seriesId), userId, (doc) => writeRegisterEntry(doc, found.entry));
  await reindexCommitment(context.db, found.seriesId, commitmentId);
}
