import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane).
// Algorithm is a const enum upstream, which isolated modules cannot inline: 2 = Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as checking a real password, so that an unknown email
 * cannot be told apart from a wrong password by the time the answer takes.
 */
export async function spendPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("accord-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
