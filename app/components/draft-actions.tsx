import { useId, useState } from "react";
import { useT } from "../i18n/use-t";
import { dueProblem, isoToday } from "../collab/conclusion-check";
import { actionsOf, addDraftAction, removeDraftAction, setActionOwner, setItemField } from "../collab/conference-doc";
import { useActionRows, type ActionRow } from "../collab/use-conference-lists";
import { formatDate, useLocale } from "../i18n/format";
import { CommentThreads } from "./comments";
import { ConfirmDialog } from "./confirm-dialog";
import { PresenceField } from "./presence";
import { ParallelActionTexts, useParallel } from "./parallel-texts";
import { useWorkspace, type WorkspaceParty } from "./workspace-context";
import type { ShownLanguage } from "../models/parallel-text-rules";
import { ShownText } from "./shown-text";
import { useYTextValue } from "../collab/use-y-text";
import { YTextArea, YTextView } from "./y-text-field";

// Draft actions: what the parties agree to do, co-edited during the conference.

export interface ActionSnapshotItem {
  id: string;
  text: string;
  owners: string[];
  due: string | null;
  /** The language of `text` when it is not the reader's (see ShownText). */
  shown?: ShownLanguage;
}

const actionTextId = (id: string) => `action-text-${id}`;
const MAX_TEXT = 2000;

/** Draft actions while the conference sits; once its record is adopted, what was agreed. */
export function ActionsSection({ adopted = false, children }: { adopted?: boolean; children: React.ReactNode }) {
  const t = useT();
  return (
    <section className="workspace-section" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{adopted ? t("record.actions") : t("workspace.actions.heading")}</h2>
      {adopted ? null : <p className="muted section-help">{t("workspace.actions.intro")}</p>}
      {children}
    </section>
  );
}

/** Owners and due date as text. */
function ActionMeta({ owners, due, parties }: { owners: string[]; due: string | null; parties: WorkspaceParty[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <dl className="action-meta">
      <div>
        <dt>{t("workspace.actions.owners")}</dt>
        <dd>
          {owners.length === 0
            ? t("workspace.actions.noOwners")
            : owners.map((code, i) => (
                <span key={code}>
                  {i > 0 ? ", " : null}
                  <abbr title={parties.find((p) => p.code === code)?.name ?? code} className="party-code">
                    {code}
                  </abbr>
                </span>
              ))}
        </dd>
      </div>
      <div>
        <dt>{t("workspace.actions.due")}</dt>
        <dd>
          {due === "next"
            ? t("workspace.actions.dueNext")
            : due && /^\d{4}-\d{2}-\d{2}$/.test(due)
              ? formatDate(locale, due)
              : t("workspace.actions.noDue")}
        </dd>
      </div>
    </dl>
  );
}

/** The draft actions as the server last projected them. */
export function ActionsSnapshot({ actions, parties, adopted = false }: { actions: ActionSnapshotItem[]; parties: WorkspaceParty[]; adopted?: boolean }) {
  const t = useT();
  return (
    <ActionsSection adopted={adopted}>
      {actions.length === 0 ? (
        <p className="muted empty-list">{t("workspace.actions.empty")}</p>
      ) : (
        <ol className="action-list">
          {actions.map((action) => (
            <li key={action.id}>
              <article className="action-card is-readonly">
                <p className="action-text">{action.text.trim() ? <ShownText text={action.text} shown={action.shown} /> : t("workspace.actions.emptyText")}</p>
                <ActionMeta owners={action.owners} due={action.due} parties={parties} />
              </article>
            </li>
          ))}
        </ol>
      )}
    </ActionsSection>
  );
}

function DueField({ row }: { row: ActionRow }) {
  const t = useT();
  const { session } = useWorkspace();
  const id = useId();
  const actions = actionsOf(session.doc);
  const next = row.due === "next";
  // The same rule the conclusion check applies, said where the date is typed.
  const problem = dueProblem(row.due, isoToday(new Date()));
  return (
    <fieldset className="action-due">
      <legend>{t("workspace.actions.due")}</legend>
      <div className="action-options">
        <label htmlFor={`${id}-date`} className="visually-hidden">
          {t("workspace.actions.dueDate")}
        </label>
        <input
          id={`${id}-date`}
          type="date"
          value={next || !row.due || problem === "invalid" ? "" : row.due}
          disabled={next}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setItemField(actions, row.id, "due", e.target.value || null)}
        />
        <label>
          <input
            type="checkbox"
            role="switch"
            checked={next}
            onChange={(e) => setItemField(actions, row.id, "due", e.target.checked ? "next" : null)}
          />
          {t("workspace.actions.dueNext")}
        </label>
      </div>
      {problem ? (
        <small id={`${id}-problem`} className="field-error">
          {t(problem === "past" ? "conclusion.inline.duePast" : "conclusion.inline.dueInvalid")}
        </small>
      ) : null}
    </fieldset>
  );
}

