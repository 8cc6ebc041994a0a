export interface SessionsTable {
  id: string;
  user_id: string;
  /** Idle expiry, pushed forward on use (ISO 8601, UTC). */
  expires_at: string;
  /** Start of the session; the absolute lifetime counts from here. */
  created_at: string;
}
