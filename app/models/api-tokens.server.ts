import type { DB } from "../../db/connection";
import { isoNow, type Clock } from "./clock.server";
import { newSecretToken, sha256Hex } from "./ids.server";
import type { SessionUser } from "./session.server";

/** Personal tokens for the read-only API. Only a SHA-256 of each is stored; the token is shown once. */
export const API_TOKEN_PREFIX = "accord_";

export async function createApiToken(db: DB, clock: Clock, userId: string, name: string) {
  const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
  await db
    .insertInto("api_tokens")
    .values({ user_id: userId, name, token_hash: sha256Hex(token), created_at: isoNow(clock), last_used_at: null, revoked_at: null })
    .execute();
  return token;
}

export function listApiTokens(db: DB, userId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at as createdAt", "last_used_at as lastUsedAt"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeApiToken(db: DB, clock: Clock, userId: string, id: number) {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: isoNow(clock) })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The user behind a bearer token, if it is valid and not revoked. */
export async function userForApiToken(db: DB, clock: Clock, token: string): Promise<SessionUser | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select(["api_tokens.id as tokenId", "users.id", "users.email", "users.name", "users.is_admin", "users.locale", "users.agency_id"])
    .where("api_tokens.token_hash", "=", sha256Hex(token))
    .where("api_tokens.revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  await db.updateTable("api_tokens").set({ last_used_at: isoNow(clock) }).where("id", "=", row.tokenId).execute();
  return { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin === 1, locale: row.locale, agencyId: row.agency_id };
}

/**
 * Revokes every token of a user; returns how many were live. A password change
 * or an admin's "sign out everywhere" means the person's credentials may have
 * leaked, and a token made with them would outlive the sessions otherwise.
 */
export async function revokeAllApiTokens(db: DB, clock: Clock, userId: string): Promise<number> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: isoNow(clock) })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
