import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import { isLocale, type Locale } from "../i18n/locales";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";
import { newSecretToken, sha256Hex } from "./ids.server";
import { createUser, findUserByEmail, normaliseEmail } from "./users.server";

export const INVITATION_DAYS = 14;

// An invitation opens with any of its one-time tokens: the one shown to the
// administrator (invitations.token_hash) and the one in each mail sent
// (invitation_tokens, minted by the sender when it sends: decision 0030).
// Only hashes are stored; accepting spends the invitation, so all of them.

/** The language an invitee most likely reads, from their agency's country; else the administrator's. */
export function likelyLocale(country: string | null | undefined, fallback: Locale): Locale {
  if (country === "VN") return "vi";
  if (country === "CN" || country === "TW" || country === "HK" || country === "MO") return "zh";
  return fallback;
}

/**
 * Creates a one-time invitation and returns its token (shown once to the
 * administrator). With `mail`, the same transaction asks for the invitation
 * mail, so it is sent once even if the server stops right after.
 */
export async function createInvitation(
  db: DB,
  clock: Clock,
  input: { email: string; name: string; isAdmin: boolean; agencyId: number | null; createdBy: string; locale: Locale; mail: boolean },
) {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw new DomainError("emailTaken", "email");
  const token = newSecretToken();
  const now = clock.now();
  await serializable(db, async (trx) => {
    const { id } = await trx
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
        locale: input.locale,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.mail) await queueInvitationMail(trx, now, id, input.createdBy);
  });
  return token;
}

async function queueInvitationMail(db: DB, now: Date, invitationId: number, requestedBy: string) {
  await db
    .insertInto("invitation_mails")
    .values({ invitation_id: invitationId, requested_by: requestedBy, created_at: now.toISOString(), mail_status: "pending", mail_next_at: now.toISOString() })
    .execute();
}

/**
 * Sends an open invitation again, good for another INVITATION_DAYS from now.
 * One already waiting to go is not doubled. Refused for an invitation that
 * was used, has expired or does not exist.
 */
export async function resendInvitation(db: DB, clock: Clock, input: { invitationId: number; requestedBy: string }): Promise<{ email: string; queued: boolean }> {
  const now = clock.now();
  return serializable(db, async (trx) => {
    const invitation = await trx
      .selectFrom("invitations")
      .select(["id", "email"])
      .where("id", "=", input.invitationId)
      .where("used_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst();
    if (!invitation) throw new DomainError("invitationInvalid");
    const waiting = await trx
      .selectFrom("invitation_mails")
      .select("id")
      .where("invitation_id", "=", invitation.id)
      .where("mail_status", "in", ["pending", "sending"])
      .executeTakeFirst();
    await trx
      .updateTable("invitations")
      .set({ expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString() })
      .where("id", "=", invitation.id)
      .execute();
    if (waiting) return { email: invitation.email, queued: false };
    await queueInvitationMail(trx, now, invitation.id, input.requestedBy);
    return { email: invitation.email, queued: true };
  });
}

/** Stores the hash of a token minted for one mail of an invitation. */
export async function addInvitationToken(db: DB, clock: Clock, invitationId: number, token: string) {
  await db.insertInto("invitation_tokens").values({ token_hash: sha256Hex(token), invitation_id: invitationId, created_at: isoNow(clock) }).execute();
}

/** The invitation behind a token, if it is unused and unexpired. */
export async function findOpenInvitation(db: DB, clock: Clock, token: string) {
  const hash = sha256Hex(token);
  return db
    .selectFrom("invitations")
    .select(["id", "email", "name", "is_admin", "agency_id", "expires_at", "locale"])
    .where((eb) =>
      eb.or([eb("token_hash", "=", hash), eb("id", "in", eb.selectFrom("invitation_tokens").select("invitation_id").where("token_hash", "=", hash))]),
    )
    .where("used_at", "is", null)
    .where("expires_at", ">", isoNow(clock))
    .executeTakeFirst();
}

/** Open invitations with where their latest mail stands (null: none was asked for). */
export async function listOpenInvitations(db: DB, clock: Clock) {
  const invitations = await db
    .selectFrom("invitations")
    .select(["id", "email", "name", "expires_at", "locale"])
    .where("used_at", "is", null)
    .where("expires_at", ">", isoNow(clock))
    .orderBy("created_at", "desc")
    .execute();
  if (invitations.length === 0) return [];
  const mails = await db
    .selectFrom("invitation_mails")
    .select(["invitation_id", "mail_status", "mail_sent_at", "mail_next_at"])
    .where(
      "invitation_id",
      "in",
      invitations.map((i) => i.id),
    )
    .orderBy("id")
    .execute();
  const latest = new Map(mails.map((m) => [m.invitation_id, { status: m.mail_status, sentAt: m.mail_sent_at }]));
  return invitations.map((i) => ({ ...i, mail: latest.get(i.id) ?? null }));
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
    locale: isLocale(invitation.locale) ? invitation.locale : undefined,
  });
}
