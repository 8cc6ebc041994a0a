import { Form } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import type * as Y from "yjs";
import { checkConclusion, isBlocking, isoToday, type CheckLanguages, type ConclusionCheck, type ConclusionProblem } from "../collab/conclusion-check";
import { readActions, readAgenda, type DocLanguages } from "../collab/conference-doc";
import { formatDate, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { useModal } from "./confirm-dialog";

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

function ProblemText({ problem, partyName }: { problem: ConclusionProblem; partyName: (code: string) => string }) {
  const t = useT();
  const locale = useLocale();
  switch (problem.kind) {
    case "untitledItem":
      return <>{t("conclusion.problems.untitledItem", { number: problem.number })}</>;
    case "actionWithoutOwners":
      return <>{t("conclusion.problems.actionWithoutOwners", { number: problem.number, text: excerpt(problem.text) })}</>;
    case "actionDueInvalid":
      return <>{t("conclusion.problems.actionDueInvalid", { number: problem.number, text: excerpt(problem.text) })}</>;
    case "actionDuePast":
      return <>{t("conclusion.problems.actionDuePast", { number: problem.number, text: excerpt(problem.text), due: formatDate(locale, problem.due) })}</>;
    case "itemAfterClosing":
      return <>{t("conclusion.problems.itemAfterClosing", { number: problem.number, title: excerpt(problem.title) })}</>;
    case "partyWithoutItem":
      return <>{t("conclusion.problems.partyWithoutItem", { party: `${problem.party} (${partyName(problem.party)})` })}</>;
    case "blankItemsLeftOut":
      return <>{t("conclusion.problems.blankItemsLeftOut", { count: problem.count })}</>;
    case "emptyActionsLeftOut":
      return <>{t("conclusion.problems.emptyActionsLeftOut", { count: problem.count })}</>;
    case "textMissing":
    case "textStale": {
      const key = `conclusion.problems.${problem.kind}${problem.subject === "item" ? "Item" : "Action"}`;
      const fields = new Intl.ListFormat(locale, { type: "conjunction" }).format(problem.fields.map((f) => t(`parallel.fields.${f}`)));
      const language = t(`parallel.languages.${problem.language}`);
      return <>{t(key, { number: problem.number, title: excerpt(problem.label), text: excerpt(problem.label), language, fields })}</>;
    }
  }
}

function ProblemList({
  id,
  heading,
  problems,
  partyName,
  blocking = false,
}: {
  id: string;
  heading: string;
  problems: ConclusionProblem[];
  partyName: (code: string) => string;
  blocking?: boolean;
}) {
  if (problems.length === 0) return null;
  return (
    <section className={`conclusion-problems${blocking ? " is-blocking" : ""}`} aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      <ul>
        {problems.map((problem, i) => (
          <li key={i}>
            <ProblemText problem={problem} partyName={partyName} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What concluding does, what stops it and what to look at first: the dialog and the no-script page say the same. */
export function ConclusionSummary({
  check,
  unsettledReviews,
  parties,
}: {
  check: ConclusionCheck;
  /** Commitments carried to this conference whose review has no outcome yet: they are carried on. */
  unsettledReviews: number;
  parties: { code: string; name: string }[];
}) {
  const t = useT();
  const partyName = (code: string) => parties.find((p) => p.code === code)?.name ?? code;
  const blocking = check.problems.filter(isBlocking);
  const warnings = check.problems.filter((p) => !isBlocking(p));
  return (
    <div className="conclusion-summary">
      <h3>{t("conclusion.willHappen")}</h3>
      <ul>
        <li>{t("conclusion.freezes")}</li>
        <li>{t("conclusion.adoptsItems", { count: check.items })}</li>
        <li>{check.commitments > 0 ? t("conclusion.createsCommitments", { count: check.commitments }) : t("conclusion.noCommitments")}</li>
        {unsettledReviews > 0 ? <li>{t("conclusion.carriesReviews", { count: unsettledReviews })}</li> : null}
      </ul>
      <ProblemList id="conclusion-blocking" heading={t("conclusion.mustFix")} problems={blocking} partyName={partyName} blocking />
      <ProblemList id="conclusion-warnings" heading={t("conclusion.pleaseCheck")} problems={warnings} partyName={partyName} />
      {check.problems.length === 0 ? <p className="conclusion-clear">{t("conclusion.allClear")}</p> : null}
    </div>
  );
}

/** The conclusion check of the live document, recomputed as people keep typing. */
export function useLiveConclusionCheck(
  doc: Y.Doc | null,
  partyCodes: string[],
  active: boolean,
  languages: (DocLanguages & CheckLanguages) | null = null,
): ConclusionCheck | null {
  const [check, setCheck] = useState<ConclusionCheck | null>(null);
  const key = partyCodes.join(",");
  const languagesKey = languages ? JSON.stringify(languages) : "";
  useEffect(() => {
    if (!doc || !active) return setCheck(null);
    const codes = key.split(",").filter(Boolean);
    const parallel = languagesKey ? (JSON.parse(languagesKey) as DocLanguages & CheckLanguages) : undefined;
    const run = () =>
      setCheck(checkConclusion(readAgenda(doc, parallel), readActions(doc, parallel), codes, isoToday(new Date()), parallel));
    run();
    doc.on("update", run);
    return () => doc.off("update", run);
  }, [doc, key, active, languagesKey]);
  return check;
}

/** Accord's own conclusion dialog: the check first, then "Adopt the record" (not while something blocks it). */
export function ConcludeDialog({
  open,
  check,
  unsettledReviews,
  parties,
  action,
  onClose,
}: {
  open: boolean;
  check: ConclusionCheck | null;
  unsettledReviews: number;
  parties: { code: string; name: string }[];
  action: string;
  onClose: () => void;
}) {
  const t = useT();
  const ref = useModal(open);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="conclude-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <article>
        <h2 id={titleId} className="dialog-title">
          {t("conclusion.title")}
        </h2>
        {check ? <ConclusionSummary check={check} unsettledReviews={unsettledReviews} parties={parties} /> : null}
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="conclude" />
          <footer className="dialog-actions">
            <button type="button" className="secondary outline" onClick={onClose}>
              {t("workspace.cancel")}
            </button>
            <button type="submit" disabled={!check || check.blocking}>
              {t("conclusion.adopt")}
            </button>
          </footer>
        </Form>
      </article>
    </dialog>
  );
}
