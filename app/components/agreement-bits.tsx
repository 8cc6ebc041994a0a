import { useId } from "react";
import { useT } from "../i18n/use-t";
import { formatDate, useLocale } from "../i18n/format";
import { AGREEMENT_STATUSES } from "../validation/limits";

type AgreementStatusValue = (typeof AGREEMENT_STATUSES)[number];
import { Field } from "./field";
import { useConstraint, type FormReply } from "./form-replies";
import { SelectField } from "./select-field";

export function AgreementStatusBadge({ status }: { status: AgreementStatusValue }) {
  const t = useT();
  return <span className={`badge agreement-${status}`}>{t(`agreement.statuses.${status}`)}</span>;
}

/** "Signed on 14 Aug 2025 in Ho Chi Minh City", or "Not yet signed". */
export function SigningFacts({ signedOn, signedAt }: { signedOn: string | null; signedAt: string }) {
  const t = useT();
  const locale = useLocale();
  if (!signedOn) return <>{signedAt ? t("agreement.toBeSignedAt", { place: signedAt }) : t("agreement.notSigned")}</>;
  const date = formatDate(locale, signedOn);
  return <>{signedAt ? t("agreement.signedOnAt", { date, place: signedAt }) : t("agreement.signedOnOnly", { date })}</>;
}

export function Validity({ validFrom, validUntil }: { validFrom: string | null; validUntil: string | null }) {
  const t = useT();
  const locale = useLocale();
  const from = validFrom ? formatDate(locale, validFrom) : null;
  const until = validUntil ? formatDate(locale, validUntil) : null;
  if (from && until) return <>{t("agreement.validRange", { from, until })}</>;
  if (from) return <>{t("agreement.validFromOnly", { from })}</>;
  if (until) return <>{t("agreement.validUntilOnly", { until })}</>;
  return <span className="muted">{t("agreement.noValidity")}</span>;
}

export interface AgreementFormValues {
  title: string;
  partyIds: number[];
  conferenceId: number | null;
  status: AgreementStatusValue;
  signedOn: string | null;
  signedAt: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** The fields of an agreement, shared by the "new" page and the edit form; the caller adds the form and buttons. */
export function AgreementFields({
  values,
  parties,
  conferences,
  errors,
}: {
  values: AgreementFormValues | null;
  parties: { id: number; code: string; name: string; country: string }[];
  conferences: { id: number; number: number; title: string }[];
  errors: Record<string, string>;
}) {
  const t = useT();
  // Lengths from the schema the action parses with (sent by the loader), not typed here again.
  const limits = useConstraint("agreement");
  const selected = values?.partyIds ?? parties.map((p) => p.id);
  return (
    <>
      <Field label={t("agreement.name")} name="title" required maxLength={limits?.title?.maxLength} defaultValue={values?.title ?? ""} error={errors.title} />
      <fieldset aria-describedby="agreement-parties-help" aria-invalid={errors.parties ? true : undefined}>
        <legend>{t("agreement.parties")}</legend>
        <small id="agreement-parties-help">{t("agreement.partiesHelp")}</small>
        <div className="checkbox-grid">
          {parties.map((p) => (
            <label key={p.id}>
              <input type="checkbox" name="parties" value={p.id} defaultChecked={selected.includes(p.id)} />
              <strong>{p.code}</strong> <span className="muted">({p.country})</span> {p.name}
            </label>
          ))}
        </div>
        {errors.parties ? (
          <small className="field-error" role="alert">
            {t(errors.parties)}
          </small>
        ) : null}
      </fieldset>
      <div className="grid-form">
        <SelectField label={t("agreement.status")} name="status" defaultValue={values?.status ?? "draft"} error={errors.status}>
          {AGREEMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`agreement.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("agreement.conference")} name="conferenceId" defaultValue={values?.conferenceId ?? ""} error={errors.conferenceId}>
          <option value="">{t("agreement.noConference")}</option>
          {conferences.map((c) => (
            <option key={c.id} value={c.id}>
              {t("agreement.conferenceOption", { number: c.number, title: c.title })}
            </option>
          ))}
        </SelectField>
        <Field
          label={t("agreement.signedOn")}
          name="signedOn"
          type="date"
          defaultValue={values?.signedOn ?? ""}
          help={t("agreement.signedOnHelp")}
          error={errors.signedOn}
        />
        <Field label={t("agreement.signedAt")} name="signedAt" maxLength={limits?.signedAt?.maxLength} defaultValue={values?.signedAt ?? ""} error={errors.signedAt} />
        <Field label={t("agreement.validFrom")} name="validFrom" type="date" defaultValue={values?.validFrom ?? ""} error={errors.validFrom} />
        <Field label={t("agreement.validUntil")} name="validUntil" type="date" defaultValue={values?.validUntil ?? ""} error={errors.validUntil} />
      </div>
    </>
  );
}

/** A labelled textarea with its error read out by screen readers. */
export function TextAreaField({
  label,
  error,
  ...textarea
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string }) {
  const t = useT();
  const id = useId();
  return (
    <label htmlFor={id}>
      {label}
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...textarea} />
      {error ? (
        <small id={`${id}-error`} className="field-error">
          {t(error)}
        </small>
      ) : null}
    </label>
  );
}

/** The action's answer to the forms of the agreement pages; each form is named by its target ("editClause:12"). */
export type AgreementReply = FormReply | undefined;

/** The first message per field of the answer to `target` ("form": the form as a whole), if it was refused. */
export function errorsFor(reply: unknown, target: string): Record<string, string> {
  const r = reply as AgreementReply;
  if (!r || typeof r !== "object" || r.form !== target || r.status === "success") return {};
  const out: Record<string, string> = {};
  for (const [name, messages] of Object.entries(r.error ?? {})) {
    // An item's message ("owners[0]") is shown with its list.
    if (messages && messages.length > 0) out[name === "" ? "form" : name.replace(/[[.].*$/, "")] ??= messages[0];
  }
  return out;
}

/** What was typed in a refused agreement form, to show it again (without JavaScript the page is rendered anew). */
export function submittedAgreement(reply: unknown, target: string): AgreementFormValues | null {
  const r = reply as AgreementReply;
  const typed = r && typeof r === "object" && r.form === target && r.status !== "success" ? (r.initialValue as Record<string, unknown> | null | undefined) : null;
  if (!typed) return null;
  const text = (name: string) => (typeof typed[name] === "string" ? (typed[name] as string) : "");
  const conferenceId = Number(text("conferenceId"));
  return {
    title: text("title"),
    partyIds: [typed.parties].flat().filter((v) => typeof v === "string").map(Number).filter(Number.isSafeInteger),
    conferenceId: Number.isSafeInteger(conferenceId) && conferenceId > 0 ? conferenceId : null,
    status: AGREEMENT_STATUSES.find((s) => s === text("status")) ?? "draft",
    signedOn: text("signedOn") || null,
    signedAt: text("signedAt"),
    validFrom: text("validFrom") || null,
    validUntil: text("validUntil") || null,
  };
}
