export interface SessionsTable {
  /** SHA-256 (hex) of the session id in the cookie; the id itself is never stored (migration 0008). */
  id: string;
  user_id: string;
  /** Idle expiry, pushed forward on use (ISO 8601, UTC). */
  expires_at: string;
  /** Start of the session; the absolute lifetime counts from here. */
  created_at: string;
}
