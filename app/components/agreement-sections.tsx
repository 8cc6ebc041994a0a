import { Form } from "@remix-run/react";
import { useId } from "react";
import { useT } from "../i18n/use-t";
import { formatNumber, useLocale } from "../i18n/format";
import { errorsFor, type AgreementReply } from "./agreement-bits";
import { useConstraint } from "./form-replies";
import { Field, FormMessage } from "./field";
import { SelectField } from "./select-field";

interface Signatory {
  id: number;
  name: string;
  title: string;
  agency: { code: string; name: string } | null;
}

/** Who signed, for which party; secretariats add and remove them. */
export function Signatories({
  signatories,
  parties,
  canEdit,
  result,
  version,
}: {
  signatories: Signatory[];
  parties: { id: number; code: string; name: string }[];
  canEdit: boolean;
  result: AgreementReply;
  version: string;
}) {
  const t = useT();
  const addErrors = errorsFor(result, "addSignatory");
  const limits = useConstraint("addSignatory");
  const removeErrors = errorsFor(result, "removeSignatory");
  return (
    <section aria-labelledby="signatories-heading" className="agreement-section">
      <h2 id="signatories-heading">{t("agreement.signatories")}</h2>
      {signatories.length === 0 ? (
        <p className="muted">{t("agreement.noSignatories")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("agreement.signatoryName")}</th>
                <th scope="col">{t("agreement.signatoryTitle")}</th>
                <th scope="col">{t("agreement.signatoryAgency")}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("agreement.remove")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {signatories.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{s.title}</td>
                  <td title={s.agency?.name}>{s.agency?.code ?? "—"}</td>
                  {canEdit ? (
                    <td>
                      <Form method="post" className="inline-remove">
                        <input type="hidden" name="intent" value="removeSignatory" />
                        <input type="hidden" name="id" value={s.id} />
                        <button type="submit" className="secondary outline compact" aria-label={t("agreement.removeSignatoryNamed", { name: s.name })}>
                          {t("agreement.remove")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {removeErrors.form ? <FormMessage tone="error">{t(removeErrors.form)}</FormMessage> : null}
      {canEdit ? (
        <details className="agreement-form" open={Object.keys(addErrors).length > 0 || signatories.length === 0} key={`add-${version}`}>
          <summary>{t("agreement.addSignatory")}</summary>
          <Form method="post" aria-label={t("agreement.addSignatory")}>
            <input type="hidden" name="intent" value="addSignatory" />
            <Field label={t("agreement.signatoryName")} name="name" required maxLength={limits?.name?.maxLength} error={addErrors.name} />
            <Field label={t("agreement.signatoryTitle")} name="title" maxLength={limits?.title?.maxLength} error={addErrors.title} />
            <SelectField label={t("agreement.signatoryAgency")} name="agencyId" defaultValue="" error={addErrors.agencyId}>
              <option value="">{t("agreement.noAgency")}</option>
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} — {p.name}
                </option>
              ))}
            </SelectField>
            {addErrors.form ? <FormMessage tone="error">{t(addErrors.form)}</FormMessage> : null}
            <button type="submit">{t("agreement.addSignatory")}</button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

/** The signed document: download for members; attach, replace or remove for secretariats. */
export function SignedDocument({
  href,
  document,
  maxMb,
  canEdit,
  result,
}: {
  href: string;
  document: { name: string; size: number } | null;
  maxMb: number;
  canEdit: boolean;
  result: AgreementReply;
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const uploadErrors = errorsFor(result, "upload");
  const removeErrors = errorsFor(result, "removeDocument");
  const error = uploadErrors.document ?? uploadErrors.form;
  return (
    <section aria-labelledby="document-heading" className="agreement-section">
      <h2 id="document-heading">{t("agreement.document")}</h2>
      {document ? (
        <p className="agreement-document">
          <a href={href} download>
            {document.name}
          </a>{" "}
          <span className="muted">({t("agreement.documentSize", { size: formatNumber(locale, Math.max(1, Math.ceil(document.size / 1024))) })})</span>
        </p>
      ) : (
        <p className="muted">{t("agreement.noDocument")}</p>
      )}
      {canEdit ? (
        <>
          <Form method="post" encType="multipart/form-data" aria-label={document ? t("agreement.replace") : t("agreement.upload")}>
            <input type="hidden" name="intent" value="upload" />
            <label htmlFor={`${id}-file`}>
              {t("agreement.documentFile")}
              <input
                id={`${id}-file`}
                type="file"
                name="document"
                accept="application/pdf,.pdf"
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
              />
              <small id={`${id}-help`}>{t("agreement.documentHelp", { max: formatNumber(locale, maxMb) })}</small>
              {error ? (
                <small id={`${id}-error`} className="field-error" role="alert">
                  {t(error, { max: formatNumber(locale, maxMb) })}
                </small>
              ) : null}
            </label>
            <button type="submit">{document ? t("agreement.replace") : t("agreement.upload")}</button>
          </Form>
          {document ? (
            <Form method="post" className="inline-remove">
              <input type="hidden" name="intent" value="removeDocument" />
              <button type="submit" className="secondary outline compact">
                {t("agreement.removeDocument")}
              </button>
            </Form>
          ) : null}
          {removeErrors.form ? <FormMessage tone="error">{t(removeErrors.form)}</FormMessage> : null}
        </>
      ) : null}
    </section>
  );
}
