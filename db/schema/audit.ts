import type { Generated } from "kysely";

/** Append-only log of security and workflow events. */
export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  /** e.g. "signin.failed", "signin.throttled", "authz.refused", "series.created". */
  kind: string;
  /** What the event is about: an email, a path, "series:3". */
  subject: string;
  ip: string | null;
  /** JSON object with extra facts, or null. */
  detail: string | null;
}

/** Failed sign-ins, kept to throttle guessing per account and per address. */
export interface SigninFailuresTable {
  id: Generated<number>;
  at: string;
  email: string;
  ip: string;
}
