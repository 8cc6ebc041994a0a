import { useT } from "../i18n/use-t";
import { DueLabel, Lineage, OwnerChips, StatusBadge, type CommitmentSummary } from "./commitment-bits";
import { FollowUpForm, QuickStatus, type StatusChoice } from "./commitment-forms";
import { WorkflowNotes } from "./commitment-workflow";
import { PlainLink } from "./plain-link";
import { FallbackMarker, ShownText } from "./shown-text";

export interface CommitmentCardData extends CommitmentSummary {
  seriesSlug: string;
  seriesName: string;
}

export function CommitmentCard({
  commitment,
  canProgress,
  statusChoices,
  withdrawal = null,
  showSeries = false,
}: {
  commitment: CommitmentCardData;
  canProgress: boolean;
  /** The status changes the server would accept from this user. */
  statusChoices: StatusChoice[];
  /** A proposed drop this user may take back (see QuickStatus). */
  withdrawal?: "own" | "all" | null;
  showSeries?: boolean;
}) {
  const t = useT();
  return (
    <article className="commitment-card" aria-labelledby={`commitment-${commitment.id}`}>
      <div className="commitment-meta">
        <StatusBadge status={commitment.status} />
        {showSeries ? <span className="muted">{commitment.seriesName}</span> : null}
        <Lineage seriesSlug={commitment.seriesSlug} agreedAt={commitment.agreedAt} reviews={commitment.reviews} carriedOver={commitment.carriedOver} />
      </div>
      <h3 id={`commitment-${commitment.id}`}>
        <PlainLink to={`/commitments/${commitment.id}`} lang={commitment.shown?.language}>
          {commitment.text}
        </PlainLink>
        {commitment.shown?.wanted ? " " : null}
        <FallbackMarker shown={commitment.shown} />
      </h3>
      <div className="commitment-meta">
        <span>
          <span className="visually-hidden">{t("commitment.owners")}: </span>
          <OwnerChips owners={commitment.owners} />
        </span>
        <span>
          {t("commitment.due")}: <DueLabel dueOn={commitment.dueOn} dueNext={commitment.dueNext} overdue={commitment.overdue} />
        </span>
      </div>
      <WorkflowNotes commitment={commitment} />
      {commitment.lastFollowUp ? (
        <p className="muted last-follow-up">
          <ShownText text={commitment.lastFollowUp.note} shown={commitment.lastFollowUp.shown} />
        </p>
      ) : null}
      {canProgress ? (
        <>
          <QuickStatus commitmentId={commitment.id} status={commitment.status} label={commitment.text} choices={statusChoices} proposedReason={commitment.dropRequests[0]?.reason} withdrawal={withdrawal} />
          <FollowUpForm commitmentId={commitment.id} compact />
        </>
      ) : null}
    </article>
  );
}
