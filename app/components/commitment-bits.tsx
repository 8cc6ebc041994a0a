import { formatDate, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { PlainLink } from "./plain-link";
import type { ShownLanguage } from "../models/parallel-text-rules";

export type StatusValue = "open" | "in_progress" | "done" | "blocked" | "dropped";

/** A commitment as the register's cards and the leader's tables show it. */
export interface CommitmentSummary {
  id: number;
  text: string;
  status: StatusValue;
  dueOn: string | null;
  dueNext: boolean;
  overdue: boolean;
  owners: { agencyId: number; code: string; name: string; shareDone: boolean }[];
  agreedAt: { number: number };
  reviews: { number: number; outcome: string | null; held?: boolean }[];
  carriedOver: number;
  lastFollowUp: { at: string; note: string; shown?: ShownLanguage } | null;
  /** The language of `text` when it is not the reader's (see ShownText). */
  shown?: ShownLanguage;
  statusReason: string | null;
  dropRequests: { agencyId: number; code: string; reason: string }[];
}

export function StatusBadge({ status }: { status: StatusValue }) {
  const t = useT();
  return <span className={`badge commitment-${status}`}>{t(`commitment.statuses.${status}`)}</span>;
}

export function DueLabel({ dueOn, dueNext, overdue }: { dueOn: string | null; dueNext: boolean; overdue: boolean }) {
  const t = useT();
  const locale = useLocale();
  const text = dueNext ? t("commitment.dueNext") : dueOn ? formatDate(locale, dueOn) : t("commitment.noDue");
  return (
    <span className={overdue ? "due overdue" : "due"}>
      {text}
      {overdue ? <span className="badge badge-overdue">{t("commitment.overdue")}</span> : null}
    </span>
  );
}

/** Owner parties; a tick marks those that confirmed their share of a joint commitment. */
export function OwnerChips({ owners }: { owners: { code: string; name: string; shareDone: boolean }[] }) {
  const t = useT();
  const joint = owners.length > 1;
  return (
    <ul className="chips">
      {owners.map((o) => (
        <li key={o.code} className={joint && o.shareDone ? "chip chip-done" : "chip"} title={o.name}>
          <span className="chip-code">{o.code}</span>
          {joint && o.shareDone ? (
            <span aria-label={t("commitment.shareDone", { party: o.code })} role="img">
              ✓
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Agreed at the 14th, reviewed at the 15th and 16th: carried ×2. */
export function Lineage({
  seriesSlug,
  agreedAt,
  reviews,
  carriedOver,
}: {
  seriesSlug: string;
  agreedAt: { number: number };
  /** `held: false` for a conference that is only planned: it will review the commitment, it has not yet. */
  reviews: { number: number; outcome: string | null; held?: boolean }[];
  carriedOver: number;
}) {
  const t = useT();
  return (
    <span className="lineage">
      <PlainLink to={`/series/${seriesSlug}/conferences/${agreedAt.number}`}>{t("commitment.agreedAt", { number: agreedAt.number })}</PlainLink>
      {reviews.map((r) => (
        <span key={r.number}>
          {" → "}
          <PlainLink to={`/series/${seriesSlug}/conferences/${r.number}`}>
            {r.held === false ? t("workflow.toBeReviewedAt", { number: r.number }) : t("commitment.reviewedAt", { number: r.number })}
          </PlainLink>
        </span>
      ))}
      {carriedOver > 0 ? <span className={carriedOver >= 2 ? "badge badge-carried strong" : "badge badge-carried"}>{t("commitment.carried", { count: carriedOver })}</span> : null}
    </span>
  );
}
