import { describe, expect, it } from "vitest";
import { scratchDatabases } from "../../helpers/migration-db";
import { readTranslations, writeTranslation } from "../../../app/models/parallel-texts.server";

const { fresh, migrator } = scratchDatabases();

describe("migration 0013: parallel texts", () => {
  it("gives existing texts the language of their series' first working language, rewriting none of them", async () => {
    const handle = fresh();
    expect((await migrator(handle).migrateTo("0012_document_versions")).error).toBeUndefined();
    const db = handle.db;
    const at = "2026-01-01T00:00:00.000Z";
    await db.insertInto("series").values([
      { id: 1, slug: "vn-cn", name: "VN–CN", description: "", created_at: at, languages: '["vi","zh"]' },
      { id: 2, slug: "old", name: "Old", description: "", created_at: at, languages: "[\"en\"]" },
    ]).execute();
    await db.insertInto("conferences").values([
      { id: 1, series_id: 1, number: 1, title: "Hội nghị lần thứ 1", starts_on: "2026-01-02", ends_on: "2026-01-02", venue: "", format: "online", host_agency_id: null, created_at: at, created_by: null },
      { id: 2, series_id: 2, number: 1, title: "First", starts_on: "2026-01-02", ends_on: "2026-01-02", venue: "", format: "online", host_agency_id: null, created_at: at, created_by: null },
    ]).execute();
    await db.insertInto("commitments").values({ id: 1, series_id: 1, conference_id: 1, source_action_id: null, clause_id: null, text: "Trao đổi thông tin", due_on: null, due_next: 1, status: "open", created_at: at, updated_at: at }).execute();
    await db.insertInto("follow_ups").values({ commitment_id: 1, at, by: null, agency_id: null, note: "Đã trao đổi 2.600 tin", figure_label: null, figure_value: null, figure_unit: null }).execute();

    expect((await migrator(handle).migrateToLatest()).error).toBeUndefined();
    const conferences = await db.selectFrom("conferences").select(["id", "title", "base_language"]).orderBy("id").execute();
    expect(conferences).toEqual([
      { id: 1, title: "Hội nghị lần thứ 1", base_language: "vi" },
      { id: 2, title: "First", base_language: "en" },
    ]);
    expect(await db.selectFrom("commitments").select(["text", "base_language"]).execute()).toEqual([{ text: "Trao đổi thông tin", base_language: "vi" }]);
    expect(await db.selectFrom("follow_ups").select(["note", "base_language"]).execute()).toEqual([{ note: "Đã trao đổi 2.600 tin", base_language: "vi" }]);
    expect(await db.selectFrom("series").select("authentic_languages").orderBy("id").execute()).toEqual([{ authentic_languages: "[]" }, { authentic_languages: "[]" }]);

    await writeTranslation(db, { subject: "commitment", subjectId: 1, field: "text", language: "zh", text: "交换信息", aligned: { language: "vi", text: "Trao đổi thông tin" }, at, by: null });
    await writeTranslation(db, { subject: "commitment", subjectId: 1, field: "text", language: "zh", text: "交换情报", aligned: null, at, by: null });
    const read = await readTranslations(db, "commitment", [1, 2]);
    expect(read.get(1)?.text.zh).toMatchObject({ text: "交换情报", alignedLanguage: null, alignedText: null });
    expect(read.has(2)).toBe(false);

    expect((await migrator(handle).migrateTo("0012_document_versions")).error).toBeUndefined();
    expect(await db.selectFrom("commitments").select("text").execute()).toEqual([{ text: "Trao đổi thông tin" }]);
  });
});

describe("migration 0014: a text in another language changes what the series' dashboards show", () => {
  it("raises the revision of the series the translated thing belongs to, and of a series whose languages change", async () => {
    const handle = fresh();
    expect((await migrator(handle).migrateToLatest()).error).toBeUndefined();
    const db = handle.db;
    const at = "2026-01-01T00:00:00.000Z";
    await db.insertInto("series").values([
      { id: 1, slug: "a", name: "A", description: "", created_at: at, languages: '["vi","zh"]' },
      { id: 2, slug: "b", name: "B", description: "", created_at: at, languages: '["vi","zh"]' },
    ]).execute();
    await db.insertInto("conferences").values({ id: 1, series_id: 1, number: 1, title: "Hội nghị", starts_on: "2026-01-02", ends_on: "2026-01-02", venue: "", format: "online", host_agency_id: null, created_at: at, created_by: null }).execute();
    await db.insertInto("commitments").values({ id: 1, series_id: 1, conference_id: 1, source_action_id: null, clause_id: null, text: "Trao đổi", due_on: null, due_next: 1, status: "open", created_at: at, updated_at: at }).execute();
    await db.insertInto("follow_ups").values({ id: 1, commitment_id: 1, at, by: null, agency_id: null, note: "Đã gửi", figure_label: null, figure_value: null, figure_unit: null }).execute();
    const revisions = async () => (await db.selectFrom("series_revisions").select(["series_id", "revision"]).orderBy("series_id").execute()).map((r) => r.revision);
    let before = await revisions();
    for (const [subject, subjectId] of [["commitment", 1], ["conference", 1], ["follow_up", 1]] as const) {
      await writeTranslation(db, { subject, subjectId, field: subject === "conference" ? "title" : subject === "follow_up" ? "note" : "text", language: "zh", text: "中文", aligned: null, at, by: null });
      const after = await revisions();
      expect(after[0], subject).toBeGreaterThan(before[0]);
      expect(after[1], subject).toBe(before[1]);
      before = after;
    }
    await db.deleteFrom("text_translations").where("subject", "=", "commitment").execute();
    expect((await revisions())[0]).toBeGreaterThan(before[0]);
    before = await revisions();
    await db.updateTable("series").set({ authentic_languages: '["vi"]' }).where("id", "=", 2).execute();
    const after = await revisions();
    expect(after[1]).toBeGreaterThan(before[1]);
    expect(after[0]).toBe(before[0]);
  });
});
