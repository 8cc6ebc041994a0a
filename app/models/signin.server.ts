import type { DB } from "../../db/connection";
import { recordAudit } from "./audit.server";
import { isoNow, minutesAgo, type Clock } from "./clock.server";
import { spendPasswordCheck, verifyPassword } from "./password.server";
import { findUserByEmail, normaliseEmail } from "./users.server";

// Throttling that an attacker cannot turn against the person (decision 0019).
// Failures are counted per (account, address) pair: guessing from one address
// slows only that address for that account, never the owner signing in from
// elsewhere, nor everyone else behind the same shared address (a ministry's
// NAT). A ceiling per account stops a guesser spread over many addresses; past
// it, only addresses that have not failed for that account are still heard,
// so the owner's first try with the right password still gets in.

/** Failures are remembered this long. */
export const SIGNIN_WINDOW_MINUTES = 15;
/** A pair may fail this often before it has to wait. */
export const PAIR_FREE_FAILURES = 5;
/** The first wait, doubled at each further failure of the pair, up to the window. */
export const PAIR_FIRST_DELAY_SECONDS = 30;
/** Failures of one account, from all addresses, before only clean addresses are heard. */
export const ACCOUNT_CEILING = 50;

export type SigninResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** How long a pair waits after its last failure, having failed `failures` times (0: it need not wait). */
export function pairDelaySeconds(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(SIGNIN_WINDOW_MINUTES * 60, PAIR_FIRST_DELAY_SECONDS * 2 ** (failures - PAIR_FREE_FAILURES));
}

/** Failures of this account (and of this pair) recorded before the attempt `beforeId`, in the window. */
async function failureCounts(db: DB, email: string, ip: string, since: string, beforeId: number) {
  const row = await db
    .selectFrom("signin_failures")
    .select((eb) => [
      eb.fn.countAll<number>().as("account"),
      eb.fn.sum<number>(eb.case().when("ip", "=", ip).then(1).else(0).end()).as("pair"),
      eb.fn.max<string | null>(eb.case().when("ip", "=", ip).then(eb.ref("at")).end()).as("pairLast"),
    ])
    .where("email", "=", email)
    .where("at", ">", since)
    .where("id", "<", beforeId)
    .executeTakeFirstOrThrow();
  return { account: Number(row.account), pair: Number(row.pair ?? 0), pairLast: row.pairLast };
}

/** Seconds this pair must still wait, or 0. */
function waitFor(clock: Clock, counts: { account: number; pair: number; pairLast: string | null }): number {
  if (counts.pair === 0) return 0; // an address that has not failed for this account is always heard
  const now = clock.now().getTime();
  const last = counts.pairLast ? Date.parse(counts.pairLast) : now;
  if (counts.account >= ACCOUNT_CEILING) {
    // Past the ceiling, a failing pair waits until its last failure leaves the window.
    return Math.max(1, Math.ceil((last + SIGNIN_WINDOW_MINUTES * 60_000 - now) / 1000));
  }
  const delay = pairDelaySeconds(counts.pair);
  if (delay === 0) return 0;
  return Math.max(0, Math.ceil((last + delay * 1000 - now) / 1000));
}

/**
 * Checks a password, throttled per (account, address) pair with growing
 * delays and a ceiling per account. Every checked outcome takes one password
 * check's time, whether or not the email exists; a throttled answer checks
 * nothing, so a flood of them costs the server almost nothing.
 */
export async function attemptSignin(
  db: DB,
  clock: Clock,
  input: { email: string; password: string; ip: string },
): Promise<SigninResult> {
  const email = normaliseEmail(input.email);
  const since = minutesAgo(clock, SIGNIN_WINDOW_MINUTES);
  // Every attempt is first written down as a failure, then counts only the ones
  // written before it: parallel guesses see each other while their passwords are
  // being checked, so firing a hundred at once gets no more through than one by one.
  const { id } = await db
    .insertInto("signin_failures")
    .values({ at: isoNow(clock), email, ip: input.ip })
    .returning("id")
    .executeTakeFirstOrThrow();
  const forget = () => db.deleteFrom("signin_failures").where("id", "=", id).execute();
  const counts = await failureCounts(db, email, input.ip, since, id);
  const retryAfterSeconds = waitFor(clock, counts);
  if (retryAfterSeconds > 0) {
    // A refused attempt is not a failure: it neither lengthens the wait nor nears the ceiling.
    await forget();
    await auditThrottled(db, clock, email, input.ip, counts);
    return { ok: false, reason: "throttled", retryAfterSeconds };
  }

  const user = await findUserByEmail(db, email);
  const valid = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : (await spendPasswordCheck(input.password), false);

  if (!user || !valid) {
    await recordAudit(db, clock, { kind: "signin.failed", subject: email, ip: input.ip });
    return { ok: false, reason: "invalid" };
  }
  await forget();
  await recordAudit(db, clock, { kind: "signin.succeeded", subject: email, actorId: user.id, ip: input.ip });
  return { ok: true, userId: user.id };
}

/** One audit row per throttled pair per minute: a flood of refused guesses must not flood the audit log. */
async function auditThrottled(db: DB, clock: Clock, email: string, ip: string, counts: { account: number; pair: number }) {
  const recent = await db
    .selectFrom("audit_events")
    .select("id")
    .where("kind", "=", "signin.throttled")
    .where("subject", "=", email)
    .where("ip", "=", ip)
    .where("at", ">", minutesAgo(clock, 1))
    .limit(1)
    .executeTakeFirst();
  if (recent) return;
  await recordAudit(db, clock, {
    kind: "signin.throttled",
    subject: email,
    ip,
    detail: { byPair: counts.pair, byAccount: counts.account },
  });
}

/** Old failures no longer count; drop them so the table stays small. */
export async function purgeOldSigninFailures(db: DB, clock: Clock) {
  await db.deleteFrom("signin_failures").where("at", "<", minutesAgo(clock, SIGNIN_WINDOW_MINUTES * 4)).execute();
}
