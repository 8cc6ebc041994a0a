import type { DB } from "../../db/connection";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";
import { newSecretToken, sha256Hex } from "./ids.server";
import { createUser, findUserByEmail, normaliseEmail } from "./users.server";

export const INVITATION_DAYS = 14;

/**
 * Creates a one-time invitation and returns its token. No mail server is
 * assumed: the admin copies the link and sends it by their own channel.
 */
export async function createInvitation(
  db: DB,
  clock: Clock,
  input: { email: string; name: string; isAdmin: boolean; agencyId: number | null; createdBy: string },
) {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw new DomainError("emailTaken", "email");
  const token = newSecretToken();
  const now = clock.now();
  await db
    .insertInto("invitations")
    .values({
      token_hash: sha256Hex(token),
      email,
      name: input.name.trim(),
      is_admin: input.isAdmin ? 1 : 0,
      agency_id: input.agencyId,
      created_by: input.createdBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** The invitation behind a token, if it is unused and unexpired. */
export async function findOpenInvitation(db: DB, clock: Clock, token: string) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "name", "is_admin", "agency_id", "expires_at"])
    .where("token_hash", "=", sha256Hex(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", isoNow(clock))
    .executeTakeFirst();
}

export async function listOpenInvitations(db: DB, clock: Clock) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "name", "expires_at"])
    .where("used_at", "is", null)
    .where("expires_at", ">", isoNow(clock))
    .orderBy("created_at", "desc")
    .execute();
}

/** Turns an invitation into an account with the chosen password; the token is spent. */
export async function acceptInvitation(db: DB, clock: Clock, token: string, password: string) {
  const invitation = await findOpenInvitation(db, clock, token);
  if (!invitation) throw new DomainError("invitationInvalid");
  // Spend the token first so that two simultaneous submissions cannot both succeed.
  const spent = await db
    .updateTable("invitations")
    .set({ used_at: isoNow(clock) })
    .where("id", "=", invitation.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw new DomainError("invitationInvalid");
  return createUser(db, clock, {
    email: invitation.email,
    name: invitation.name,
    password,
    isAdmin: invitation.is_admin === 1,
    agencyId: invitation.agency_id,
  });
}
