import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import * as Y from "yjs";
import { confirmStillCorrect } from "../collab/alignment-tracker";
import { alignmentEntries, ensureTextType, languagesOf, plainTextOf, readActions, readAgenda, type DocLanguages } from "../collab/conference-doc";
import { isBlankItem, isEmptyAction } from "../collab/conclusion-check";
import { DOCUMENT_LIMITS } from "../collab/conference-schema";
import { ACTION_TEXT_FIELDS, AGENDA_TEXT_FIELDS, textKey } from "../collab/parallel-texts";
import { alignField, type FieldAlignment } from "../collab/text-alignment";
import { diffWords } from "../collab/word-diff";
import { WhileScripted } from "./while-scripted";
import { useT } from "../i18n/use-t";
import { PresenceField } from "./presence";
import { RichTextField } from "./rich-text-field";
import { useWorkspace } from "./workspace-context";
import { YTextArea, YTextView } from "./y-text-field";

// Texts of the conference document in every working language: side by side
// on a wide screen, one language at a time (a switch) on a phone, each with
// how it stands to its source (text-alignment.ts, decision 0025).

export interface ParallelLanguages extends DocLanguages {
  working: string[];
  authentic: string[];
}

interface ParallelContextValue {
  languages: ParallelLanguages;
  /** Every language the document is read in, the base among them. */
  all: string[];
  /** The language a phone shows. */
  shown: string;
  setShown: (language: string) => void;
}

const ParallelContext = createContext<ParallelContextValue | null>(null);

export function ParallelTextsProvider({ languages, preferred, children }: { languages: ParallelLanguages; preferred: string; children: React.ReactNode }) {
  const all = useMemo(() => languagesOf(languages), [languages]);
  const [shown, setShown] = useState(all.includes(preferred) ? preferred : languages.base);
  const value = useMemo(() => ({ languages, all, shown, setShown }), [languages, all, shown]);
  return <ParallelContext.Provider value={value}>{children}</ParallelContext.Provider>;
}

/** The working languages, when the series has more than one; null shows a single-language document as before. */
export function useParallel(): ParallelContextValue | null {
  const value = useContext(ParallelContext);
  return value && value.all.length > 1 ? value : null;
}

function useLanguageName() {
  const t = useT();
  return (language: string) => t(`parallel.languages.${language}`, { defaultValue: language });
}

/**
 * Language names are written for the middle of a sentence ("bản tiếng
 * Trung"); standing alone, as a heading or a tab, they start with a capital.
 */
export function standalone(name: string): string {
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}

/** The phone's switch between languages: tabs, moved through with the arrow keys. */
export function LanguageTabs({ controls }: { controls: string }) {
  const t = useT();
  const name = useLanguageName();
  const parallel = useParallel();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  if (!parallel) return null;
  const { all, shown, setShown } = parallel;
  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    const next =
      event.key === "ArrowRight" ? (index + 1) % all.length
      : event.key === "ArrowLeft" ? (index - 1 + all.length) % all.length
      : event.key === "Home" ? 0
      : event.key === "End" ? all.length - 1
      : null;
    if (next === null) return;
    event.preventDefault();
    setShown(all[next]);
    refs.current[next]?.focus();
  };
  return (
    <div className="language-tabs" role="tablist" aria-label={t("parallel.switchLabel")}>
      {all.map((language, index) => (
        <button
          key={language}
          ref={(el) => {
            refs.current[index] = el;
          }}
          type="button"
          role="tab"
          aria-selected={language === shown}
          aria-controls={controls}
          tabIndex={language === shown ? 0 : -1}
          onClick={() => setShown(language)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {standalone(name(language))}
        </button>
      ))}
    </div>
  );
}

/** How each field of an item stands in every language, kept live as anyone types. */
function useItemAlignment(item: Y.Map<unknown>, fields: readonly string[]): Record<string, FieldAlignment | null> {
  const parallel = useParallel();
  const read = () => {
    if (!parallel) return {};
    const entries = alignmentEntries(item);
    const base = parallel.languages.base;
    return Object.fromEntries(
      fields.map((field) => [
        field,
        alignField(field, Object.fromEntries(parallel.all.map((l) => [l, plainTextOf(item, field, l, base)])), entries, parallel.all, base),
      ]),
    );
  };
  const [alignment, setAlignment] = useState(read);
  const key = fields.join(",");
  useEffect(() => {
    const refresh = () => setAlignment(read());
    refresh();
    item.observeDeep(refresh);
    return () => item.unobserveDeep(refresh);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read() depends only on these
  }, [item, key, parallel]);
  return alignment;
}

