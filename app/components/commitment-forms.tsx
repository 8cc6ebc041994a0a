import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { formatNumber, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { Field, FormMessage } from "./field";
import type { StatusValue } from "./commitment-bits";

const STATUSES: StatusValue[] = ["open", "in_progress", "done", "blocked", "dropped"];

interface FormResult {
  ok: boolean;
  intent?: string;
  errors: Record<string, string>;
  message: string | null;
}

/** One click per status. Posts to the commitment's own route, so it works without JavaScript. */
export function QuickStatus({
  commitmentId,
  status,
  label,
}: {
  commitmentId: number;
  status: StatusValue;
  /** Names the commitment for screen readers ("Mark as Done: <text>"). */
  label: string;
}) {
  const t = useT();
  const fetcher = useFetcher<FormResult>();
  const pending = fetcher.state !== "idle" ? (fetcher.formData?.get("to") as string | null) : null;
  const shown = (pending as StatusValue | null) ?? status;
  return (
    <div className="quick-status" role="group" aria-label={`${t("commitment.changeStatus")}: ${label}`}>
      {STATUSES.filter((s) => s !== shown).map((s) => (
        <fetcher.Form method="post" action={`/commitments/${commitmentId}`} key={s}>
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="to" value={s} />
          <button type="submit" className={s === "done" ? "compact" : "compact secondary outline"} disabled={fetcher.state !== "idle"}>
            {t("commitment.markAs", { status: t(`commitment.statuses.${s}`) })}
          </button>
        </fetcher.Form>
      ))}
      {fetcher.data && !fetcher.data.ok ? (
        <FormMessage tone="error">{t(Object.values(fetcher.data.errors)[0] ?? "errors.generic")}</FormMessage>
      ) : null}
    </div>
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
