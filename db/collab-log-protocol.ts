/** Messages between the collaboration log (main thread) and its writer thread. */

export type LogJob =
  | { kind: "append"; docName: string; data: Uint8Array; at: string }
  /** Replaces the document's snapshot and drops every update stored before it. */
  | { kind: "compact"; docName: string; data: Uint8Array; at: string };

export interface WriterSetup {
  file: string;
  busyTimeoutMs: number;
  /** How long the writer waits before it tries a failed fsync again. */
  syncRetryMs: number;
  sql: {
    insertUpdate: string;
    lastUpdateId: string;
    upsertSnapshot: string;
    deleteUpdatesUpTo: string;
  };
}

export type WriterRequest = { kind: "batch"; batch: number; jobs: LogJob[] } | { kind: "close" };

export type WriterReply =
  /** Committed to SQLite's write-ahead log: survives any crash of the process. */
  | { kind: "committed"; batch: number; ids: number[] }
  /** The write-ahead log is on disk up to and including this batch: survives power loss. */
  | { kind: "synced"; upToBatch: number }
  | { kind: "failed"; batch: number; message: string }
  | { kind: "syncFailed"; message: string }
  | { kind: "closed" };
