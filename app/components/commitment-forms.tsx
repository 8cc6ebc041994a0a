import { getFormProps, getTextareaProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useState, type SyntheticEvent } from "react";
import { formatNumber, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { Field, FormMessage } from "./field";
import type { StatusValue } from "./commitment-bits";
import { constraintKey, constraintProps, fieldProps, ReplyNotice, savedMessage, useConstraint, useSchemaForm, type FormReply } from "./schema-form";
import { HOLE, useServerMarkup } from "./server-markup";

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
      {oneClick.length > 0 ? (
        // One form, the status in the button pressed: a browser sends the name and value of the submitter.
        <fetcher.Form method="post" action={`/commitments/${commitmentId}`} className="one-click">
          <input type="hidden" name="intent" value="status" />
          {oneClick.map((c) => (
            <button key={c.to} type="submit" name="to" value={c.to} className={c.to === "done" ? "compact" : "compact secondary outline"} disabled={fetcher.state !== "idle"}>
              {t("commitment.markAs", { status: t(`commitment.statuses.${c.to}`) })}
            </button>
          ))}
        </fetcher.Form>
      ) : null}
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

/**
 * A form inside a closed `<details>` is drawn as plain markup with the
 * constraints the server sent, and becomes the Conform-driven form (checks as
 * you type, the action's errors) once it is opened. A register of fifty cards
 * has a hundred and fifty such forms, nearly all of them never opened: building
 * a Conform form for each was a third of the page's render. Without JavaScript
 * the plain form is what is sent, and the server checks it as it checks any.
 */
function useOpenedOnce(initially = false) {
  const [opened, setOpened] = useState(initially);
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open) setOpened(true);
  };
  return [opened, onToggle] as const;
}

/** What getFormProps gives a form. */
type FormAttributes = Pick<React.FormHTMLAttributes<HTMLFormElement>, "id" | "onSubmit" | "noValidate" | "aria-describedby">;

type ReasonProps = { commitmentId: number; choice: StatusChoice; fetcher: ReturnType<typeof useFetcher<FormReply>>; defaultReason: string };

/** Blocked or dropped (or a proposed drop): a reason is required, and kept with the status change. */
function ReasonForm(props: ReasonProps) {
  const t = useT();
  const [opened, onToggle] = useOpenedOnce();
  const constraint = useConstraint("status");
  const { commitmentId, choice, defaultReason } = props;
  const title =
    choice.drop === "join"
      ? t("workflow.joinDrop")
      : choice.drop === "confirm"
        ? t("workflow.confirmDrop")
        : choice.kind === "proposeDrop"
          ? t("workflow.proposeDrop")
          : t("commitment.markAs", { status: t(`commitment.statuses.${choice.to}`) });
  const body = (id: string) => {
    const control = `status-${id}-${choice.to}-reason`;
    return (
      <ReasonBody
        choice={choice}
        title={title}
        textarea={{ id: control, ...constraintProps("reason", constraint), defaultValue: defaultReason, "aria-describedby": `${control}-description` }}
        descriptionId={`${control}-description`}
        error={null}
        busy={false}
      />
    );
  };
  // Closed, the form is the markup cache's copy, drawn once per page language for every card (useServerMarkup);
  // a reason proposed by another owner is this card's own text: drawn here, not cached.
  const cached = !opened && defaultReason === "";
  const markup = useServerMarkup(cached ? `status|${choice.to}|${choice.kind}|${choice.drop ?? ""}|${constraintKey(constraint)}` : null, () => body(HOLE), commitmentId);
  const form = { method: "post", action: `/commitments/${commitmentId}`, id: `status-${commitmentId}-${choice.to}`, noValidate: true } as const;
  return (
    <details className="reason-form" onToggle={onToggle}>
      <summary>{title}</summary>
      {opened ? (
        <CheckedReasonForm {...props} title={title} />
      ) : cached ? (
        <form {...form} dangerouslySetInnerHTML={markup} suppressHydrationWarning />
      ) : (
        <form {...form}>{body(String(commitmentId))}</form>
      )}
    </details>
  );
}

function CheckedReasonForm({ commitmentId, choice, fetcher, defaultReason, title }: ReasonProps & { title: string }) {
  const [form, fields] = useSchemaForm("status", { id: `status-${commitmentId}-${choice.to}`, reply: fetcher.formData === undefined && fetcher.data?.status !== "success" ? fetcher.data : undefined });
  const reason = fields.reason;
  return (
    <ReasonFields
      commitmentId={commitmentId}
      choice={choice}
      fetcher={fetcher}
      title={title}
      busy={fetcher.state !== "idle"}
      form={getFormProps(form)}
      textarea={{
        ...getTextareaProps(reason),
        defaultValue: typeof reason.initialValue === "string" ? reason.initialValue : defaultReason,
        "aria-describedby": reason.errors ? `${reason.errorId} ${reason.descriptionId}` : reason.descriptionId,
      }}
      descriptionId={reason.descriptionId}
      error={reason.errors ? { id: reason.errorId, key: reason.errors[0] } : null}
    />
  );
}

function ReasonFields({
  commitmentId,
  fetcher,
  form,
  ...body
}: Pick<ReasonProps, "commitmentId" | "fetcher"> & { form: FormAttributes } & Parameters<typeof ReasonBody>[0]) {
  return (
    <fetcher.Form method="post" action={`/commitments/${commitmentId}`} {...form}>
      <ReasonBody {...body} />
    </fetcher.Form>
  );
}

