import type pg from "pg";
import type { FileStore } from "../app/http/request-context.server";

/**
 * Uploaded documents in PostgreSQL, as large objects: every instance reads
 * the same bytes, and a backup of the database holds them. They go in and
 * come out in pieces, so no single message carries a whole 20 MB document.
 * The stored name is "pg<oid>.<extension>"; the name a person uploaded stays
 * metadata, as with files on disk (server/file-store.ts).
 */
const PIECE_BYTES = 1024 * 1024;

function oidOf(name: string): number {
  const match = /^pg(\d{1,10})\.[a-z0-9]{1,8}$/.exec(name);
  if (!match) throw new Error("invalid stored file name");
  return Number(match[1]);
}

async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    await client.query("ROLLBACK").catch(() => {});
    throw broken;
  } finally {
    client.release(broken);
  }
}

export function createPostgresFileStore(pool: pg.Pool): FileStore {
  return {
    async save(bytes, extension) {
      if (!/^[a-z0-9]{1,8}$/.test(extension)) throw new Error("invalid extension");
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // One transaction: a document half written is never visible.
      const oid = await inTransaction(pool, async (client) => {
        const created = await client.query<{ oid: number }>("SELECT lo_from_bytea(0, $1) AS oid", [buffer.subarray(0, PIECE_BYTES)]);
        const oid = Number(created.rows[0].oid);
        for (let offset = PIECE_BYTES; offset < buffer.byteLength; offset += PIECE_BYTES) {
          await client.query("SELECT lo_put($1, $2, $3)", [oid, offset, buffer.subarray(offset, offset + PIECE_BYTES)]);
        }
        return oid;
      });
      return `pg${oid}.${extension}`;
    },
    async read(name) {
      const oid = oidOf(name);
      // Repeatable read: every piece from the same committed version.
      return inTransaction(pool, async (client) => {
        await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        const pieces: Buffer[] = [];
        for (let offset = 0; ; offset += PIECE_BYTES) {
          const piece = (await client.query<{ data: Buffer }>("SELECT lo_get($1, $2, $3) AS data", [oid, offset, PIECE_BYTES])).rows[0].data;
          pieces.push(piece);
          if (piece.byteLength < PIECE_BYTES) break;
        }
        return Buffer.concat(pieces);
      });
    },
    async remove(name) {
      const oid = oidOf(name);
      await pool.query("SELECT lo_unlink(oid) FROM pg_largeobject_metadata WHERE oid = $1", [oid]);
    },
  };
}
