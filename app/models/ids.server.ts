import { createHash, randomBytes } from "node:crypto";

/** A random identifier with 120 bits of entropy, URL-safe. */
export function newId(): string {
  return randomBytes(15).toString("base64url");
}

/** A secret token handed to a person (invitation link, API token). */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
