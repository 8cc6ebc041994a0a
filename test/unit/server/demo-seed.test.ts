import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../db/connection";
import { createCollabStore } from "../../../db/collab-store";
import { migrateToLatest } from "../../../db/migrate";
import { demoAgreements, demoConferences, demoProgress } from "../../../db/seed/demo-data";
import { demoTranslations } from "../../../db/seed/demo-translations";
import { readActions, readAgenda } from "../../../app/collab/conference-doc";
import { checkConclusion } from "../../../app/collab/conclusion-check";
import { getConferenceLanguages } from "../../../app/models/conference-languages.server";
import { seedDemoData } from "../../../server/demo-seed";

// The demo is how a newcomer first meets parallel texts: both series in
// Vietnamese, Chinese and English, every text written in each, nothing stale.

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;
const HAN = /\p{Script=Han}/u;

let dir: string;
let handle: DatabaseHandle;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-demo-"));
  handle = openDatabase(path.join(dir, "accord.db"));
  await migrateToLatest(handle.db);
  await seedDemoData(handle, { now: () => new Date("2026-12-01T09:00:00.000Z") });
}, 60_000);

afterAll(async () => {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function documentOf(conferenceId: number) {
  const store = createCollabStore(handle);
  const stored = await store.load(`conference/${conferenceId}`);
  store.close();
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update.data);
  return doc;
}

describe("the demo's texts", () => {
  it("are written in Vietnamese with its diacritics and in Chinese characters, and every one is used", () => {
    const english = new Set<string>([
      ...demoConferences.flatMap((c) => [c.title, ...c.agenda.flatMap((i) => [i.title, i.notes ?? "", i.outcome ?? ""]), ...c.actions.map((a) => a.text)]),
      ...demoAgreements.flatMap((a) => [a.title, ...a.clauses.map((c) => c.text)]),
      ...demoProgress.map((p) => p.note),
      // A review's note is the reason a commitment dropped there was dropped for.
      ...demoConferences.flatMap((c) => Object.values(c.reviews ?? {}).flatMap((r) => (r.outcome === "dropped" ? [r.note] : []))),
    ]);
    english.delete("");
    for (const [source, { vi, zh }] of demoTranslations) {
      expect(english.has(source), `"${source}" is not a demo text`).toBe(true);
      expect(vi, source).toMatch(VIETNAMESE_LETTER);
      expect(zh, source).toMatch(HAN);
      // Latin letters in the Chinese only for what GACC writes in Latin (the convention's name).
      expect(zh.replace(/CITES/g, ""), source).not.toMatch(/[A-Za-z]/);
    }
    for (const text of english) expect(demoTranslations.has(text), `no translation of "${text}"`).toBe(true);
    const mekong = demoTranslations.get("Mekong Dragon has led to more than 4,500 cases across the Asia-Pacific.")!;
    expect(mekong.vi).toContain("Rồng Mê Kông");
    expect(mekong.vi).toContain("4.500");
    expect(mekong.zh).toContain("湄公龙");
    expect(mekong.zh).toContain("4500");
  });
});

describe("the demo series", () => {
  it("work in Vietnamese, Chinese and English, Vietnamese and Chinese being authentic", async () => {
    const series = await handle.db.selectFrom("series").select(["slug", "languages", "authentic_languages"]).orderBy("slug").execute();
    expect(series).toEqual([
      { slug: "two-countries-four-agencies", languages: '["vi","zh","en"]', authentic_languages: '["vi","zh"]' },
      { slug: "vn-cn-anti-smuggling", languages: '["vi","zh","en"]', authentic_languages: '["vi","zh"]' },
    ]);
  });

  it("hold every agenda item and draft action in each language, in line with the English, so each can be concluded", async () => {
    const conferences = await handle.db.selectFrom("conferences").select(["id", "number", "series_id", "base_language"]).execute();
    expect(conferences).toHaveLength(demoConferences.length);
    for (const conference of conferences) {
      expect(conference.base_language).toBe("en");
      const languages = await getConferenceLanguages(handle.db, conference.id);
      expect(languages).toEqual({ base: "en", working: ["vi", "zh", "en"], authentic: ["vi", "zh"] });
      const doc = await documentOf(conference.id);
      const agenda = readAgenda(doc, languages);
      const actions = readActions(doc, languages);
      for (const entry of [...agenda, ...actions]) {
        for (const [field, aligned] of Object.entries(entry.alignment ?? {})) {
          expect(aligned.source, `${conference.number} ${field}`).toBe("en");
          expect(aligned.states, `${conference.number} ${field}`).toEqual({ en: { state: "source" }, vi: { state: "current" }, zh: { state: "current" } });
        }
      }
      const check = checkConclusion(agenda, actions, [], "2021-01-01", languages);
      expect(check.problems.filter((p) => p.kind === "textMissing" || p.kind === "textStale")).toEqual([]);
      doc.destroy();
    }
    // The planned 18th conference, as a secretariat opens it.
    const eighteenth = conferences.find((c) => c.number === 18)!;
    const doc = await documentOf(eighteenth.id);
    const agenda = readAgenda(doc, await getConferenceLanguages(handle.db, eighteenth.id));
    expect(agenda.map((item) => item.texts?.vi.title)).toEqual([
      "Phát biểu khai mạc của Trưởng đoàn hai bên",
      "Rà soát kết quả thực hiện các nội dung đã thống nhất từ Hội nghị lần thứ 17",
      "Buôn lậu ma túy và động vật, thực vật hoang dã (CITES)",
      "Bế mạc và thông qua Biên bản hội nghị",
    ]);
    expect(agenda.map((item) => item.texts?.zh.title)).toEqual([
      "双方代表团团长致开幕辞",
      "回顾第十七次会议以来商定事项落实情况",
      "毒品及濒危野生动植物（CITES）走私",
      "闭幕并通过会议纪要",
    ]);
    doc.destroy();
  });

  it("adopted their concluded records in every language", async () => {
    const records = await handle.db.selectFrom("adopted_records").select(["conference_id", "content_json"]).execute();
    expect(records).toHaveLength(demoConferences.filter((c) => c.status === "concluded").length);
    for (const record of records) {
      const content = JSON.parse(record.content_json) as {
        languages: unknown;
        agenda: { title: string; texts: Record<string, { title: string }> }[];
        actions: { text: string; texts: Record<string, { text: string }> }[];
      };
      expect(content.languages).toEqual({ base: "en", working: ["vi", "zh", "en"], authentic: ["vi", "zh"] });
      for (const item of content.agenda) {
        expect(item.texts.en.title).toBe(item.title);
        expect(item.texts.vi.title).toBe(demoTranslations.get(item.title)?.vi);
        expect(item.texts.zh.title).toBe(demoTranslations.get(item.title)?.zh);
      }
      for (const action of content.actions) {
        expect(action.texts.vi.text).toBe(demoTranslations.get(action.text)?.vi);
        expect(action.texts.zh.text).toBe(demoTranslations.get(action.text)?.zh);
      }
    }
  });

  it("have every commitment, conference title, agreement, clause, progress note and reason for a status in Vietnamese and Chinese, in line with its English", async () => {
    const sources = [
      { subject: "commitment", rows: await handle.db.selectFrom("commitments").select(["id", "text"]).execute() },
      { subject: "conference", rows: await handle.db.selectFrom("conferences").select(["id", "title as text"]).execute() },
      { subject: "agreement", rows: await handle.db.selectFrom("agreements").select(["id", "title as text"]).execute() },
      { subject: "clause", rows: await handle.db.selectFrom("clauses").select(["id", "text"]).execute() },
      { subject: "follow_up", rows: await handle.db.selectFrom("follow_ups").select(["id", "note as text"]).execute() },
      {
        subject: "status_reason",
        rows: await handle.db
          .selectFrom("commitment_events")
          .select(["id", "reason as text"])
          .where("kind", "=", "status")
          .where("reason", "is not", null)
          .$narrowType<{ text: string }>()
          .execute(),
      },
    ] as const;
    // A series' names per language are names, not texts kept in line with English (series-names.server.ts).
    const translations = await handle.db.selectFrom("text_translations").selectAll().where("subject", "!=", "series").execute();
    let expected = 0;
    for (const { subject, rows } of sources) {
      expect(rows.length, subject).toBeGreaterThan(0);
      for (const row of rows) {
        for (const language of ["vi", "zh"] as const) {
          const found = translations.find((t) => t.subject === subject && t.subject_id === row.id && t.language === language);
          expect(found, `${subject} ${row.id} in ${language}`).toMatchObject({
            text: demoTranslations.get(row.text)?.[language],
            aligned_language: "en",
            aligned_text: row.text,
          });
          expected++;
        }
      }
    }
    expect(translations).toHaveLength(expected);
  });

  it("name each series in Vietnamese and Chinese, with its description", async () => {
    const names = await handle.db.selectFrom("text_translations").select(["subject_id", "field", "language", "text"]).where("subject", "=", "series").execute();
    const series = await handle.db.selectFrom("series").select("id").execute();
    expect(series.length).toBeGreaterThan(0);
    for (const { id } of series) {
      for (const language of ["vi", "zh"]) {
        for (const field of ["name", "description"]) {
          const found = names.find((n) => n.subject_id === id && n.language === language && n.field === field);
          expect(found?.text, `series ${id} ${field} in ${language}`).toMatch(language === "zh" ? /\p{Script=Han}/u : /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu);
        }
      }
    }
  });
});
