// Runs statements on PostgreSQL for test/helpers/db.ts, which must answer
// synchronously as better-sqlite3 does: it runs this script with spawnSync.
// stdin: {url, statements: [{sql, params, mode}]}; stdout: one result per statement.
import pg from "pg";

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const decode = (value) => (value && typeof value === "object" && "__bytes" in value ? Buffer.from(value.__bytes, "base64") : value);
const encode = (value) => (Buffer.isBuffer(value) ? { __bytes: value.toString("base64") } : value);

const client = new pg.Client({ connectionString: request.url });
await client.connect();
const results = [];
try {
  for (const statement of request.statements) {
    const result = await client.query(statement.sql, (statement.params ?? []).map(decode));
    const rows = (result.rows ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)])));
    results.push({ rows, changes: result.rowCount ?? 0 });
  }
  process.stdout.write(JSON.stringify({ ok: true, results }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, message: error.message, code: error.code }));
} finally {
  await client.end();
}
