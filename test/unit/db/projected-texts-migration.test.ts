import { describe, expect, it } from "vitest";
import { scratchDatabases } from "../../helpers/migration-db";
import { projectConference } from "../../../app/models/projection.server";
import { getAgendaTexts, getDraftActionTexts } from "../../../app/models/conferences.server";

const { fresh, migrator } = scratchDatabases();
const at = "2026-01-01T00:00:00.000Z";

describe("migration 0022: every language's texts in the projection", () => {
  it("keeps the projected base texts and lists the conferences that had any for projecting again", async () => {
    const handle = fresh();
    expect((await migrator(handle).migrateTo("0021_conference_revisions")).error).toBeUndefined();
    const db = handle.db;
    await db.insertInto("series").values({ id: 1, slug: "vn-cn", name: "VN–CN", description: "", created_at: at, languages: '["vi","zh"]' }).execute();
    const conference = (id: number) => ({ id, series_id: 1, number: id, title: `Hội nghị lần thứ ${id}`, starts_on: "2026-01-02", ends_on: "2026-01-02", venue: "", format: "online" as const, host_agency_id: null, created_at: at, created_by: null, base_language: "vi" });
    await db.insertInto("conferences").values([conference(1), conference(2), conference(3)]).execute();
    await db.insertInto("agenda_items").values({ conference_id: 1, item_id: "a", position: "a0", title: "Khai mạc", kind: "opening", lead_party: null, start_time: null, duration_minutes: null, notes_text: "", outcome_text: "" }).execute();
    await db.insertInto("draft_actions").values({ conference_id: 2, action_id: "x", position: "a0", text: "Trao đổi thông tin", owners: "[]", due: null }).execute();

    expect((await migrator(handle).migrateToLatest()).error).toBeUndefined();
    expect(await db.selectFrom("agenda_items").select(["item_id", "title"]).execute()).toEqual([{ item_id: "a", title: "Khai mạc" }]);
    expect(await db.selectFrom("draft_actions").select(["action_id", "text"]).execute()).toEqual([{ action_id: "x", text: "Trao đổi thông tin" }]);
    // The third never had an agenda: nothing to project again.
    expect((await db.selectFrom("projection_backlog").select("conference_id").orderBy("conference_id").execute()).map((r) => r.conference_id)).toEqual([1, 2]);
    expect(await db.selectFrom("agenda_item_texts").selectAll().execute()).toEqual([]);
  });

  it("is projected into: other languages with a text get a row, the base and empty ones none, and a projection replaces them", async () => {
    const handle = fresh();
    expect((await migrator(handle).migrateToLatest()).error).toBeUndefined();
    const db = handle.db;
    await db.insertInto("series").values({ id: 1, slug: "tri", name: "Tri", description: "", created_at: at, languages: '["vi","zh","en"]' }).execute();
    await db.insertInto("conferences").values({ id: 1, series_id: 1, number: 1, title: "Hội nghị", starts_on: "2026-01-02", ends_on: "2026-01-02", venue: "", format: "online", host_agency_id: null, created_at: at, created_by: null, base_language: "vi" }).execute();
    const item = { id: "i1", position: "a0", kind: "thematic" as const, leadParty: null, startTime: null, durationMinutes: null };
    await projectConference(db, 1, [
      {
        ...item,
        title: "Hợp tác",
        notesText: "Ghi chú",
        outcomeText: "",
        texts: { vi: { title: "Hợp tác", notesText: "Ghi chú", outcomeText: "" }, zh: { title: "合作", notesText: "", outcomeText: "" }, en: { title: " ", notesText: "", outcomeText: "" } },
      },
    ], [{ id: "x1", position: "a0", text: "Trao đổi", owners: ["VNC"], due: null, texts: { vi: { text: "Trao đổi" }, zh: { text: "" }, en: { text: "Exchange" } } }]);
    expect(await getAgendaTexts(db, 1)).toEqual(new Map([["i1", { zh: { title: "合作", notesText: "", outcomeText: "" } }]]));
    expect(await getDraftActionTexts(db, 1)).toEqual(new Map([["x1", { en: "Exchange" }]]));

    // The item gone from the document: its texts go with it.
    await projectConference(db, 1, [], []);
    expect(await db.selectFrom("agenda_item_texts").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("draft_action_texts").selectAll().execute()).toEqual([]);
  });

  it("goes down and up again", async () => {
    const handle = fresh();
    expect((await migrator(handle).migrateToLatest()).error).toBeUndefined();
    expect((await migrator(handle).migrateTo("0021_conference_revisions")).error).toBeUndefined();
    expect((await migrator(handle).migrateToLatest()).error).toBeUndefined();
  });
});
