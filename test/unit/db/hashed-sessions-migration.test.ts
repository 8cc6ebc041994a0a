import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scratchDatabases } from "../../helpers/migration-db";
import { createSessionService } from "../../../app/models/session.server";

const { fresh, migrator } = scratchDatabases();

describe("migration 0008: session ids stored as SHA-256", () => {
  it("rehashes sessions in place, so nobody is signed out by the upgrade, and down signs everyone out", async () => {
    const handle = fresh();
    const result = await migrator(handle).migrateTo("0005_dashboard_indexes");
    expect(result.error).toBeUndefined();
    const now = new Date();
    await handle.db.insertInto("users").values({ id: "u1", email: "a@b.test", name: "A", password_hash: null, is_admin: 0, agency_id: null, locale: "en", created_at: now.toISOString() }).execute();
    const liveId = "a-session-id-from-before-the-upgrade";
    await handle.db
      .insertInto("sessions")
      .values({ id: liveId, user_id: "u1", expires_at: new Date(now.getTime() + 3_600_000).toISOString(), created_at: now.toISOString() })
      .execute();

    expect((await migrator(handle).migrateToLatest()).error).toBeUndefined();
    const rows = await handle.db.selectFrom("sessions").select("id").execute();
    expect(rows).toEqual([{ id: createHash("sha256").update(liveId).digest("hex") }]);
    // The browser's cookie still holds the old id, and it still works.
    const sessions = createSessionService(handle.db, { idleMinutes: 60, absoluteHours: 24, secureCookies: false });
    expect((await sessions.validate(liveId))?.user.id).toBe("u1");
    expect(await sessions.validate(rows[0].id)).toBeNull();

    expect((await migrator(handle).migrateTo("0005_dashboard_indexes")).error).toBeUndefined();
    expect(await handle.db.selectFrom("sessions").select("id").execute()).toEqual([]);
  });
});
