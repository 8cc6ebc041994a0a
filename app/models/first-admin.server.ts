import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";
import { newSecretToken, sha256Hex } from "./ids.server";
import { createUser } from "./users.server";

/** How long the setup link printed at start stays valid; a restart prints a new one. */
export const SETUP_LINK_HOURS = 24;

async function anyAdmin(db: DB) {
  return db.selectFrom("users").select("id").where("is_admin", "=", 1).limit(1).executeTakeFirst();
}

/**
 * On a fresh install with no demo, the first administrator is created through
 * a one-time link printed in the server log (decision 0020): no password is
 * known in advance, and only someone who can read the log can claim the
 * install. A new link replaces any earlier one; none is made once an
 * administrator exists.
 */
export async function issueSetupToken(db: DB, clock: Clock): Promise<string | null> {
  if (await anyAdmin(db)) return null;
  const token = newSecretToken();
  const now = clock.now();
  await serializable(db, async (trx) => {
    await trx.updateTable("setup_tokens").set({ used_at: now.toISOString() }).where("used_at", "is", null).execute();
    await trx
      .insertInto("setup_tokens")
      .values({
        token_hash: sha256Hex(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000).toISOString(),
        used_at: null,
      })
      .execute();
  });
  return token;
}

/** Whether a setup link is still good: unused, unexpired, and no administrator yet. */
export async function isOpenSetupToken(db: DB, clock: Clock, token: string): Promise<boolean> {
  if (token.length === 0 || token.length > 200) return false;
  const row = await db
    .selectFrom("setup_tokens")
    .select("id")
    .where("token_hash", "=", sha256Hex(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", isoNow(clock))
    .executeTakeFirst();
  return row !== undefined && !(await anyAdmin(db));
}

/** Creates the first administrator and spends the link. */
export async function createFirstAdmin(db: DB, clock: Clock, token: string, input: { name: string; email: string; password: string }) {
  if (!(await isOpenSetupToken(db, clock, token))) throw new DomainError("setupLinkInvalid");
  // Spend the token first so that two simultaneous submissions cannot both succeed.
  const spent = await db
    .updateTable("setup_tokens")
    .set({ used_at: isoNow(clock) })
    .where("token_hash", "=", sha256Hex(token))
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw new DomainError("setupLinkInvalid");
  return createUser(db, clock, { ...input, isAdmin: true, agencyId: null });
}