function ActionCard({ row, number, onRemove }: { row: ActionRow; number: number; onRemove: (row: ActionRow) => void }) {
  const t = useT();
  const { session, canEdit, parties } = useWorkspace();
  const parallel = useParallel();
  const ownersId = useId();
  const hasText = useYTextValue(row.text).trim() !== "";
  if (!canEdit || !row.text) {
    return (
      <article className="action-card is-readonly">
        {parallel ? (
          <ParallelActionTexts item={row.item} actionId={row.id} number={number} />
        ) : (
          <p className="action-text">
            <YTextView ytext={row.text} fallback={t("workspace.actions.emptyText")} />
          </p>
        )}
        <ActionMeta owners={row.owners} due={row.due} parties={parties} />
        <CommentThreads target={`action:${row.id}`} />
      </article>
    );
  }
  return (
    <article className="action-card is-editable">
      {parallel ? (
        <ParallelActionTexts item={row.item} actionId={row.id} number={number} />
      ) : (
        <PresenceField fieldKey={`action:${row.id}:text`} className="action-text-field">
          <label htmlFor={actionTextId(row.id)} className="field-label">
            {t("workspace.actions.text", { number })}
          </label>
          <YTextArea
            id={actionTextId(row.id)}
            ytext={row.text}
            rows={2}
            maxLength={MAX_TEXT}
            placeholder={t("workspace.actions.textPlaceholder")}
          />
        </PresenceField>
      )}
      <div className="action-fields">
        <fieldset
          className="action-owners"
          aria-invalid={hasText && row.owners.length === 0 ? true : undefined}
          aria-describedby={hasText && row.owners.length === 0 ? ownersId : undefined}
        >
          <legend>{t("workspace.actions.owners")}</legend>
          <div className="action-options">
            {parties.map((p) => (
              <label key={p.code} title={p.name}>
                <input
                  type="checkbox"
                  checked={row.owners.includes(p.code)}
                  onChange={(e) => setActionOwner(session.doc, row.id, p.code, e.target.checked)}
                />
                {p.code}
              </label>
            ))}
          </div>
          {hasText && row.owners.length === 0 ? (
            <small id={ownersId} className="field-error">
              {t("conclusion.inline.ownersNeeded")}
            </small>
          ) : null}
        </fieldset>
        <DueField row={row} />
        <button
          type="button"
          className="secondary outline compact danger-outline action-remove"
          onClick={() => onRemove(row)}
        >
          {t("workspace.actions.remove", { number })}
        </button>
      </div>
      <CommentThreads target={`action:${row.id}`} />
    </article>
  );
}

/** Draft actions, live from the conference document. */
export function LiveDraftActions() {
  const t = useT();
  const { session, canEdit, adopted } = useWorkspace();
  const parallel = useParallel();
  const rows = useActionRows(session.doc);
  const [toRemove, setToRemove] = useState<ActionRow | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const add = () => {
    const id = addDraftAction(session.doc, {}, parallel ? { base: parallel.languages.base, working: parallel.all } : undefined);
    requestAnimationFrame(() => document.getElementById(parallel ? `${actionTextId(id)}-${parallel.shown}` : actionTextId(id))?.focus());
  };
  const confirmRemove = () => {
    if (!toRemove) return;
    removeDraftAction(session.doc, toRemove.id);
    setToRemove(null);
    setAnnouncement(t("workspace.actions.removed"));
  };

  return (
    <ActionsSection adopted={adopted}>
      {rows.length === 0 ? <p className="muted empty-list">{t("workspace.actions.empty")}</p> : null}
      <ol className="action-list">
        {rows.map((row, index) => (
          <li key={row.id}>
            <ActionCard row={row} number={index + 1} onRemove={setToRemove} />
          </li>
        ))}
      </ol>
      {canEdit ? (
        <button type="button" className="secondary outline add-button" onClick={add}>
          + {t("workspace.actions.add")}
        </button>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ConfirmDialog
        open={toRemove !== null}
        title={t("workspace.actions.removeTitle")}
        message={
          toRemove
            ? t("workspace.actions.removeBody", { text: toRemove.text?.toString().trim() || t("workspace.actions.emptyText") })
            : ""
        }
        confirmLabel={t("workspace.removeConfirm")}
        onConfirm={confirmRemove}
        onCancel={() => setToRemove(null)}
      />
    </ActionsSection>
  );
}
