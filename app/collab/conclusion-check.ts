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

/** An agenda item with nothing in it: no title, no notes, no outcome. */
export function isBlankItem(item: AgendaItemView): boolean {
  return !hasText(item.title) && !hasText(item.notesText) && !hasText(item.outcomeText);
}

export type ConclusionProblem =
  | { kind: "untitledItem"; number: number }
  | { kind: "actionWithoutOwners"; number: number; text: string }
  | { kind: "actionDueInvalid"; number: number; text: string }
  | { kind: "actionDuePast"; number: number; text: string; due: string }
  | { kind: "itemAfterClosing"; number: number; title: string }
  | { kind: "partyWithoutItem"; party: string }
  | { kind: "blankItemsLeftOut"; count: number }
  | { kind: "emptyActionsLeftOut"; count: number };

/** Blocking problems stop adoption; the others are said and may be accepted. */
const BLOCKING = new Set<ConclusionProblem["kind"]>(["untitledItem", "actionWithoutOwners", "actionDueInvalid", "actionDuePast"]);

export function isBlocking(problem: ConclusionProblem): boolean {
  return BLOCKING.has(problem.kind);
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
    actions: actions.filter((action) => hasText(action.text)),
  };
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
): ConclusionCheck {
  const kept = recordContent(agenda, actions);
  const problems: ConclusionProblem[] = [];

  kept.agenda.forEach((item, index) => {
    if (!hasText(item.title)) problems.push({ kind: "untitledItem", number: index + 1 });
  });
  kept.actions.forEach((action, index) => {
    const number = index + 1;
    const text = action.text.trim();
    if (action.owners.length === 0) problems.push({ kind: "actionWithoutOwners", number, text });
    const due = dueProblem(action.due, today);
    if (due === "invalid") problems.push({ kind: "actionDueInvalid", number, text });
    if (due === "past" && action.due) problems.push({ kind: "actionDuePast", number, text, due: action.due });
  });

  const closing = kept.agenda.findIndex((item) => item.kind === "closing");
  if (closing >= 0) {
    kept.agenda.slice(closing + 1).forEach((item, offset) => {
      if (item.kind !== "closing") problems.push({ kind: "itemAfterClosing", number: closing + offset + 2, title: item.title.trim() });
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
