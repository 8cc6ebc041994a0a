import type { AgenciesTable } from "./agencies";
import type { CollabClientsTable, CollabDeletionsTable, ConferenceSeenTable } from "./attribution";
import type { CommentMentionsTable, CommentsTable } from "./comments";
import type { AuditEventsTable, SigninFailuresTable } from "./audit";
import type {
  AgendaItemsTable,
  AgendaItemTextsTable,
  CollabFencesTable,
  CollabSnapshotsTable,
  CollabUpdatesTable,
  DraftActionsTable,
  DraftActionTextsTable,
  ProjectionBacklogTable,
} from "./collab";
import type { ConferenceRevisionsTable, ConferencesTable, DocumentVersionsTable } from "./conferences";
import type {
  AdoptedRecordsTable,
  CommitmentDropRequestsTable,
  CommitmentEventsTable,
  CommitmentOwnersTable,
  CommitmentReviewsTable,
  CommitmentsTable,
  FollowUpsTable,
} from "./commitments";
import type {
  AgreementPartiesTable,
  AgreementsTable,
  ApiTokensTable,
  ClausesTable,
  SignatoriesTable,
} from "./agreements";
import type { InvitationMailsTable, InvitationsTable, InvitationTokensTable } from "./invitations";
import type {
  CalendarFeedsTable,
  MailStopTokensTable,
  NotificationPreferencesTable,
  NotificationStateTable,
  NotificationsTable,
  WorkerLeasesTable,
} from "./notifications";
import type { MembershipsTable } from "./memberships";
import type { SeriesPartiesTable, SeriesRevisionsTable, SeriesTable } from "./series";
import type { SessionsTable } from "./sessions";
import type { SetupTokensTable } from "./setup-tokens";
import type { FigureNamesTable, TextTranslationsTable } from "./translations";
import type { UsersTable } from "./users";

export type { SeriesRole } from "./memberships";
export type { ConferenceFormat, ConferenceStatus } from "./conferences";
export type { CommitmentStatus, ReviewOutcome } from "./commitments";
export type { AgreementStatus } from "./agreements";
export type { TranslatedSubject } from "./translations";
export type { MailStatus, NotificationDelivery } from "./notifications";

/** Every table of Accord. The migrations in db/migrations create exactly these. */
export interface Database {
  agencies: AgenciesTable;
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  invitations: InvitationsTable;
  invitation_mails: InvitationMailsTable;
  invitation_tokens: InvitationTokensTable;
  series: SeriesTable;
  series_parties: SeriesPartiesTable;
  series_revisions: SeriesRevisionsTable;
  memberships: MembershipsTable;
  audit_events: AuditEventsTable;
  signin_failures: SigninFailuresTable;
  conferences: ConferencesTable;
  collab_updates: CollabUpdatesTable;
  collab_snapshots: CollabSnapshotsTable;
  collab_fences: CollabFencesTable;
  collab_clients: CollabClientsTable;
  collab_deletions: CollabDeletionsTable;
  conference_seen: ConferenceSeenTable;
  agenda_items: AgendaItemsTable;
  draft_actions: DraftActionsTable;
  agenda_item_texts: AgendaItemTextsTable;
  draft_action_texts: DraftActionTextsTable;
  projection_backlog: ProjectionBacklogTable;
  commitments: CommitmentsTable;
  comments: CommentsTable;
  document_versions: DocumentVersionsTable;
  comment_mentions: CommentMentionsTable;
  commitment_owners: CommitmentOwnersTable;
  commitment_events: CommitmentEventsTable;
  follow_ups: FollowUpsTable;
  commitment_reviews: CommitmentReviewsTable;
  commitment_drop_requests: CommitmentDropRequestsTable;
  adopted_records: AdoptedRecordsTable;
  agreements: AgreementsTable;
  agreement_parties: AgreementPartiesTable;
  signatories: SignatoriesTable;
  clauses: ClausesTable;
  api_tokens: ApiTokensTable;
  notifications: NotificationsTable;
  mail_stop_tokens: MailStopTokensTable;
  notification_preferences: NotificationPreferencesTable;
  notification_state: NotificationStateTable;
  worker_leases: WorkerLeasesTable;
  calendar_feeds: CalendarFeedsTable;
  text_translations: TextTranslationsTable;
  figure_names: FigureNamesTable;
  conference_revisions: ConferenceRevisionsTable;
}
