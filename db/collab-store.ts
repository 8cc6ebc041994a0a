import SQLite from "better-sqlite3";
import type { DatabaseHandle, SqliteHandle } from "./connection";
import { createPostgresCollabStore } from "./collab-store-postgres";

/**
 * Reading stored collaborative documents: an append-only log of updates and,
 * per document, one compacted snapshot. The hub writes through the
 * collaboration log (db/collab-log.ts) on a thread of its own; `append` here
 * is for seeding, before the hub starts.
 *
 * Loads read in one transaction on a connection of their own, never inside a
 * transaction the app has open, so they always see every stored update. On
 * SQLite they are synchronous underneath; the interface is a promise so that
 * PostgreSQL (db/collab-store-postgres.ts) can answer it too. The statements
 * are compiled by Kysely so the schema stays the single source of truth.
 */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: { id: number; data: Uint8Array }[];
  /** Frozen for adoption (collab_fences): no edit of it will be stored (decision 0034). */
  fenced?: boolean;
}

export interface CollabStore {
  /** Appends on the app's connection: for seeding only, before the hub starts. */
  append(docName: string, update: Uint8Array): Promise<number>;
  load(docName: string): Promise<StoredDocument>;
  /** How many updates are stored after the snapshot. */
  pendingCount(docName: string): Promise<number>;
  /**
   * Stores no edit of the document from now on, from any instance; resolves
   * once every append that began before is committed (decision 0034).
   */
  fence(docName: string): Promise<void>;
  /** Lifts the fence: adoption failed. */
  unfence(docName: string): Promise<void>;
  /** The highest id of a row stored for each document (absent: none), for the periodic catch-up. */
  lastUpdateIds(docNames: string[]): Promise<Map<string, number>>;
  close(): void;
}

export function createCollabStore(handle: DatabaseHandle): CollabStore {
  return handle.dialect === "postgres" ? createPostgresCollabStore(handle) : createSqliteCollabStore(handle);
}

/** SQLite reads synchronously underneath; benchmarks time that read alone. */
export interface SqliteCollabStore extends CollabStore {
  loadNow(docName: string): StoredDocument;
}

export function createSqliteCollabStore({ db, sqlite }: SqliteHandle): SqliteCollabStore {
  const reader = sqlite.memory ? sqlite : new SQLite(sqlite.name, { readonly: true, fileMustExist: true });
  const compile = (query: { compile(): { sql: string } }) => query.compile().sql;
  const prepare = (query: { compile(): { sql: string } }): SQLite.Statement => reader.prepare(compile(query));

  const insertUpdate = sqlite.prepare(
    compile(db.insertInto("collab_updates").values({ doc_name: "", data: new Uint8Array(), created_at: "" })),
  );
  const selectSnapshot = prepare(
    db.selectFrom("collab_snapshots").select(["data", "last_update_id"]).where("doc_name", "=", ""),
  );
  const selectUpdates = prepare(
    db.selectFrom("collab_updates").select(["id", "data"]).where("doc_name", "=", "").where("id", ">", 0).orderBy("id"),
  );
  const countUpdates = prepare(
    db
      .selectFrom("collab_updates")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("doc_name", "=", "")
      .where("id", ">", 0),
  );
  const insertFence = sqlite.prepare(
    compile(db.insertInto("collab_fences").values({ doc_name: "", fenced_at: "" }).onConflict((oc) => oc.column("doc_name").doNothing())),
  );
  const deleteFence = sqlite.prepare(compile(db.deleteFrom("collab_fences").where("doc_name", "=", "")));
  const selectFence = prepare(db.selectFrom("collab_fences").select("doc_name").where("doc_name", "=", ""));
  const selectLastId = prepare(
    db
      .selectFrom("collab_updates")
      .select((eb) => eb.fn.max("id").as("id"))
      .where("doc_name", "=", ""),
  );
  const snapshotOf = (docName: string) =>
    selectSnapshot.get(docName) as { data: Buffer; last_update_id: number } | undefined;

  // One read transaction: a compaction committed between the two reads would otherwise hide updates.
  const readDocument = reader.transaction((docName: string): StoredDocument => {
    const snapshot = snapshotOf(docName);
    const after = snapshot?.last_update_id ?? 0;
    const updates = (selectUpdates.all(docName, after) as { id: number; data: Buffer }[]).map((row) => ({
      id: row.id,
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
    }));
    return { snapshot: snapshot ? new Uint8Array(snapshot.data) : null, updates, fenced: selectFence.get(docName) !== undefined };
  });

  return {
    async append(docName, update) {
      const result = insertUpdate.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength), new Date().toISOString());
      return Number(result.lastInsertRowid);
    },
    async load(docName) {
      return readDocument(docName);
    },
    loadNow(docName) {
      return readDocument(docName);
    },
    async pendingCount(docName) {
      const after = snapshotOf(docName)?.last_update_id ?? 0;
      return Number((countUpdates.get(docName, after) as { n: number }).n);
    },
    // One process: the hub's freeze already keeps every edit out; the row says so for both databases.
    async fence(docName) {
      insertFence.run(docName, new Date().toISOString());
    },
    async unfence(docName) {
      deleteFence.run(docName);
    },
    async lastUpdateIds(docNames) {
      const ids = new Map<string, number>();
      for (const docName of docNames) {
        const row = selectLastId.get(docName) as { id: number | null } | undefined;
        if (row?.id != null) ids.set(docName, row.id);
      }
      return ids;
    },
    close() {
      if (reader !== sqlite) reader.close();
    },
  };
}
