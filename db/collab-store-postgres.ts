import type { PostgresHandle } from "./connection";
import type { CollabStore, StoredDocument } from "./collab-store";

/**
 * Stored collaborative documents on PostgreSQL: the snapshot and the updates
 * not folded into it are read in one REPEATABLE READ transaction, so a
 * compaction that commits between the two reads cannot hide updates (as
 * SQLite's read transaction guarantees in db/collab-store.ts). Compaction
 * deletes exactly the rows it folded (db/collab-log-postgres.ts), so every row
 * left is read, whatever its id: with several instances an id below the
 * snapshot's last one can commit after it.
 */
export function createPostgresCollabStore({ pool }: PostgresHandle): CollabStore {
  const bytes = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return {
    async append(docName, update) {
      const result = await pool.query<{ id: number }>(
        "INSERT INTO collab_updates (doc_name, data, created_at) VALUES ($1, $2, $3) RETURNING id",
        [docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength), new Date().toISOString()],
      );
      return Number(result.rows[0].id);
    },
    async load(docName): Promise<StoredDocument> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const snapshot = (
          await client.query<{ data: Buffer; last_update_id: number }>(
            "SELECT data, last_update_id FROM collab_snapshots WHERE doc_name = $1",
            [docName],
          )
        ).rows[0];
        const updates = await client.query<{ id: number; data: Buffer }>("SELECT id, data FROM collab_updates WHERE doc_name = $1 ORDER BY id", [
          docName,
        ]);
        const fence = await client.query("SELECT 1 FROM collab_fences WHERE doc_name = $1", [docName]);
        await client.query("COMMIT");
        return {
          snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
          updates: updates.rows.map((row) => ({ id: Number(row.id), data: bytes(row.data) })),
          fenced: fence.rows.length > 0,
        };
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        await client.query("ROLLBACK").catch(() => {});
        throw broken;
      } finally {
        client.release(broken);
      }
    },
    async pendingCount(docName) {
      const result = await pool.query<{ n: number }>("SELECT count(*) AS n FROM collab_updates WHERE doc_name = $1", [docName]);
      return Number(result.rows[0].n);
    },
    // The lock alone waits for every append holding it shared (the trigger of
    // migration 0017) to commit; an append after this commit sees the row.
    async fence(docName) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended('accord:fence:' || $1, 0))", [docName]);
        await client.query("INSERT INTO collab_fences (doc_name, fenced_at) VALUES ($1, $2) ON CONFLICT (doc_name) DO NOTHING", [
          docName,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        await client.query("ROLLBACK").catch(() => {});
        throw broken;
      } finally {
        client.release(broken);
      }
    },
    async unfence(docName) {
      await pool.query("DELETE FROM collab_fences WHERE doc_name = $1", [docName]);
    },
    async lastUpdateIds(docNames) {
      const result = await pool.query<{ doc_name: string; id: number }>(
        "SELECT doc_name, max(id) AS id FROM collab_updates WHERE doc_name = ANY($1::text[]) GROUP BY doc_name",
        [docNames],
      );
      return new Map(result.rows.map((row) => [row.doc_name, Number(row.id)]));
    },
    close() {},
  };
}
