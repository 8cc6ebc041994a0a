import type { DB } from "../../db/connection";
import { listAuditEvents } from "./audit.server";

async function count(db: DB, table: "agencies" | "users" | "series") {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getAdminOverview(db: DB) {
  const [agencies, users, series, events] = await Promise.all([
    count(db, "agencies"),
    count(db, "users"),
    count(db, "series"),
    listAuditEvents(db, { limit: 25 }),
  ]);
  return { agencies, users, series, events };
}
