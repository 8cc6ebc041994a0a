import { existsSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresCluster } from "../helpers/postgres";

describe("the test PostgreSQL cluster", () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("makes databases in C.UTF-8 with unaccent and pg_trgm, on loopback", async () => {
    const url = await cluster.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const collation = await client.query("SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()");
      expect(collation.rows[0]).toEqual({ datcollate: "C.UTF-8", datctype: "C.UTF-8" });
      const extensions = await client.query("SELECT extname FROM pg_extension ORDER BY extname");
      expect(extensions.rows.map((r: { extname: string }) => r.extname)).toEqual(expect.arrayContaining(["pg_trgm", "unaccent"]));
      expect((await client.query("SELECT unaccent('Hải quan Việt Nam') AS t")).rows[0].t).toBe("Hai quan Viet Nam");
      expect((await client.query("SELECT inet_server_addr()::text AS a")).rows[0].a).toBe("127.0.0.1/32");
    } finally {
      await client.end();
    }
  });

  it("leaves nothing behind when stopped", async () => {
    const other = await startPostgres();
    const url = await other.createDatabase();
    const folder = (await (async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query("SHOW data_directory")).rows[0].data_directory as string;
      } finally {
        await client.end();
      }
    })());
    expect(existsSync(folder)).toBe(true);
    await other.stop();
    expect(existsSync(folder)).toBe(false);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow();
  });
});
