import type { Generated } from "kysely";

/** The person each Yjs client id of a document is attributed to: who first delivered its edits (migration 0015). */
export interface CollabClientsTable {
  doc_name: string;
  client_id: number;
  user_id: string;
  /** 1 when that person re-uploaded edits of a client their connection does not speak for. */
  relayed: Generated<number>;
  first_at: string;
}

/** What one accepted update deleted, and who sent it; kept through compaction. */
export interface CollabDeletionsTable {
  id: Generated<number>;
  doc_name: string;
  user_id: string;
  ranges: Uint8Array;
  created_at: string;
}

/** A conference document as one person last marked it seen. */
export interface ConferenceSeenTable {
  user_id: string;
  conference_id: number;
  state: Uint8Array;
  seen_at: string;
}
