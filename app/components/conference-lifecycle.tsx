import { Form, Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";

/**
 * The lifecycle of a conference as a bar (the status badge is in the header):
 * the next step for a secretariat — open the session while it is planned,
 * conclude it once it is in session — and the review of commitments.
 */
export function ConferenceLifecycleBar({
  seriesSlug,
  number,
  status,
  canRun,
  reviewCount,
  onConclude,
}: {
  seriesSlug: string;
  number: number;
  status: "planned" | "in_session" | "concluded";
  canRun: boolean;
  /** Commitments carried to this conference for review. */
  reviewCount: number;
  /** Opens the conclusion dialog; without it (or without script) the check has a page of its own. */
  onConclude?: () => void;
}) {
  const t = useT();
  const base = `/series/${seriesSlug}/conferences/${number}`;
  return (
    <div className="lifecycle-bar page-actions">
      <Link to={`${base}/review`}>
        {t("review.open")} <span className="badge">{reviewCount}</span>
      </Link>
      <Link to={`${base}/versions`}>{t("versions.title")}</Link>
      <Link to={`${base}/title`}>{t("texts.conferenceTitleLink")}</Link>
      {canRun && status === "planned" ? (
        <Form method="post" action={`${base}/lifecycle`}>
          <input type="hidden" name="intent" value="open" />
          <button type="submit" className="compact">
            {t("lifecycle.openSession")}
          </button>
        </Form>
      ) : null}
      {canRun && status === "in_session" ? (
        <Link
          to={`${base}/conclude`}
          role="button"
          className="compact"
          onClick={(event) => {
            if (!onConclude) return;
            event.preventDefault();
            onConclude();
          }}
        >
          {t("lifecycle.conclude")}…
        </Link>
      ) : null}
    </div>
  );
}