/** What changed in the source since a stale text was last confirmed: words added and removed. */
function SourceChange({ since, now, language }: { since: string; now: string; language: string }) {
  const parts = diffWords(since, now);
  return (
    <p className="redline-text text-state-change" lang={language}>
      {parts.map((part, i) =>
        part.type === "insert" ? <ins key={i}>{part.text}</ins> : part.type === "delete" ? <del key={i}>{part.text}</del> : <span key={i}>{part.text}</span>,
      )}
    </p>
  );
}

/** A text's state beside it: source, in line, not written yet, or needs update with the change and "Still correct". */
function TextState({ item, field, language, alignment }: { item: Y.Map<unknown>; field: string; language: string; alignment: FieldAlignment | null }) {
  const t = useT();
  const name = useLanguageName();
  const { session, canEdit } = useWorkspace();
  const parallel = useParallel();
  if (!parallel || !alignment) return null;
  const state = alignment.states[language];
  if (!state) return null;
  const source = alignment.source;
  if (state.state !== "stale") {
    // Nothing to do: said quietly, so that only what needs someone stands out.
    return (
      <p className={`text-state is-${state.state}`}>
        <span className="text-state-badge">{t(`parallel.states.${state.state}`)}</span>
      </p>
    );
  }
  const sourceNow = plainTextOf(item, field, source, parallel.languages.base);
  return (
    <div className="text-state is-stale">
      <p className="text-state-line">
        <span className="text-state-badge">{t("parallel.states.stale")}</span>
        {canEdit ? (
          <button
            type="button"
            className="secondary outline compact"
            aria-label={t("parallel.stillCorrectLabel", { field: t(`parallel.fields.${field}`), language: name(language), source: name(source) })}
            onClick={() => confirmStillCorrect(session.doc, item, field, language, parallel.languages)}
          >
            {t("parallel.stillCorrect")}
          </button>
        ) : null}
      </p>
      <div className="text-state-detail">
        {typeof state.since === "string" ? (
          <>
            <small>{t("parallel.changedSince", { language: name(source) })}</small>
            <SourceChange since={state.since} now={sourceNow} language={source} />
          </>
        ) : (
          <small>{t("parallel.sourceChanged", { language: name(source) })}</small>
        )}
      </div>
    </div>
  );
}

/** A plain text field in one language: co-edited, or created by the first person who goes to write in it. */
function PlainText({
  item,
  field,
  language,
  id,
  label,
  fieldKey,
  singleLine,
  maxLength,
  placeholder,
  className,
  autoFocus,
}: {
  item: Y.Map<unknown>;
  field: string;
  language: string;
  id: string;
  label: string;
  fieldKey: string;
  singleLine?: boolean;
  maxLength: number;
  placeholder?: string;
  className?: string;
  autoFocus?: boolean;
}) {
  const { session, canEdit } = useWorkspace();
  const parallel = useParallel();
  const base = parallel?.languages.base ?? language;
  const value = item.get(textKey(field, language, base));
  const ytext = value instanceof Y.Text ? value : null;
  if (!canEdit) {
    return (
      <div className={className}>
        <span className={singleLine ? "visually-hidden" : "field-label"}>{label}</span>
        <p className="parallel-readonly" lang={language}>
          <YTextView ytext={ytext} fallback="—" />
        </p>
      </div>
    );
  }
  return (
    <PresenceField fieldKey={fieldKey} className={className}>
      {/* The column's heading names the language; a title's label is for screen readers, as in one language. */}
      <label htmlFor={id} className={singleLine ? "visually-hidden" : "field-label"}>
        {label}
      </label>
      {ytext ? (
        <YTextArea
          id={id}
          ytext={ytext}
          singleLine={singleLine}
          rows={singleLine ? 1 : 2}
          maxLength={maxLength}
          lang={language}
          placeholder={placeholder}
          autoFocus={autoFocus}
          autoComplete="off"
          className={singleLine ? "agenda-title-input" : undefined}
        />
      ) : (
        <textarea
          id={id}
          className={singleLine ? "agenda-title-input" : undefined}
          rows={singleLine ? 1 : 2}
          lang={language}
          placeholder={placeholder}
          defaultValue=""
          onFocus={() => {
            session.doc.transact(() => ensureTextType(item, field, language, base));
            requestAnimationFrame(() => document.getElementById(id)?.focus());
          }}
        />
      )}
    </PresenceField>
  );
}