function ReasonBody({
  choice,
  title,
  textarea,
  descriptionId,
  error,
  busy,
}: {
  choice: StatusChoice;
  title: string;
  textarea: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { key?: string };
  descriptionId: string;
  error: { id: string; key: string } | null;
  busy: boolean;
}) {
  const t = useT();
  const { key, ...textareaProps } = textarea;
  const help = choice.drop === "join" ? t("workflow.joinDropHelp") : choice.kind === "proposeDrop" ? t("workflow.proposeDropHelp") : t("workflow.reasonHelp");
  return (
    <>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="to" value={choice.to} />
      <label htmlFor={textareaProps.id}>
        {choice.to === "blocked" ? t("workflow.reasonBlocked") : t("workflow.reasonDropped")}
        {/* Required here though the schema allows it empty for other statuses: blocking and dropping need one. */}
        <textarea key={key} rows={2} {...textareaProps} required />
        <small id={descriptionId}>{help}</small>
        {error ? (
          <small id={error.id} className="field-error">
            {t(error.key)}
          </small>
        ) : null}
      </label>
      <button type="submit" className="compact secondary" disabled={busy}>
        {title}
      </button>
    </>
  );
}

/** What the commitment action answers to a follow-up (FollowUpReply in commitment-actions.server.ts). */
export type FollowUpResult = FormReply & { confirmFigure?: { typed: string; value: number; alternative: number | null } };

/**
 * A progress note with an optional figure. A figure that reads two ways
 * ("1.200") comes back with a question, and is stored only once its writer
 * confirms the reading. `pageResult` is the answer the page itself got when
 * the form was posted without JavaScript. `compact`: folded, and drawn plain
 * until opened (see useOpenedOnce).
 */
export function FollowUpForm({ commitmentId, compact = false, pageResult }: { commitmentId: number; compact?: boolean; pageResult?: FollowUpResult }) {
  const t = useT();
  const [opened, onToggle] = useOpenedOnce(!compact);
  const constraint = useConstraint("followUp");
  const markup = useServerMarkup(
    opened ? null : `followUp|${constraintKey(constraint)}`,
    () => {
      const control = (name: string) => ({ id: `followUp-${HOLE}-${name}`, ...constraintProps(name, constraint) });
      return (
        <FollowUpBody
          note={control("note")}
          fields={{ figureLabel: control("figureLabel"), figureValue: control("figureValue"), figureUnit: control("figureUnit") }}
          submit={<button type="submit">{t("commitment.addFollowUp")}</button>}
        />
      );
    },
    commitmentId,
  );
  return (
    <details className="follow-up-form" open={!compact || undefined} onToggle={onToggle}>
      <summary>{t("commitment.addFollowUp")}</summary>
      {opened ? (
        <CheckedFollowUpForm commitmentId={commitmentId} pageResult={pageResult} />
      ) : (
        <form method="post" action={`/commitments/${commitmentId}`} id={`followUp-${commitmentId}`} noValidate dangerouslySetInnerHTML={markup} suppressHydrationWarning />
      )}
    </details>
  );
}

function CheckedFollowUpForm({ commitmentId, pageResult }: { commitmentId: number; pageResult?: FollowUpResult }) {
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
    <FollowUpFields
      commitmentId={commitmentId}
      Form={fetcher.Form}
      formKey={form.key}
      form={getFormProps(form)}
      note={getTextareaProps(note)}
      noteError={note.errors ? { id: note.errorId, key: note.errors[0] } : null}
      fields={{ figureLabel: fieldProps(fields.figureLabel), figureValue: fieldProps(fields.figureValue), figureUnit: fieldProps(fields.figureUnit) }}
      submit={
        <>
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
        </>
      }
    />
  );
}

type FieldAttributes = ReturnType<typeof constraintProps> & { id?: string; defaultValue?: string | number; error?: string };

function FollowUpFields({
  commitmentId,
  Form,
  formKey,
  form,
  ...body
}: {
  commitmentId: number;
  Form: ReturnType<typeof useFetcher>["Form"];
  formKey?: string;
  form: FormAttributes;
} & Parameters<typeof FollowUpBody>[0]) {
  return (
    <Form method="post" action={`/commitments/${commitmentId}`} key={formKey} {...form}>
      <FollowUpBody {...body} />
    </Form>
  );
}

function FollowUpBody({
  note,
  noteError = null,
  fields,
  submit,
}: {
  note: React.TextareaHTMLAttributes<HTMLTextAreaElement>;
  noteError?: { id: string; key: string } | null;
  fields: { figureLabel: FieldAttributes; figureValue: FieldAttributes; figureUnit: FieldAttributes };
  submit: React.ReactNode;
}) {
  const t = useT();
  return (
    <>
      <input type="hidden" name="intent" value="followUp" />
      <label htmlFor={note.id}>
        {t("commitment.note")}
        <textarea rows={3} {...note} />
        {noteError ? (
          <small id={noteError.id} className="field-error">
            {t(noteError.key)}
          </small>
        ) : null}
      </label>
      <div className="grid-form">
        <Field label={t("commitment.figureLabel")} help={t("commitment.figureHelp")} {...fields.figureLabel} />
        <Field label={t("commitment.figureValue")} inputMode="decimal" {...fields.figureValue} />
        <Field label={t("commitment.figureUnit")} {...fields.figureUnit} />
      </div>
      {submit}
    </>
  );
}
