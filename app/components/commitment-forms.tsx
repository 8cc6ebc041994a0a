import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { formatNumber, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { Field, FormMessage } from "./field";
import type { StatusValue } from "./commitment-bits";
import { REASON_MAX } from "../validation/commitment";

interface FormResult {
  ok: boolean;
  intent?: string;
  errors: Record<string, string>;
  message: string | null;
}

export interface StatusChoice {
  to: StatusValue;
  /** change: applied; confirmShare: confirms the user's agency's share; proposeDrop: recorded as a request. */
  kind: "change" | "confirmShare" | "proposeDrop";
  /** For a drop: a new proposal, agreeing to another owner's, or a secretariat confirming one. */
  drop?: "propose" | "join" | "confirm";
}

/**
 * One click per status the user may choose (the server's statusChoices());
 * blocking and dropping open a small form that asks why. Posts to the
 * commitment's own route, so it works without JavaScript.
 */
export function QuickStatus({
  commitmentId,
  status,
  label,
  choices,
  proposedReason = "",
  withdrawal = null,
}: {
  commitmentId: number;
  status: StatusValue;
  /** Names the commitment for screen readers ("Mark as Done: <text>"). */
  label: string;
  choices: StatusChoice[];
  /** The reason of a drop an owner proposed, offered to whoever confirms it. */
  proposedReason?: string;
  /** A proposed drop this user may take back: its agency's own request, or (a secretariat) all of them. */
  withdrawal?: "own" | "all" | null;
}) {
  const t = useT();
  const fetcher = useFetcher<FormResult>();
  const pending = fetcher.state !== "idle" ? (fetcher.formData?.get("to") as string | null) : null;
  const shown = (pending as StatusValue | null) ?? status;
  const oneClick = choices.filter((c) => c.to !== shown && c.to !== "blocked" && c.to !== "dropped");
  const withReason = choices.filter((c) => c.to !== shown && (c.to === "blocked" || c.to === "dropped"));
  return (
    <div className="quick-status" role="group" aria-label={`${t("commitment.changeStatus")}: ${label}`}>
      {oneClick.map((c) => (
        <fetcher.Form method="post" action={`/commitments/${commitmentId}`} key={c.to}>
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="to" value={c.to} />
          <button type="submit" className={c.to === "done" ? "compact" : "compact secondary outline"} disabled={fetcher.state !== "idle"}>
            {t("commitment.markAs", { status: t(`commitment.statuses.${c.to}`) })}
          </button>
        </fetcher.Form>
      ))}
      {withdrawal ? (
        <fetcher.Form method="post" action={`/commitments/${commitmentId}`}>
          <input type="hidden" name="intent" value="withdrawDrop" />
          <button type="submit" className="compact secondary outline" disabled={fetcher.state !== "idle"}>
            {withdrawal === "all" ? t("workflow.declineDrop") : t("workflow.withdrawDrop")}
          </button>
        </fetcher.Form>
      ) : null}
      {withReason.map((c) => (
        <ReasonForm key={c.to} commitmentId={commitmentId} choice={c} fetcher={fetcher} defaultReason={c.drop === "propose" || !c.drop ? "" : proposedReason} />
      ))}
      {fetcher.data && fetcher.state === "idle" ? (
        fetcher.data.ok ? (
          fetcher.data.message === "workflow.dropProposed" || fetcher.data.message === "workflow.dropWithdrawn" ? (
            <FormMessage tone="success">{t(fetcher.data.message)}</FormMessage>
          ) : null
        ) : (
          <FormMessage tone="error">{t(Object.values(fetcher.data.errors)[0] ?? "errors.generic")}</FormMessage>
        )
      ) : null}
    </div>
  );
}

/** Blocked or dropped (or a proposed drop): a reason is required, and kept with the status change. */
function ReasonForm({
  commitmentId,
  choice,
  fetcher,
  defaultReason,
}: {
  commitmentId: number;
  choice: StatusChoice;
  fetcher: ReturnType<typeof useFetcher<FormResult>>;
  defaultReason: string;
}) {
  const t = useT();
  const id = useId();
  const title =
    choice.drop === "join"
      ? t("workflow.joinDrop")
      : choice.drop === "confirm"
        ? t("workflow.confirmDrop")
        : choice.kind === "proposeDrop"
          ? t("workflow.proposeDrop")
          : t("commitment.markAs", { status: t(`commitment.statuses.${choice.to}`) });
  const help = choice.drop === "join" ? t("workflow.joinDropHelp") : choice.kind === "proposeDrop" ? t("workflow.proposeDropHelp") : t("workflow.reasonHelp");
  const error = fetcher.data && !fetcher.data.ok && fetcher.formData === undefined ? fetcher.data.errors.reason : undefined;
  return (
    <details className="reason-form">
      <summary>{title}</summary>
      <fetcher.Form method="post" action={`/commitments/${commitmentId}`}>
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="to" value={choice.to} />
        <label htmlFor={`${id}-reason`}>
          {choice.to === "blocked" ? t("workflow.reasonBlocked") : t("workflow.reasonDropped")}
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            required
            maxLength={REASON_MAX}
            defaultValue={defaultReason}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help`}
          />
          <small id={`${id}-help`}>{help}</small>
        </label>
        <button type="submit" className="compact secondary" disabled={fetcher.state !== "idle"}>
          {title}
        </button>
      </fetcher.Form>
    </details>
  );
}

/** What the commitment action answers to a follow-up (see commitment-actions.server.ts). */
export interface FollowUpResult extends FormResult {
  values?: Record<string, string>;
  confirmFigure?: { typed: string; value: number; alternative: number | null };
}

/**
 * A progress note with an optional figure. A figure that reads two ways
 * ("1.200") comes back with a question, and is stored only once its writer
 * confirms the reading. `pageResult` is the answer the page itself got when
 * the form was posted without JavaScript.
 */
export function FollowUpForm({ commitmentId, compact = false, pageResult }: { commitmentId: number; compact?: boolean; pageResult?: FollowUpResult }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<FollowUpResult>();
  const id = useId();
  const data = fetcher.data ?? (pageResult?.intent === "followUp" ? pageResult : undefined);
  const errors = data && !data.ok ? data.errors : {};
  // Without JavaScript the page itself says "Saved."
  const done = fetcher.state === "idle" && fetcher.data?.ok;
  const values = data && !data.ok ? (data.values ?? {}) : {};
  const confirm = fetcher.state === "idle" ? data?.confirmFigure : undefined;
  const figure = confirm ? `${formatNumber(locale, confirm.value)} ${values.figureUnit ?? ""}`.trim() : "";
  return (
    <details className="follow-up-form" open={!compact || Boolean(confirm) || Object.keys(errors).length > 0}>
      <summary>{t("commitment.addFollowUp")}</summary>
      <fetcher.Form method="post" action={`/commitments/${commitmentId}`} key={done ? "sent" : "editing"}>
        <input type="hidden" name="intent" value="followUp" />
        <label htmlFor={`${id}-note`}>
          {t("commitment.note")}
          <textarea id={`${id}-note`} name="note" rows={3} required defaultValue={values.note} aria-invalid={errors.note ? true : undefined} />
          {errors.note ? <small className="field-error">{t(errors.note)}</small> : null}
        </label>
        <div className="grid-form">
          <Field label={t("commitment.figureLabel")} name="figureLabel" help={t("commitment.figureHelp")} defaultValue={values.figureLabel} error={errors.figureLabel} />
          <Field label={t("commitment.figureValue")} name="figureValue" inputMode="decimal" defaultValue={values.figureValue} error={errors.figureValue} />
          <Field label={t("commitment.figureUnit")} name="figureUnit" defaultValue={values.figureUnit} error={errors.figureUnit} />
        </div>
        {values.at ? <input type="hidden" name="at" value={values.at} /> : null}
        {confirm ? (
          <div className="figure-confirm" role="alert">
            <p>
              <strong>{t("commitment.figureConfirm", { figure })}</strong>
            </p>
            <p>
              {confirm.alternative !== null
                ? t("commitment.figureConfirmOther", { typed: confirm.typed, other: formatNumber(locale, confirm.alternative) })
                : t("commitment.figureConfirmMark", { typed: confirm.typed })}{" "}
              {t("commitment.figureConfirmFix")}
            </p>
            {/* Holds the reading confirmed; a changed figure reads differently and is asked about again. */}
            <input type="hidden" name="figureConfirm" value={String(confirm.value)} />
          </div>
        ) : null}
        <button type="submit" aria-busy={fetcher.state !== "idle"}>
          {confirm ? t("commitment.figureConfirmYes", { figure }) : t("commitment.addFollowUp")}
        </button>
        {done ? <FormMessage tone="success">{t("commitment.saved")}</FormMessage> : null}
      </fetcher.Form>
    </details>
  );
}
