import type SQLite from "better-sqlite3";
import type { DatabaseHandle } from "./connection";

/**
 * Durable storage of collaborative documents: an append-only log of updates
 * and, per document, one compacted snapshot.
 *
 * Appends are synchronous on purpose. The hub stores an update and only then
 * relays it, in one uninterrupted step of the event loop, so no client can
 * ever see an edit that a crash would lose. The statements are compiled by
 * Kysely (so the schema stays the single source of truth) and run through the
 * SQLite driver's synchronous API.
 */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: { id: number; data: Uint8Array }[];
}

export interface CollabStore {
  append(docName: string, update: Uint8Array): number;
  load(docName: string): StoredDocument;
  /** Replaces the snapshot and drops the updates it covers, atomically. */
  compact(docName: string, snapshot: Uint8Array, lastUpdateId: number): void;
  /** How many updates are stored after the snapshot. */
  pendingCount(docName: string): number;
  /** The last update id folded into the snapshot (0 without one). */
  lastSnapshotId(docName: string): number;
}

export function createCollabStore({ db, sqlite }: DatabaseHandle): CollabStore {
  const prepare = (query: { compile(): { sql: string } }): SQLite.Statement => sqlite.prepare(query.compile().sql);

  const insertUpdate = prepare(
    db.insertInto("collab_updates").values({ doc_name: "", data: new Uint8Array(), created_at: "" }),
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
  const upsertSnapshot = prepare(
    db
      .insertInto("collab_snapshots")
      .values({ doc_name: "", data: new Uint8Array(), last_update_id: 0, updated_at: "" })
      .onConflict((oc) =>
        oc.column("doc_name").doUpdateSet((eb) => ({
          data: eb.ref("excluded.data"),
          last_update_id: eb.ref("excluded.last_update_id"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      ),
  );
  const deleteUpdatesUpTo = prepare(
    db.deleteFrom("collab_updates").where("doc_name", "=", "").where("id", "<=", 0),
  );

  const snapshotOf = (docName: string) =>
    selectSnapshot.get(docName) as { data: Buffer; last_update_id: number } | undefined;

  const compactTx = sqlite.transaction((docName: string, snapshot: Uint8Array, lastUpdateId: number) => {
    upsertSnapshot.run(docName, Buffer.from(snapshot), lastUpdateId, new Date().toISOString());
    deleteUpdatesUpTo.run(docName, lastUpdateId);
  });

  return {
    append(docName, update) {
      const result = insertUpdate.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength), new Date().toISOString());
      return Number(result.lastInsertRowid);
    },
    load(docName) {
      const snapshot = snapshotOf(docName);
      const after = snapshot?.last_update_id ?? 0;
      const updates = (selectUpdates.all(docName, after) as { id: number; data: Buffer }[]).map((row) => ({
        id: row.id,
        data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
      }));
      return { snapshot: snapshot ? new Uint8Array(snapshot.data) : null, updates };
    },
    compact(docName, snapshot, lastUpdateId) {
      compactTx(docName, snapshot, lastUpdateId);
    },
    lastSnapshotId(docName) {
      return snapshotOf(docName)?.last_update_id ?? 0;
    },
    pendingCount(docName) {
      const after = snapshotOf(docName)?.last_update_id ?? 0;
      return Number((countUpdates.get(docName, after) as { n: number }).n);
    },
  };
}
