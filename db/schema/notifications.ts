import type { Generated } from "kysely";

/** How a person wants one kind of notification by mail. */
export type NotificationDelivery = "immediate" | "digest" | "off";

/**
 * Where a notification's mail stands: pending (waiting for mail_next_at),
 * sending (claimed by attempt mail_attempt_id), sent, failed (gave up),
 * none (not mailed: the person chose "off"), digest (kept for a digest),
 * digested (went out in a digest), stale (too old to be worth mailing when
 * mail was finally configured), obsolete (an invitation's mail, not sent
 * because the invitation was used or had expired by then).
 */
export type MailStatus = "pending" | "sending" | "sent" | "failed" | "none" | "digest" | "digested" | "stale" | "obsolete";

/** The outbox: one row per event and recipient (unique on both). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  /** Identifies the event, e.g. "due3:42:2026-12-04"; with user_id, unique. */
  event_key: string;
  kind: string;
  series_id: number | null;
  /** Same-site path of the thing, e.g. "/commitments/42". */
  path: string;
  /** JSON of what the texts need (commitment text, series name, dates). */
  params: string;
  created_at: string;
  read_at: string | null;
  mail_status: MailStatus;
  /** ISO time before which mail is not attempted (backoff, quiet hours). */
  mail_next_at: string;
  mail_attempts: Generated<number>;
  mail_attempt_id: string | null;
  mail_claimed_at: string | null;
  mail_sent_at: string | null;
  mail_error: string | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  delivery: NotificationDelivery;
}

/** Small named values the notifier keeps, e.g. its cursor over commitment events. */
export interface NotificationStateTable {
  name: string;
  value: string;
}

/** A lease held by one process for a named job until expires_at. */
export interface WorkerLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** A person's secret calendar feed (ICS); only the SHA-256 of its token is stored. */
export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

/**
 * The link in one notification mail that stops that kind of mail without
 * signing in ("digest": the daily digest); only the SHA-256 of its token is kept.
 */
export interface MailStopTokensTable {
  token_hash: string;
  user_id: string;
  kind: string;
  created_at: string;
}
