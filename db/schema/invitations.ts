import type { MailStatus } from "./notifications";
import type { Generated } from "kysely";

export interface InvitationsTable {
  id: Generated<number>;
  /** SHA-256 of the one-time token; the token itself is never stored. */
  token_hash: string;
  email: string;
  name: string;
  is_admin: number;
  agency_id: number | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** The invitee's language ("en", "vi", "zh"): of the mail, then of the account (migration 0016). */
  locale: string | null;
}

/** The invitations' outbox: one row per mail asked for (the invitation, each re-send). */
export interface InvitationMailsTable {
  id: Generated<number>;
  invitation_id: number;
  /** The administrator who invited or re-sent. */
  requested_by: string;
  created_at: string;
  mail_status: MailStatus;
  mail_next_at: string;
  mail_attempts: Generated<number>;
  mail_attempt_id: string | null;
  mail_claimed_at: string | null;
  mail_sent_at: string | null;
  mail_error: string | null;
}

/**
 * Further one-time tokens of an invitation: the one in each mail sent, minted
 * when it was sent; only the SHA-256 is kept. Any of them opens the invitation
 * while it is open; using it spends them all.
 */
export interface InvitationTokensTable {
  token_hash: string;
  invitation_id: number;
  created_at: string;
}
