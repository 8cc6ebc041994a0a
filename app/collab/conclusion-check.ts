import type { AgendaItemView, DraftActionView } from "./conference-doc";
import { isCalendarDate } from "./conference-schema";

// What concluding a conference would do, and what is wrong with it first. The
// same check runs in the browser (the dialog, live as people type) and on the
// server on the frozen document, which refuses to adopt while a blocking
// problem remains.

export type DueProblem = "invalid" | "past" | null;

/** What is wrong with a draft action's due date on `today` (YYYY-MM-DD); "next" and none are fine. */
export function dueProblem(due: string | null, today: string): DueProblem {
  if (due === null || due === "" || due === "next") return null;
  if (!isCalendarDate(due)) return "invalid";
  return due < today ? "past" : null;
}

const hasText = (value: string) => value.trim() !== "";

/** The item's texts in every language it was read in (only the base's when read for one). */
function itemTexts(item: AgendaItemView) {
  return item.texts ? Object.values(item.texts) : [{ title: item.title, notesText: item.notesText, outcomeText: item.outcomeText }];
}

/** An agenda item with nothing in it, in any language: no title, no notes, no outcome. */
export function isBlankItem(item: AgendaItemView): boolean {
  return itemTexts(item).every((t) => !hasText(t.title) && !hasText(t.notesText) && !hasText(t.outcomeText));
}

/** A draft action with no text in any language. */
export function isEmptyAction(action: DraftActionView): boolean {
  return (action.texts ? Object.values(action.texts).map((t) => t.text) : [action.text]).every((text) => !hasText(text));
}

/** The title an item is named by in a list of problems: the base's, else the first language's that has one. */
export function itemLabel(item: AgendaItemView): string {
  return (hasText(item.title) ? item.title : (itemTexts(item).find((t) => hasText(t.title))?.title ?? "")).trim();
}

export function actionLabel(action: DraftActionView): string {
  return (hasText(action.text) ? action.text : (Object.values(action.texts ?? {}).find((t) => hasText(t.text))?.text ?? "")).trim();
}

export type ConclusionProblem =
  | { kind: "untitledItem"; number: number }
  | { kind: "actionWithoutOwners"; number: number; text: string }
  | { kind: "actionDueInvalid"; number: number; text: string }
  | { kind: "actionDuePast"; number: number; text: string; due: string }
  | { kind: "itemAfterClosing"; number: number; title: string }
  | { kind: "partyWithoutItem"; party: string }
  | { kind: "blankItemsLeftOut"; count: number }
  | { kind: "emptyActionsLeftOut"; count: number }
  /** A text of an item in a working language is not written, or no longer says what its source says. */
  | { kind: "textMissing" | "textStale"; subject: "item" | "action"; number: number; label: string; language: string; fields: string[]; authentic: boolean };

/** Blocking problems stop adoption; the others are said and may be accepted. */
const BLOCKING = new Set<ConclusionProblem["kind"]>(["untitledItem", "actionWithoutOwners", "actionDueInvalid", "actionDuePast"]);

export function isBlocking(problem: ConclusionProblem): boolean {
  // Only authentic texts must be whole and in line; another working language's gap is said, not blocking.
  if (problem.kind === "textMissing" || problem.kind === "textStale") return problem.authentic;
  return BLOCKING.has(problem.kind);
}

/** The languages the check looks at: every working language, and those authentic for the record. */
export interface CheckLanguages {
  working: readonly string[];
  authentic: readonly string[];
}

export interface ConclusionCheck {
  /** Agenda items the record will hold (blank ones are left out). */
  items: number;
  /** Draft actions that become commitments. */
  commitments: number;
  problems: ConclusionProblem[];
  blocking: boolean;
}

/** What the adopted record holds: the agenda and draft actions without blank entries. */
export function recordContent(agenda: AgendaItemView[], actions: DraftActionView[]) {
  return {
    agenda: agenda.filter((item) => !isBlankItem(item)),
    actions: actions.filter((action) => !isEmptyAction(action)),
  };
}

