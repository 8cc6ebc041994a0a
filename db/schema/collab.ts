import type { Generated } from "kysely";

/** Every accepted Yjs update, appended before it is relayed to anyone. */
export interface CollabUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  data: Uint8Array;
  created_at: string;
}

/** A compacted state of a document; updates with id <= last_update_id are folded in. */
export interface CollabSnapshotsTable {
  doc_name: string;
  data: Uint8Array;
  last_update_id: number;
  updated_at: string;
}

/** A document frozen for adoption: no instance may store an edit of it (decision 0034). */
export interface CollabFencesTable {
  doc_name: string;
  fenced_at: string;
}

/** Projection of a conference document's agenda, for pages and the API. */
export interface AgendaItemsTable {
  conference_id: number;
  item_id: string;
  position: string;
  title: string;
  kind: string;
  lead_party: string | null;
  start_time: string | null;
  duration_minutes: number | null;
  notes_text: string;
  outcome_text: string;
}

/** An agenda item's texts in one language other than its conference's base language (migration 0022). */
export interface AgendaItemTextsTable {
  conference_id: number;
  item_id: string;
  language: string;
  title: string;
  notes_text: string;
  outcome_text: string;
}

/** Projection of a conference document's draft actions. */
export interface DraftActionsTable {
  conference_id: number;
  action_id: string;
  position: string;
  text: string;
  /** JSON array of agency codes. */
  owners: string;
  due: string | null;
}

/** A draft action's text in one language other than its conference's base language (migration 0022). */
export interface DraftActionTextsTable {
  conference_id: number;
  action_id: string;
  language: string;
  text: string;
}

/** Conferences projected before every language's texts were, to be projected again once (migration 0022). */
export interface ProjectionBacklogTable {
  conference_id: number;
}
