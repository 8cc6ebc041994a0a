import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import type { AgendaItemView, DraftActionView } from "../collab/conference-doc";

/**
 * Mirrors a conference document's agenda and draft actions into SQL, so that
 * pages, search and the API never parse a Yjs document. Replaces the rows in
 * one transaction: readers see the old or the new agenda, never half of each.
 *
 * Views read with the conference's languages carry every language's texts:
 * the base language's go in the item's own row, each other language that has
 * any text in a row of its own (agenda_item_texts, draft_action_texts).
 */
export async function projectConference(
  db: DB,
  conferenceId: number,
  agenda: AgendaItemView[],
  actions: DraftActionView[],
): Promise<number | null> {
  const conference = await db.selectFrom("conferences").select(["series_id", "base_language"]).where("id", "=", conferenceId).executeTakeFirst();
  if (!conference) return null;
  const base = conference.base_language;
  const itemTexts = agenda.flatMap((item) =>
    Object.entries(item.texts ?? {})
      .filter(([language, t]) => language !== base && [t.title, t.notesText, t.outcomeText].some(filled))
      .map(([language, t]) => ({
        conference_id: conferenceId,
        item_id: item.id,
        language,
        title: t.title,
        notes_text: t.notesText,
        outcome_text: t.outcomeText,
      })),
  );
  const actionTexts = actions.flatMap((action) =>
    Object.entries(action.texts ?? {})
      .filter(([language, t]) => language !== base && filled(t.text))
      .map(([language, t]) => ({ conference_id: conferenceId, action_id: action.id, language, text: t.text })),
  );
  await serializable(db, async (trx) => {
    // The texts go with their items (foreign keys, on delete cascade); deleted first all the same, so nothing depends on the pragma.
    await trx.deleteFrom("agenda_item_texts").where("conference_id", "=", conferenceId).execute();
    await trx.deleteFrom("draft_action_texts").where("conference_id", "=", conferenceId).execute();
    await trx.deleteFrom("agenda_items").where("conference_id", "=", conferenceId).execute();
    await trx.deleteFrom("draft_actions").where("conference_id", "=", conferenceId).execute();
    if (agenda.length) {
      await trx
        .insertInto("agenda_items")
        .values(
          agenda.map((item) => ({
            conference_id: conferenceId,
            item_id: item.id,
            position: item.position,
            title: item.title,
            kind: item.kind,
            lead_party: item.leadParty,
            start_time: item.startTime,
            duration_minutes: item.durationMinutes,
            notes_text: item.notesText,
            outcome_text: item.outcomeText,
          })),
        )
        .execute();
    }
    if (itemTexts.length) await trx.insertInto("agenda_item_texts").values(itemTexts).execute();
    if (actions.length) {
      await trx
        .insertInto("draft_actions")
        .values(
          actions.map((action) => ({
            conference_id: conferenceId,
            action_id: action.id,
            position: action.position,
            text: action.text,
            owners: JSON.stringify(action.owners),
            due: action.due,
          })),
        )
        .execute();
    }
    if (actionTexts.length) await trx.insertInto("draft_action_texts").values(actionTexts).execute();
  });
  return conference.series_id;
}

const filled = (text: string) => text.trim() !== "";