type Aligned = Pick<AgendaItemView, "alignment">;

/** Per language, the fields of one entry whose text is missing or stale (read with alignment). */
function gapsOf(entry: Aligned, languages: readonly string[]) {
  const gaps = new Map<string, { missing: string[]; stale: string[] }>();
  for (const [field, aligned] of Object.entries(entry.alignment ?? {})) {
    for (const language of languages) {
      const state = aligned.states[language]?.state;
      if (state !== "missing" && state !== "stale") continue;
      const gap = gaps.get(language) ?? { missing: [], stale: [] };
      gap[state].push(field);
      gaps.set(language, gap);
    }
  }
  return gaps;
}

function textProblems(subject: "item" | "action", number: number, label: string, entry: Aligned, languages: CheckLanguages): ConclusionProblem[] {
  const problems: ConclusionProblem[] = [];
  for (const [language, gap] of gapsOf(entry, languages.working)) {
    const authentic = languages.authentic.includes(language);
    if (gap.missing.length) problems.push({ kind: "textMissing", subject, number, label, language, fields: gap.missing, authentic });
    if (gap.stale.length) problems.push({ kind: "textStale", subject, number, label, language, fields: gap.stale, authentic });
  }
  return problems;
}

/**
 * Checks a conference document before adoption. Numbers are those the
 * record will show (1-based, blank items not counted).
 */
export function checkConclusion(
  agenda: AgendaItemView[],
  actions: DraftActionView[],
  partyCodes: string[],
  today: string,
  /** For a series with several working languages: the entries must have been read with their alignment. */
  languages?: CheckLanguages,
): ConclusionCheck {
  const kept = recordContent(agenda, actions);
  const problems: ConclusionProblem[] = [];

  kept.agenda.forEach((item, index) => {
    const label = itemLabel(item);
    if (!hasText(label)) problems.push({ kind: "untitledItem", number: index + 1 });
    if (languages && languages.working.length > 1) problems.push(...textProblems("item", index + 1, label, item, languages));
  });
  kept.actions.forEach((action, index) => {
    const number = index + 1;
    const text = actionLabel(action);
    if (languages && languages.working.length > 1) problems.push(...textProblems("action", number, text, action, languages));
    if (action.owners.length === 0) problems.push({ kind: "actionWithoutOwners", number, text });
    const due = dueProblem(action.due, today);
    if (due === "invalid") problems.push({ kind: "actionDueInvalid", number, text });
    if (due === "past" && action.due) problems.push({ kind: "actionDuePast", number, text, due: action.due });
  });

  const closing = kept.agenda.findIndex((item) => item.kind === "closing");
  if (closing >= 0) {
    kept.agenda.slice(closing + 1).forEach((item, offset) => {
      if (item.kind !== "closing") problems.push({ kind: "itemAfterClosing", number: closing + offset + 2, title: itemLabel(item) });
    });
  }

  const involved = new Set<string>();
  for (const item of kept.agenda) if (item.leadParty) involved.add(item.leadParty);
  for (const action of kept.actions) for (const owner of action.owners) involved.add(owner);
  for (const party of partyCodes) if (!involved.has(party)) problems.push({ kind: "partyWithoutItem", party });

  const blankItems = agenda.length - kept.agenda.length;
  if (blankItems > 0) problems.push({ kind: "blankItemsLeftOut", count: blankItems });
  const emptyActions = actions.length - kept.actions.length;
  if (emptyActions > 0) problems.push({ kind: "emptyActionsLeftOut", count: emptyActions });

  return {
    items: kept.agenda.length,
    commitments: kept.actions.length,
    problems,
    blocking: problems.some(isBlocking),
  };
}

/** Today's date as YYYY-MM-DD in the given time zone (the browser's own, or UTC on the server). */
export function isoToday(now: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
