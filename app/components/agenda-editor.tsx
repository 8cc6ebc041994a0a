import { useRef, useState } from "react";
import { useT } from "../i18n/use-t";
import { addAgendaItem, agendaOf, AGENDA_KINDS, moveItem, removeAgendaItem, setItemField } from "../collab/conference-doc";
import { useAgendaRows, type AgendaRow } from "../collab/use-conference-lists";
import { useYTextValue } from "../collab/use-y-text";
import { AgendaMeta, AgendaSection } from "./agenda-view";
import { ConfirmDialog } from "./confirm-dialog";
import { Field } from "./field";
import { PresenceField } from "./presence";
import { CommentThreads } from "./comments";
import { PrivateNote } from "./private-notes";
import { ParallelAgendaTexts, useParallel } from "./parallel-texts";
import { RichTextField } from "./rich-text-field";
import { SelectField } from "./select-field";
import { AGENDA_DRAG_TYPE, useWorkspace } from "./workspace-context";
import { YTextArea, YTextView } from "./y-text-field";

const titleInputId = (id: string) => `agenda-title-${id}`;
const MAX_TITLE = 300;
const MAX_MINUTES = 24 * 60;

interface DragState {
  id: string;
  overId: string | null;
  after: boolean;
}

function useTitle(row: AgendaRow) {
  const t = useT();
  return useYTextValue(row.title).trim() || t("workspace.agenda.untitled");
}