/** Rich text in one language, its fragment created by the first person who goes to write in it. */
function RichText({ item, field, language, label, fieldKey, placeholder }: { item: Y.Map<unknown>; field: string; language: string; label: string; fieldKey: string; placeholder: string }) {
  const { session, canEdit } = useWorkspace();
  const parallel = useParallel();
  const base = parallel?.languages.base ?? language;
  const value = item.get(textKey(field, language, base));
  const [focusNew, setFocusNew] = useState(false);
  if (value instanceof Y.XmlFragment) {
    return <RichTextField fragment={value} fieldKey={fieldKey} label={label} placeholder={placeholder} lang={language} autoFocus={focusNew} />;
  }
  if (!canEdit) return null;
  return (
    <div className="rich-text is-editable">
      <div className="rich-text-head">
        <span className="field-label">{label}</span>
      </div>
      {/* A text from before this language was worked in: its place is made when someone starts writing. */}
      <button
        type="button"
        className="rich-text-start"
        aria-label={label}
        onClick={() => {
          setFocusNew(true);
          session.doc.transact(() => ensureTextType(item, field, language, base));
        }}
      >
        {placeholder}
      </button>
    </div>
  );
}

/** One column per working language (the one shown on a phone marked), each named for screen readers, headed where asked. */
function LanguageColumns({ parallel, headed = false, children }: { parallel: ParallelContextValue; headed?: boolean; children: (language: string) => React.ReactNode }) {
  const t = useT();
  const name = useLanguageName();
  const { authentic } = parallel.languages;
  return (
    <div className="parallel-columns">
      {parallel.all.map((language) => (
        <section
          key={language}
          className="parallel-column"
          data-shown={language === parallel.shown ? "" : undefined}
          aria-label={t("parallel.column", { language: name(language) })}
        >
          {headed ? (
            <h4 className="parallel-column-head">
              {standalone(name(language))}
              {authentic.includes(language) && authentic.length < parallel.all.length ? <span className="badge">{t("parallel.authentic")}</span> : null}
            </h4>
          ) : null}
          {children(language)}
        </section>
      ))}
    </div>
  );
}

/** An agenda item's texts, one column per working language. */
export function ParallelAgendaTexts({ item, itemId, number, autoFocus }: { item: Y.Map<unknown>; itemId: string; number: number; autoFocus: boolean }) {
  const t = useT();
  const name = useLanguageName();
  const { canEdit } = useWorkspace();
  const parallel = useParallel();
  const alignment = useItemAlignment(item, AGENDA_TEXT_FIELDS);
  if (!parallel) return null;
  return (
    <LanguageColumns parallel={parallel} headed>
      {(language) => (
        <>
          <PlainText
            item={item}
            field="title"
            language={language}
            id={`agenda-title-${itemId}-${language}`}
            label={t("parallel.titleLabel", { number, language: name(language) })}
            fieldKey={`agenda:${itemId}:title@${language}`}
            singleLine
            maxLength={DOCUMENT_LIMITS.titleLength}
            placeholder={canEdit ? t("workspace.agenda.titlePlaceholder") : undefined}
            className="agenda-title-field"
            autoFocus={autoFocus && language === parallel.shown}
          />
          <TextState item={item} field="title" language={language} alignment={alignment.title} />
          {(["notes", "outcome"] as const).map((field) => (
            <div key={field} className="parallel-rich">
              <RichText
                item={item}
                field={field}
                language={language}
                label={t(`parallel.${field}Label`, { language: name(language) })}
                fieldKey={`agenda:${itemId}:${field}@${language}`}
                placeholder={
                  canEdit ? t(field === "notes" ? "workspace.agenda.notesPlaceholder" : "workspace.agenda.outcomePlaceholder") : t(field === "notes" ? "workspace.agenda.noNotes" : "workspace.agenda.noOutcome")
                }
              />
              <TextState item={item} field={field} language={language} alignment={alignment[field]} />
            </div>
          ))}
        </>
      )}
    </LanguageColumns>
  );
}

