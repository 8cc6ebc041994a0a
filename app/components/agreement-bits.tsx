import { useId } from "react";
import { useT } from "../i18n/use-t";
import { formatDate, useLocale } from "../i18n/format";
import { AGREEMENT_STATUSES } from "../validation/limits";

type AgreementStatusValue = (typeof AGREEMENT_STATUSES)[number];
import { Field } from "./field";
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
  const selected = values?.partyIds ?? parties.map((p) => p.id);
  return (
    <>
      <Field label={t("agreement.name")} name="title" required maxLength={300} defaultValue={values?.title ?? ""} error={errors.title} />
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
        <Field label={t("agreement.signedAt")} name="signedAt" maxLength={300} defaultValue={values?.signedAt ?? ""} error={errors.signedAt} />
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

/** The outcome of one form on the agreement page: its target ("editClause:12") and any errors. */
export interface AgreementFormResult {
  ok: boolean;
  intent?: string;
  errors: Record<string, string>;
}

export function errorsFor(result: AgreementFormResult | undefined, target: string): Record<string, string> {
  return result && !result.ok && result.intent === target ? result.errors : {};
}
