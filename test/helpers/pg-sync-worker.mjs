// Runs statements on PostgreSQL for test/helpers/db.ts, which must answer
// synchronously as better-sqlite3 does: the test thread waits on `signal`
// (Atomics.wait on the count of replies) and reads the reply from `port`
// (receiveMessageOnPort), by the number its request carried.
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

const { url, port, signal } = workerData;
const flag = new Int32Array(signal);
const client = new pg.Client({ connectionString: url });
const connected = client.connect();
// A test that stops its own cluster ends this connection: the next query says so, not a crash of the thread.
client.on("error", () => {});

parentPort.on("message", async (statement) => {
  let reply;
  try {
    await connected;
    const result = await client.query(statement.sql, statement.params ?? []);
    reply = { id: statement.id, ok: true, rows: result.rows ?? [], changes: result.rowCount ?? 0 };
  } catch (error) {
    reply = { id: statement.id, ok: false, message: error.message, code: error.code };
  }
  port.postMessage(reply);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
});
