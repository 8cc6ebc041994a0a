import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useT } from "../i18n/use-t";
import { FormMessage, Field } from "./field";
import { errorsFor, TextAreaField, type AgreementReply } from "./agreement-bits";
import { useConstraint } from "./form-replies";
import type { ShownText as ShownTextType } from "../models/parallel-text-rules";
import { ShownText } from "./shown-text";

export interface ClauseItem {
  id: number;
  position: number;
  label: string;
  /** The base text, which the forms edit. */
  text: string;
  commitmentId: number | null;
  /** What the reader reads: the text in their language where there is one (see ShownText). */
  shown?: ShownTextType;
}

interface Party {
  id: number;
  code: string;
  name: string;
}

/** The clauses of an agreement, in order; secretariats edit them and turn them into commitments. */
export function ClauseList({
  clauses,
  parties,
  canEdit,
  result,
  version,
}: {
  clauses: ClauseItem[];
  parties: Party[];
  canEdit: boolean;
  result: AgreementReply;
  /** Changes with every saved change, so that forms start afresh after one. */
  version: string;
}) {
  const t = useT();
  const addErrors = errorsFor(result, "addClause");
  const limits = useConstraint("addClause");
  return (
    <section aria-labelledby="clauses-heading" className="agreement-section">
      <h2 id="clauses-heading">{t("agreement.clauses")}</h2>
      {clauses.length === 0 ? <p className="muted">{t("agreement.noClauses")}</p> : null}
      <ol className="clause-list">
        {clauses.map((clause) => (
          <li key={clause.id} id={`clause-${clause.id}`}>
            <article className="clause-card">
              <div className="clause-body">
                {clause.label ? <span className="clause-label">{clause.label}</span> : null}
                <p className="clause-text">
                  <ShownText text={clause.shown?.text ?? clause.text} shown={clause.shown} />
                </p>
              </div>
              {clause.commitmentId !== null ? (
                <p className="clause-commitment">
                  <Link to={`/commitments/${clause.commitmentId}`}>{t("agreement.viewCommitment")}</Link>
                </p>
              ) : null}
              {canEdit ? (
                <ClauseTools clause={clause} parties={parties} result={result} version={version} count={clauses.length} />
              ) : null}
            </article>
          </li>
        ))}
      </ol>
      {canEdit ? (
        <details className="agreement-form" open={Object.keys(addErrors).length > 0 || clauses.length === 0} key={`add-${version}`}>
          <summary>{t("agreement.addClause")}</summary>
          <Form method="post" aria-label={t("agreement.addClause")}>
            <input type="hidden" name="intent" value="addClause" />
            <div className="grid-form">
              <Field label={t("agreement.clauseLabel")} name="label" maxLength={limits?.label?.maxLength} help={t("agreement.clauseLabelHelp")} error={addErrors.label} />
              <Field label={t("agreement.clauseOrder")} name="position" type="number" min={limits?.position?.min} help={t("agreement.clauseOrderHelp")} error={addErrors.position} />
            </div>
            <TextAreaField label={t("agreement.clauseText")} name="text" rows={3} required maxLength={limits?.text?.maxLength} error={addErrors.text} />
            {addErrors.form ? <FormMessage tone="error">{t(addErrors.form)}</FormMessage> : null}
            <button type="submit">{t("agreement.addClause")}</button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function ClauseTools({
  clause,
  parties,
  result,
  version,
  count,
}: {
  clause: ClauseItem;
  parties: Party[];
  result: AgreementReply;
  version: string;
  count: number;
}) {
  const t = useT();
  const id = useId();
  const editErrors = errorsFor(result, `editClause:${clause.id}`);
  const commitErrors = errorsFor(result, `makeCommitment:${clause.id}`);
  const removeErrors = errorsFor(result, `removeClause:${clause.id}`);
  const editLimits = useConstraint("editClause");
  const commitLimits = useConstraint("makeCommitment");
  const name = clause.label || clause.text.slice(0, 40);
  return (
    <div className="clause-tools">
      {clause.commitmentId === null ? (
        <details className="agreement-form" open={Object.keys(commitErrors).length > 0} key={`commit-${version}`}>
          <summary>{t("agreement.makeCommitment")}</summary>
          <Form method="post" aria-label={t("agreement.makeCommitmentFor", { clause: name })}>
            <input type="hidden" name="intent" value="makeCommitment" />
            <input type="hidden" name="clauseId" value={clause.id} />
            <TextAreaField label={t("agreement.commitmentText")} name="text" rows={3} required maxLength={commitLimits?.text?.maxLength} defaultValue={clause.text} error={commitErrors.text} />
            <fieldset aria-invalid={commitErrors.owners ? true : undefined}>
              <legend>{t("agreement.commitmentOwners")}</legend>
              <div className="checkbox-grid">
                {parties.map((p) => (
                  <label key={p.id}>
                    <input type="checkbox" name="owners" value={p.id} defaultChecked />
                    <strong>{p.code}</strong> {p.name}
                  </label>
                ))}
              </div>
              {commitErrors.owners ? <small className="field-error">{t(commitErrors.owners)}</small> : null}
            </fieldset>
            <fieldset className="due-choice">
              <legend>{t("agreement.due")}</legend>
              <label>
                <input type="radio" name="dueKind" value="next" defaultChecked />
                {t("agreement.dueNext")}
              </label>
              <label>
                <input type="radio" name="dueKind" value="date" />
                {t("agreement.dueOn")}
              </label>
              <label htmlFor={`${id}-due`}>
                {t("agreement.dueDate")}
                <input id={`${id}-due`} type="date" name="dueOn" aria-invalid={commitErrors.dueOn ? true : undefined} />
              </label>
              {commitErrors.dueOn ? <small className="field-error">{t(commitErrors.dueOn)}</small> : null}
              {commitErrors.dueKind ? <small className="field-error">{t(commitErrors.dueKind)}</small> : null}
            </fieldset>
            <button type="submit">{t("agreement.createCommitment")}</button>
          </Form>
        </details>
      ) : null}
      <details className="agreement-form" open={Object.keys(editErrors).length > 0} key={`edit-${version}`}>
        <summary>{t("agreement.editClause")}</summary>
        <Form method="post" aria-label={t("agreement.editClauseNamed", { clause: name })}>
          <input type="hidden" name="intent" value="editClause" />
          <input type="hidden" name="id" value={clause.id} />
          <div className="grid-form">
            <Field label={t("agreement.clauseLabel")} name="label" maxLength={editLimits?.label?.maxLength} defaultValue={clause.label} error={editErrors.label} />
            <Field
              label={t("agreement.clauseOrder")}
              name="position"
              type="number"
              min={editLimits?.position?.min}
              max={count}
              defaultValue={clause.position}
              error={editErrors.position}
            />
          </div>
          <TextAreaField label={t("agreement.clauseText")} name="text" rows={3} required maxLength={editLimits?.text?.maxLength} defaultValue={clause.text} error={editErrors.text} />
          {editErrors.form ? <FormMessage tone="error">{t(editErrors.form)}</FormMessage> : null}
          <button type="submit">{t("agreement.saveClause")}</button>
        </Form>
      </details>
      {clause.commitmentId === null ? (
        <Form method="post" className="inline-remove">
          <input type="hidden" name="intent" value="removeClause" />
          <input type="hidden" name="id" value={clause.id} />
          <button type="submit" className="secondary outline compact" aria-label={t("agreement.removeClauseNamed", { clause: name })}>
            {t("agreement.removeClause")}
          </button>
        </Form>
      ) : null}
      {commitErrors.form ? <FormMessage tone="error">{t(commitErrors.form)}</FormMessage> : null}
      {removeErrors.form ? <FormMessage tone="error">{t(removeErrors.form)}</FormMessage> : null}
    </div>
  );
}
