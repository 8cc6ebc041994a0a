import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import type { AgendaItemView, DraftActionView } from "../collab/conference-doc";

/**
 * Mirrors a conference document's agenda and draft actions into SQL, so that
 * pages, search and the API never parse a Yjs document. Replaces the rows in
 * one transaction: readers see the old or the new agenda, never half of each.
 */
export async function projectConference(
  db: DB,
  conferenceId: number,
  agenda: AgendaItemView[],
  actions: DraftActionView[],
): Promise<number | null> {
  const conference = await db.selectFrom("conferences").select("series_id").where("id", "=", conferenceId).executeTakeFirst();
  if (!conference) return null;
  await serializable(db, async (trx) => {
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
  });
  return conference.series_id;
}
