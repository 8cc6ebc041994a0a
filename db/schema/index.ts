import type { AgenciesTable } from "./agencies";
import type { AuditEventsTable, SigninFailuresTable } from "./audit";
import type { AgendaItemsTable, CollabSnapshotsTable, CollabUpdatesTable, DraftActionsTable } from "./collab";
import type { ConferencesTable } from "./conferences";
import type { InvitationsTable } from "./invitations";
import type { MembershipsTable } from "./memberships";
import type { SeriesPartiesTable, SeriesTable } from "./series";
import type { SessionsTable } from "./sessions";
import type { UsersTable } from "./users";

export type { SeriesRole } from "./memberships";
export type { ConferenceFormat, ConferenceStatus } from "./conferences";

/** Every table of Accord. The migrations in db/migrations create exactly these. */
export interface Database {
  agencies: AgenciesTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  series: SeriesTable;
  series_parties: SeriesPartiesTable;
  memberships: MembershipsTable;
  audit_events: AuditEventsTable;
  signin_failures: SigninFailuresTable;
  conferences: ConferencesTable;
  collab_updates: CollabUpdatesTable;
  collab_snapshots: CollabSnapshotsTable;
  agenda_items: AgendaItemsTable;
  draft_actions: DraftActionsTable;
}
