import { Form, Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";

/**
 * The lifecycle of a conference as a bar (the status badge is in the header): the next step for a
 * secretariat, and links to the review of commitments and the adopted record.
 */
export function ConferenceLifecycleBar({
  seriesSlug,
  number,
  status,
  canRun,
  reviewCount,
}: {
  seriesSlug: string;
  number: number;
  status: "planned" | "in_session" | "concluded";
  canRun: boolean;
  /** Commitments carried to this conference for review. */
  reviewCount: number;
}) {
  const t = useT();
  const base = `/series/${seriesSlug}/conferences/${number}`;
  return (
    <div className="lifecycle-bar page-actions">
      <Link to={`${base}/review`}>
        {t("review.open")} <span className="badge">{reviewCount}</span>
      </Link>
      {status === "concluded" ? <Link to={`${base}/record`}>{t("record.view")}</Link> : null}
      {canRun && status === "planned" ? (
        <Form method="post" action={`${base}/lifecycle`}>
          <input type="hidden" name="intent" value="open" />
          <button type="submit" className="secondary compact">
            {t("lifecycle.openSession")}
          </button>
        </Form>
      ) : null}
      {canRun && status !== "concluded" ? (
        <Form
          method="post"
          action={`${base}/lifecycle`}
          onSubmit={(event) => {
            if (!window.confirm(t("lifecycle.concludeConfirm"))) event.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="conclude" />
          <button type="submit" className="compact">
            {t("lifecycle.conclude")}
          </button>
        </Form>
      ) : null}
      {status === "concluded" ? <p className="muted lifecycle-note">{t("lifecycle.frozen")}</p> : null}
    </div>
  );
}
