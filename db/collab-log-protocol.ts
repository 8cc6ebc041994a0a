/** Messages between the collaboration log (main thread) and its writer thread. */

/** Who delivered an update: the client ids it brought first, and what it deleted (decision 0028). */
export interface Attribution {
  userId: string;
  /** Client ids this update gave the document for the first time; `relayed` when the sender does not speak for them. */
  clients: { id: number; relayed: boolean }[];
  /** The ranges it deleted, encoded by app/collab/delete-ranges.ts; null when none. */
  deletions: Uint8Array | null;
}

export type LogJob =
  | { kind: "append"; docName: string; data: Uint8Array; at: string; attribution?: Attribution }
  /** Replaces the document's snapshot and drops every update stored before it. */
  | { kind: "compact"; docName: string; data: Uint8Array; at: string };

export interface WriterSetup {
  file: string;
  busyTimeoutMs: number;
  sql: {
    insertUpdate: string;
    lastUpdateId: string;
    upsertSnapshot: string;
    deleteUpdatesUpTo: string;
    bindClient: string;
    insertDeletion: string;
  };
}

export type WriterRequest = { kind: "batch"; batch: number; jobs: LogJob[] } | { kind: "checkpoint" } | { kind: "close" };

export type WriterReply =
  /** Committed to SQLite's write-ahead log: survives any crash of the process. */
  | { kind: "committed"; batch: number; ids: number[] }
  | { kind: "failed"; batch: number; message: string }
  | { kind: "closed" };
