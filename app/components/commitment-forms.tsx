import { useFetcher } from "@remix-run/react";
import { useId } from "react";
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

export function FollowUpForm({ commitmentId, compact = false }: { commitmentId: number; compact?: boolean }) {
  const t = useT();
  const fetcher = useFetcher<FormResult>();
  const id = useId();
  const errors = fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {};
  const done = fetcher.state === "idle" && fetcher.data?.ok;
  return (
    <details className="follow-up-form" open={!compact}>
      <summary>{t("commitment.addFollowUp")}</summary>
      <fetcher.Form method="post" action={`/commitments/${commitmentId}`} key={done ? "sent" : "editing"}>
        <input type="hidden" name="intent" value="followUp" />
        <label htmlFor={`${id}-note`}>
          {t("commitment.note")}
          <textarea id={`${id}-note`} name="note" rows={3} required aria-invalid={errors.note ? true : undefined} />
          {errors.note ? <small className="field-error">{t(errors.note)}</small> : null}
        </label>
        <div className="grid-form">
          <Field label={t("commitment.figureLabel")} name="figureLabel" help={t("commitment.figureHelp")} error={errors.figureLabel} />
          <Field label={t("commitment.figureValue")} name="figureValue" inputMode="decimal" error={errors.figureValue} />
          <Field label={t("commitment.figureUnit")} name="figureUnit" error={errors.figureUnit} />
        </div>
        <button type="submit" aria-busy={fetcher.state !== "idle"}>
          {t("commitment.addFollowUp")}
        </button>
        {done ? <FormMessage tone="success">{t("commitment.saved")}</FormMessage> : null}
      </fetcher.Form>
    </details>
  );
}
