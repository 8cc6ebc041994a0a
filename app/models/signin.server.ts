import type { DB } from "../../db/connection";
import { recordAudit } from "./audit.server";
import { isoNow, minutesAgo, type Clock } from "./clock.server";
import { spendPasswordCheck, verifyPassword } from "./password.server";
import { findUserByEmail, normaliseEmail } from "./users.server";

/** At most this many failed sign-ins per account, and per address, in the window. */
export const SIGNIN_FAILURE_LIMIT = 10;
export const SIGNIN_WINDOW_MINUTES = 15;

export type SigninResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "throttled" };

async function failuresSince(db: DB, column: "email" | "ip", value: string, since: string) {
  const row = await db
    .selectFrom("signin_failures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(column, "=", value)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Checks a password, throttled per account and per address. Every outcome
 * takes one password check's time, whether or not the email exists.
 */
export async function attemptSignin(
  db: DB,
  clock: Clock,
  input: { email: string; password: string; ip: string },
): Promise<SigninResult> {
  const email = normaliseEmail(input.email);
  const since = minutesAgo(clock, SIGNIN_WINDOW_MINUTES);
  const [byAccount, byAddress] = await Promise.all([
    failuresSince(db, "email", email, since),
    failuresSince(db, "ip", input.ip, since),
  ]);
  if (byAccount >= SIGNIN_FAILURE_LIMIT || byAddress >= SIGNIN_FAILURE_LIMIT) {
    await spendPasswordCheck(input.password);
    await recordAudit(db, clock, {
      kind: "signin.throttled",
      subject: email,
      ip: input.ip,
      detail: { byAccount, byAddress },
    });
    return { ok: false, reason: "throttled" };
  }

  const user = await findUserByEmail(db, email);
  const valid = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : (await spendPasswordCheck(input.password), false);

  if (!user || !valid) {
    await db.insertInto("signin_failures").values({ at: isoNow(clock), email, ip: input.ip }).execute();
    await recordAudit(db, clock, { kind: "signin.failed", subject: email, ip: input.ip });
    return { ok: false, reason: "invalid" };
  }
  await recordAudit(db, clock, { kind: "signin.succeeded", subject: email, actorId: user.id, ip: input.ip });
  return { ok: true, userId: user.id };
}

/** Old failures no longer count; drop them so the table stays small. */
export async function purgeOldSigninFailures(db: DB, clock: Clock) {
  await db.deleteFrom("signin_failures").where("at", "<", minutesAgo(clock, SIGNIN_WINDOW_MINUTES * 4)).execute();
}
