import { awaitingDrop, awaitingShares } from "../models/commitment-rules";
import { useT } from "../i18n/use-t";
import type { ShownLanguage } from "../models/parallel-text-rules";
import { ShownText } from "./shown-text";

export interface WorkflowFacts {
  status: string;
  owners: { agencyId: number; code: string; shareDone: boolean }[];
  statusReason: string | null;
  /** The language the reason is shown in, when known, for its marker. */
  statusReasonShown?: ShownLanguage | null;
  dropRequests: { agencyId: number; code: string; reason: string }[];
}

/**
 * What a commitment's status alone does not say: why it is blocked or
 * dropped, whose confirmation a joint one still awaits, and a drop that an
 * owner has proposed. Shown wherever the status is.
 */
export function WorkflowNotes({ commitment }: { commitment: WorkflowFacts }) {
  const t = useT();
  const awaiting = awaitingShares(commitment.status, commitment.owners);
  const dropAwaiting = awaitingDrop(commitment.owners, commitment.dropRequests);
  const reasonShown = commitment.statusReason && (commitment.status === "blocked" || commitment.status === "dropped");
  if (!reasonShown && awaiting.length === 0 && commitment.dropRequests.length === 0) return null;
  return (
    <div className="workflow-notes">
      {reasonShown ? (
        <p className="status-reason">
          <strong>{t(commitment.status === "blocked" ? "workflow.blockedBecause" : "workflow.droppedBecause")}</strong>{" "}
          <ShownText text={commitment.statusReason ?? ""} shown={commitment.statusReasonShown} />
        </p>
      ) : null}
      {awaiting.length > 0 ? <p className="awaiting">{t("workflow.awaiting", { parties: awaiting.map((o) => o.code).join(", ") })}</p> : null}
      {commitment.dropRequests.map((r) => (
        <p key={r.agencyId} className="drop-request">
          <strong>{t("workflow.dropProposedBy", { party: r.code })}</strong> {r.reason}
        </p>
      ))}
      {commitment.dropRequests.length > 0 ? (
        <p className="awaiting">
          {dropAwaiting.length > 0
            ? t("workflow.dropAwaiting", { parties: dropAwaiting.map((o) => o.code).join(", ") })
            : t("workflow.dropAwaitingSecretariat")}
        </p>
      ) : null}
    </div>
  );
}
