import { getFormProps, getTextareaProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { formatNumber, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { Field, FormMessage } from "./field";
import type { StatusValue } from "./commitment-bits";
import { fieldProps, ReplyNotice, savedMessage, useSchemaForm, type FormReply } from "./schema-form";

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
  const fetcher = useFetcher<FormReply>();
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
        fetcher.data.status === "success" ? (
          fetcher.data.message === "workflow.dropProposed" || fetcher.data.message === "workflow.dropWithdrawn" ? (
            <FormMessage tone="success">{t(fetcher.data.message)}</FormMessage>
          ) : null
        ) : (
          <ReplyNotice reply={fetcher.data} only="error" />
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
  fetcher: ReturnType<typeof useFetcher<FormReply>>;
  defaultReason: string;
}) {
  const t = useT();
  const [form, fields] = useSchemaForm("status", { id: `status-${commitmentId}-${choice.to}`, reply: fetcher.formData === undefined && fetcher.data?.status !== "success" ? fetcher.data : undefined });
  const reason = fields.reason;
  const title =
    choice.drop === "join"
      ? t("workflow.joinDrop")
      : choice.drop === "confirm"
        ? t("workflow.confirmDrop")
        : choice.kind === "proposeDrop"
          ? t("workflow.proposeDrop")
          : t("commitment.markAs", { status: t(`commitment.statuses.${choice.to}`) });
  const help = choice.drop === "join" ? t("workflow.joinDropHelp") : choice.kind === "proposeDrop" ? t("workflow.proposeDropHelp") : t("workflow.reasonHelp");
  return (
    <details className="reason-form">
      <summary>{title}</summary>
      <fetcher.Form method="post" action={`/commitments/${commitmentId}`} {...getFormProps(form)}>
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="to" value={choice.to} />
        <label htmlFor={reason.id}>
          {choice.to === "blocked" ? t("workflow.reasonBlocked") : t("workflow.reasonDropped")}
          {/* Required here though the schema allows it empty for other statuses: blocking and dropping need one. */}
          <textarea
            rows={2}
            {...getTextareaProps(reason)}
            required
            defaultValue={typeof reason.initialValue === "string" ? reason.initialValue : defaultReason}
            aria-describedby={reason.errors ? `${reason.errorId} ${reason.descriptionId}` : reason.descriptionId}
          />
          <small id={reason.descriptionId}>{help}</small>
          {reason.errors ? (
            <small id={reason.errorId} className="field-error">
              {t(reason.errors[0])}
            </small>
          ) : null}
        </label>
        <button type="submit" className="compact secondary" disabled={fetcher.state !== "idle"}>
          {title}
        </button>
      </fetcher.Form>
    </details>
  );
}

/** What the commitment action answers to a follow-up (FollowUpReply in commitment-actions.server.ts). */
export type FollowUpResult = FormReply & { confirmFigure?: { typed: string; value: number; alternative: number | null } };

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
  const data = fetcher.data ?? (pageResult?.form === "followUp" ? pageResult : undefined);
  const [form, fields] = useSchemaForm("followUp", { id: `followUp-${commitmentId}`, reply: data });
  // Without JavaScript the page itself says "Saved."
  const done = fetcher.state === "idle" && savedMessage(fetcher.data, "followUp") !== undefined;
  const confirm = fetcher.state === "idle" ? data?.confirmFigure : undefined;
  // What the answer echoed (Conform updates a field's initial value only when the form is created, e.g. without JavaScript).
  const typed = (data?.initialValue ?? {}) as Record<string, unknown>;
  const unit = typed.figureUnit;
  const figure = confirm ? `${formatNumber(locale, confirm.value)} ${typeof unit === "string" ? unit : ""}`.trim() : "";
  const note = fields.note;
  const at = typed.at;
  return (
    <details className="follow-up-form" open={!compact || Boolean(confirm) || Boolean(form.allErrors && Object.keys(form.allErrors).length > 0)}>
      <summary>{t("commitment.addFollowUp")}</summary>
      <fetcher.Form method="post" action={`/commitments/${commitmentId}`} key={form.key} {...getFormProps(form)}>
        <input type="hidden" name="intent" value="followUp" />
        <label htmlFor={note.id}>
          {t("commitment.note")}
          <textarea rows={3} {...getTextareaProps(note)} />
          {note.errors ? (
            <small id={note.errorId} className="field-error">
              {t(note.errors[0])}
            </small>
          ) : null}
        </label>
        <div className="grid-form">
          <Field label={t("commitment.figureLabel")} help={t("commitment.figureHelp")} {...fieldProps(fields.figureLabel)} />
          <Field label={t("commitment.figureValue")} inputMode="decimal" {...fieldProps(fields.figureValue)} />
          <Field label={t("commitment.figureUnit")} {...fieldProps(fields.figureUnit)} />
        </div>
        {typeof at === "string" && at !== "" ? <input type="hidden" name="at" value={at} /> : null}
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