/** Move up / Move down / Remove, labelled with the item's current title. */
function ItemTools({
  row,
  index,
  total,
  onMove,
  onRemove,
}: {
  row: AgendaRow;
  index: number;
  total: number;
  onMove: (row: AgendaRow, toIndex: number) => void;
  onRemove: (row: AgendaRow) => void;
}) {
  const t = useT();
  const title = useTitle(row);
  return (
    <div className="item-tools">
      <button
        type="button"
        className="secondary outline compact icon-button"
        data-move="up"
        aria-label={t("workspace.agenda.moveUp", { title })}
        title={t("workspace.agenda.moveUp", { title })}
        disabled={index === 0}
        onClick={() => onMove(row, index - 1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="secondary outline compact icon-button"
        data-move="down"
        aria-label={t("workspace.agenda.moveDown", { title })}
        title={t("workspace.agenda.moveDown", { title })}
        disabled={index === total - 1}
        onClick={() => onMove(row, index + 1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        className="secondary outline compact danger-outline"
        aria-label={t("workspace.agenda.remove", { title })}
        onClick={() => onRemove(row)}
      >
        {t("workspace.removeConfirm")}
      </button>
    </div>
  );
}

function EditableFields({ row }: { row: AgendaRow }) {
  const t = useT();
  const { session, parties } = useWorkspace();
  const agenda = agendaOf(session.doc);
  const set = (field: string, value: string | number | null) => setItemField(agenda, row.id, field, value);
  return (
    <div className="agenda-fields">
      <SelectField label={t("workspace.agenda.kind")} value={row.kind} onChange={(e) => set("kind", e.target.value)}>
        {AGENDA_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`workspace.agenda.kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        wide
        label={t("workspace.agenda.leadParty")}
        value={row.leadParty ?? ""}
        onChange={(e) => set("leadParty", e.target.value || null)}
      >
        <option value="">{t("workspace.agenda.noLeadParty")}</option>
        {parties.map((p) => (
          <option key={p.code} value={p.code}>
            {p.code} — {p.name}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("workspace.agenda.startTime")}
        type="time"
        value={row.startTime ?? ""}
        onChange={(e) => set("startTime", e.target.value || null)}
      />
      <Field
        label={t("workspace.agenda.duration")}
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_MINUTES}
        step={5}
        value={row.durationMinutes ?? ""}
        onChange={(e) => {
          const value = e.target.valueAsNumber;
          set("durationMinutes", Number.isFinite(value) ? Math.max(0, Math.min(MAX_MINUTES, Math.round(value))) : null);
        }}
      />
    </div>
  );
}

function AgendaItemCard({
  row,
  index,
  total,
  autoFocus,
  drag,
  setDrag,
  onMove,
  onRemove,
  onDrop,
}: {
  row: AgendaRow;
  index: number;
  total: number;
  autoFocus: boolean;
  drag: DragState | null;
  setDrag: (drag: DragState | null) => void;
  onMove: (row: AgendaRow, toIndex: number) => void;
  onRemove: (row: AgendaRow) => void;
  onDrop: () => void;
}) {
  const t = useT();
  const { canEdit, parties } = useWorkspace();
  const parallel = useParallel();
  const itemRef = useRef<HTMLLIElement>(null);
  const number = index + 1;
  // A blank title is said once the person has left the field (a new item starts blank on purpose).
  const [inTitle, setInTitle] = useState(autoFocus);
  const titleMissing = useYTextValue(row.title).trim() === "" && !inTitle;
  const titleProblemId = `${titleInputId(row.id)}-problem`;
  const dropping = drag && drag.overId === row.id && drag.id !== row.id ? (drag.after ? "after" : "before") : undefined;

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!canEdit || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const target = event.target as HTMLElement;
    // Alt+arrows move the caret by paragraph in multi-line text: leave them there.
    if (target.isContentEditable || (target instanceof HTMLTextAreaElement && !target.classList.contains("agenda-title-input"))) {
      return;
    }
    event.preventDefault();
    const to = event.key === "ArrowUp" ? index - 1 : index + 1;
    if (to >= 0 && to < total) onMove(row, to);
  };

  return (
    <li
      ref={itemRef}
      className={`agenda-item${drag?.id === row.id ? " is-dragging" : ""}`}
      data-drop={dropping}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        if (!drag) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        const box = event.currentTarget.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        if (drag.overId !== row.id || drag.after !== after) setDrag({ ...drag, overId: row.id, after });
      }}
      onDrop={(event) => {
        event.preventDefault();
        onDrop();
      }}
    >
      <article className={`agenda-card ${canEdit ? "is-editable" : "is-readonly"}`}>
        <header className="agenda-card-head">
          {canEdit ? (
            <span
              className="drag-handle"
              draggable
              title={t("workspace.agenda.dragHandle")}
              aria-hidden="true"
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData(AGENDA_DRAG_TYPE, row.id);
                if (itemRef.current) event.dataTransfer.setDragImage(itemRef.current, 24, 24);
                setDrag({ id: row.id, overId: null, after: false });
              }}
              onDragEnd={() => setDrag(null)}
            >
              ⠿
            </span>
          ) : null}
          <span className="agenda-number" aria-hidden="true">
            {number}
          </span>
          {parallel ? null : canEdit && row.title ? (
            <PresenceField fieldKey={`agenda:${row.id}:title`} className="agenda-title-field">
              <label htmlFor={titleInputId(row.id)} className="visually-hidden">
                {t("workspace.agenda.title", { number })}
              </label>
              <YTextArea
                id={titleInputId(row.id)}
                ytext={row.title}
                singleLine
                rows={1}
                className="agenda-title-input"
                placeholder={t("workspace.agenda.titlePlaceholder")}
                maxLength={MAX_TITLE}
                autoFocus={autoFocus}
                autoComplete="off"
                aria-invalid={titleMissing ? true : undefined}
                aria-describedby={titleMissing ? titleProblemId : undefined}
                onFocus={() => setInTitle(true)}
                onBlur={() => setInTitle(false)}
              />
              {titleMissing ? (
                <small id={titleProblemId} className="field-error">
                  {t("conclusion.inline.titleNeeded")}
                </small>
              ) : null}
            </PresenceField>
          ) : (
            <h3 className="agenda-title">
              <YTextView ytext={row.title} fallback={t("workspace.agenda.untitled")} />
            </h3>
          )}
          {canEdit ? <ItemTools row={row} index={index} total={total} onMove={onMove} onRemove={onRemove} /> : null}
        </header>
        {canEdit ? (
          <>
            <EditableFields row={row} />
            {/* On paper, the same facts as text rather than as form controls. */}
            <AgendaMeta {...row} parties={parties} className="print-only" />
          </>
        ) : (
          <AgendaMeta {...row} parties={parties} />
        )}
        {parallel ? (
          <ParallelAgendaTexts item={row.item} itemId={row.id} number={number} autoFocus={autoFocus} />
        ) : (
          <div className="agenda-texts">
            {row.notes ? (
              <RichTextField
                fragment={row.notes}
                fieldKey={`agenda:${row.id}:notes`}
                label={t("workspace.agenda.notes")}
                placeholder={canEdit ? t("workspace.agenda.notesPlaceholder") : t("workspace.agenda.noNotes")}
              />
            ) : null}
            {row.outcome ? (
              <RichTextField
                fragment={row.outcome}
                fieldKey={`agenda:${row.id}:outcome`}
                label={t("workspace.agenda.outcome")}
                placeholder={canEdit ? t("workspace.agenda.outcomePlaceholder") : t("workspace.agenda.noOutcome")}
              />
            ) : null}
          </div>
        )}
        <CommentThreads target={`item:${row.id}`} />
        <PrivateNote noteKey={`item-${row.id}`} label={t("privateNotes.item")} />
      </article>
    </li>
  );
}

/** The agenda, live from the conference document. */
export function LiveAgenda() {
  const t = useT();
  const { session, canEdit } = useWorkspace();
  const parallel = useParallel();
  const doc = session.doc;
  const rows = useAgendaRows(doc);
  const [announcement, setAnnouncement] = useState("");
  const [toRemove, setToRemove] = useState<AgendaRow | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [drag, setDrag] = useState<DragState | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const titleOf = (row: AgendaRow) => row.title?.toString().trim() || t("workspace.agenda.untitled");

  const move = (row: AgendaRow, toIndex: number) => {
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    moveItem(doc, agendaOf(doc), row.id, toIndex);
    setAnnouncement(t("workspace.agenda.moved", { title: titleOf(row), position: toIndex + 1, total: rows.length }));
    // The list re-renders in its new order; keep the keyboard where it was.
    requestAnimationFrame(() => {
      if (!active || !active.isConnected) return;
      if (active instanceof HTMLButtonElement && active.disabled) {
        const other = active.dataset.move === "up" ? "down" : "up";
        active.parentElement?.querySelector<HTMLButtonElement>(`[data-move="${other}"]`)?.focus();
      } else if (document.activeElement !== active) active.focus();
    });
  };

  const drop = () => {
    if (!drag || !drag.overId || drag.overId === drag.id) return setDrag(null);
    const from = rows.findIndex((r) => r.id === drag.id);
    const over = rows.findIndex((r) => r.id === drag.overId);
    setDrag(null);
    if (from < 0 || over < 0) return;
    const insertAt = over + (drag.after ? 1 : 0);
    const to = insertAt > from ? insertAt - 1 : insertAt;
    if (to !== from) move(rows[from], to);
  };

  const confirmRemove = () => {
    if (!toRemove) return;
    const index = rows.findIndex((r) => r.id === toRemove.id);
    const neighbour = rows[index + 1] ?? rows[index - 1];
    removeAgendaItem(doc, toRemove.id);
    setAnnouncement(t("workspace.agenda.removed", { title: titleOf(toRemove) }));
    setToRemove(null);
    requestAnimationFrame(() => {
      const id = neighbour ? (parallel ? `${titleInputId(neighbour.id)}-${parallel.shown}` : titleInputId(neighbour.id)) : null;
      const next = id ? document.getElementById(id) : null;
      (next ?? addRef.current)?.focus();
    });
  };

  return (
    <AgendaSection>
      {canEdit && rows.length > 1 ? <p className="muted section-help">{t("workspace.agenda.reorderHelp")}</p> : null}
      {rows.length === 0 ? <p className="muted empty-list">{t("workspace.agenda.empty")}</p> : null}
      <ol className="agenda-list">
        {rows.map((row, index) => (
          <AgendaItemCard
            key={row.id}
            row={row}
            index={index}
            total={rows.length}
            autoFocus={row.id === focusId}
            drag={drag}
            setDrag={setDrag}
            onMove={move}
            onRemove={setToRemove}
            onDrop={drop}
          />
        ))}
      </ol>
      {canEdit ? (
        <button
          ref={addRef}
          type="button"
          className="secondary outline add-button"
          onClick={() => setFocusId(addAgendaItem(doc, { kind: "thematic" }, undefined, parallel ? { base: parallel.languages.base, working: parallel.all } : undefined))}
        >
          + {t("workspace.agenda.add")}
        </button>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ConfirmDialog
        open={toRemove !== null}
        title={t("workspace.agenda.removeTitle")}
        message={toRemove ? t("workspace.agenda.removeBody", { title: titleOf(toRemove) }) : ""}
        confirmLabel={t("workspace.removeConfirm")}
        onConfirm={confirmRemove}
        onCancel={() => setToRemove(null)}
      />
    </AgendaSection>
  );
}