/** A draft action's text, one column per working language. */
export function ParallelActionTexts({ item, actionId, number }: { item: Y.Map<unknown>; actionId: string; number: number }) {
  const t = useT();
  const name = useLanguageName();
  const { canEdit } = useWorkspace();
  const parallel = useParallel();
  const alignment = useItemAlignment(item, ACTION_TEXT_FIELDS);
  if (!parallel) return null;
  return (
    <LanguageColumns parallel={parallel}>
      {(language) => (
        <>
          <PlainText
            item={item}
            field="text"
            language={language}
            id={`action-text-${actionId}-${language}`}
            label={t("parallel.actionLabel", { number, language: name(language) })}
            fieldKey={`action:${actionId}:text@${language}`}
            maxLength={DOCUMENT_LIMITS.actionTextLength}
            placeholder={canEdit ? t("workspace.actions.textPlaceholder") : undefined}
            className="action-text-field"
          />
          <TextState item={item} field="text" language={language} alignment={alignment.text} />
        </>
      )}
    </LanguageColumns>
  );
}

/** Per language, how many items need their text updated or written: counted over the live document. */
function useAlignmentCounts(doc: Y.Doc, parallel: ParallelContextValue | null) {
  const [counts, setCounts] = useState<{ language: string; stale: number; missing: number }[]>([]);
  useEffect(() => {
    if (!parallel) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const count = () => {
      timer = null;
      const languages = { base: parallel.languages.base, working: parallel.all };
      const entries = [
        ...readAgenda(doc, languages).filter((item) => !isBlankItem(item)),
        ...readActions(doc, languages).filter((action) => !isEmptyAction(action)),
      ];
      setCounts(
        parallel.all.map((language) => {
          const states = (entry: (typeof entries)[number]) => Object.values(entry.alignment ?? {}).map((a) => a.states[language]?.state);
          return {
            language,
            stale: entries.filter((entry) => states(entry).includes("stale")).length,
            missing: entries.filter((entry) => states(entry).includes("missing")).length,
          };
        }),
      );
    };
    // Counted a moment after typing stops, not on every keystroke.
    const schedule = () => {
      if (timer === null) timer = setTimeout(count, 300);
    };
    count();
    doc.on("update", schedule);
    return () => {
      doc.off("update", schedule);
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc, parallel]);
  return counts;
}

/** "3 items need the Chinese text updated": what remains to bring in line, per language. */
/** The summary's place while the live document opens (the server's copy of the workspace), so that nothing below it moves. */
export function AlignmentSummaryPending() {
  const t = useT();
  return (
    <section className="alignment-summary" aria-labelledby="alignment-summary-heading">
      <h2 id="alignment-summary-heading" className="alignment-summary-heading">
        {t("parallel.summaryHeading")}
      </h2>
      <p className="alignment-pending">
        <WhileScripted text={t("parallel.checking")} withoutScript={t("parallel.needsScript")} />
      </p>
    </section>
  );
}

export function AlignmentSummary() {
  const t = useT();
  const name = useLanguageName();
  const { session } = useWorkspace();
  const parallel = useParallel();
  const counts = useAlignmentCounts(session.doc, parallel);
  if (!parallel) return null;
  const lines = counts.flatMap(({ language, stale, missing }) => [
    ...(stale > 0 ? [{ key: `${language}-stale`, text: t("parallel.stale", { count: stale, language: name(language) }), stale: true }] : []),
    ...(missing > 0 ? [{ key: `${language}-missing`, text: t("parallel.missing", { count: missing, language: name(language) }), stale: false }] : []),
  ]);
  return (
    <section className="alignment-summary" aria-labelledby="alignment-summary-heading">
      <h2 id="alignment-summary-heading" className="alignment-summary-heading">
        {t("parallel.summaryHeading")}
      </h2>
      {lines.length === 0 ? (
        <p className="alignment-clear">{t("parallel.allInLine")}</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line.key} className={line.stale ? "is-stale" : "is-missing"}>
              {line.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
