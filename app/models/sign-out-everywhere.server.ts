import type { DB } from "../../db/connection";
import type { CollabService } from "../http/request-context.server";
import { revokeAllApiTokens } from "./api-tokens.server";
import { recordAudit } from "./audit.server";
import type { Clock } from "./clock.server";
import type { SessionService } from "./session.server";

/**
 * Ends everything that lets a person in without their password: every
 * session, every API token, and the open collaboration sockets of both.
 * Used after a password change and by an admin's "sign out everywhere".
 */
export async function signOutEverywhere(
  db: DB,
  services: { clock: Clock; sessions: SessionService; collab: CollabService },
  input: { userId: string; email: string; actorId: string; ip: string; reason: "password.changed" | "admin" },
): Promise<{ tokensRevoked: number }> {
  await services.sessions.endAllFor(input.userId);
  const tokensRevoked = await revokeAllApiTokens(db, services.clock, input.userId);
  // Open sockets of the old sessions close now, not at the next periodic check.
  await services.collab.revalidate(input.userId);
  await recordAudit(db, services.clock, {
    kind: "signout.everywhere",
    subject: input.email,
    actorId: input.actorId,
    ip: input.ip,
    detail: { reason: input.reason, tokensRevoked },
  });
  return { tokensRevoked };
}
