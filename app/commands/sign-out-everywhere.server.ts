import type { DB } from "../../db/connection";
import type { CollabService } from "../http/request-context.server";
import { revokeAllApiTokens } from "../models/api-tokens.server";
import { withAudit } from "../models/audit.server";
import type { Clock } from "../models/clock.server";
import type { SessionService } from "../models/session.server";

/**
 * Ends everything that lets a person in without their password: every
 * session, every API token, and the open collaboration sockets of both.
 * Used after a password change and by an admin's "sign out everywhere".
 * Sessions end first, through the session module; the tokens and the audit
 * row are then one transaction.
 */
export async function signOutEverywhere(
  db: DB,
  services: { clock: Clock; sessions: SessionService; collab: CollabService },
  input: { userId: string; email: string; actorId: string; ip: string; reason: "password.changed" | "admin" },
): Promise<{ tokensRevoked: number }> {
  await services.sessions.endAllFor(input.userId);
  const tokensRevoked = await withAudit(
    db,
    services.clock,
    (trx) => revokeAllApiTokens(trx, services.clock, input.userId),
    (revoked) => ({ kind: "signout.everywhere", subject: input.email, actorId: input.actorId, ip: input.ip, detail: { reason: input.reason, tokensRevoked: revoked } }),
  );
  // Open sockets of the old sessions close now, not at the next periodic check.
  await services.collab.revalidate(input.userId);
  return { tokensRevoked };
}
