import type { DB } from "../../db/connection";
import type { AgreementView } from "./agreements.server";
import { textsInEveryLanguage } from "./parallel-texts.server";
import { pickText, type ShownText } from "./parallel-text-rules";

/**
 * Agreements as one reader reads them: the title and each clause in the
 * reader's language where there is one, else in another working language
 * with `language`/`wanted` saying so. The base texts stay as they are beside
 * them: the forms that edit an agreement edit those.
 */
export type AgreementForReader = AgreementView & { reading: { title: ShownText; clauses: Record<number, ShownText> } };

export async function agreementsForReader(db: DB, views: AgreementView[], reader: string, working: readonly string[]): Promise<AgreementForReader[]> {
  const clauses = views.flatMap((v) => v.clauses.map((c) => ({ id: c.id, baseLanguage: v.baseLanguage, text: c.text })));
  const [titles, clauseTexts] = await Promise.all([
    textsInEveryLanguage(db, "agreement", views.map((v) => ({ id: v.id, baseLanguage: v.baseLanguage, text: v.title })), "title"),
    clauses.length > 0 ? textsInEveryLanguage(db, "clause", clauses, "text") : new Map<number, Record<string, string>>(),
  ]);
  return views.map((v) => ({
    ...v,
    reading: {
      title: pickText(titles.get(v.id) ?? { [v.baseLanguage]: v.title }, reader, working, v.baseLanguage),
      clauses: Object.fromEntries(v.clauses.map((c) => [c.id, pickText(clauseTexts.get(c.id) ?? { [v.baseLanguage]: c.text }, reader, working, v.baseLanguage)])),
    },
  }));
}
