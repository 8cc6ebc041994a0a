import { diffWords, type DiffPart } from "../collab/word-diff";
import { languageName } from "../i18n/working-languages";

// The rules of parallel texts, pure so that pages, exports and tests share
// them: whether a text in one language is still in line with its base text,
// and which text a reader is shown.

/** A text in one language and what it was last confirmed in line with. */
export interface StoredText {
  text: string;
  alignedLanguage: string | null;
  alignedText: string | null;
}

export type TextState =
  /** The text every other one is kept in line with. */
  | { kind: "base" }
  /** No text in this language yet. */
  | { kind: "missing" }
  /** Confirmed in line with the base text as it is now. */
  | { kind: "current" }
  /** The base changed since: what was added to and removed from it. */
  | { kind: "stale"; changes: DiffPart[] }
  /** Written without being confirmed against any base text. */
  | { kind: "unconfirmed" };

/**
 * A text is current only when it was confirmed against exactly the base text
 * there is now, in the base language; any change to the base since (even one
 * undone and redone differently) makes it stale, with the words that changed.
 */
export function textState(language: string, base: { language: string; text: string }, stored: StoredText | undefined): TextState {
  if (language === base.language) return { kind: "base" };
  if (!stored || !stored.text.trim()) return { kind: "missing" };
  if (stored.alignedText === null || stored.alignedLanguage === null) return { kind: "unconfirmed" };
  if (stored.alignedLanguage === base.language && stored.alignedText === base.text) return { kind: "current" };
  // Confirmed against another language (the base language was changed since): everything is new.
  const before = stored.alignedLanguage === base.language ? stored.alignedText : "";
  return { kind: "stale", changes: diffWords(before, base.text).filter((part) => part.type !== "equal" || part.text.trim() !== "") };
}

/** What one reader is shown of a text kept in several languages. */
export interface ShownText {
  text: string;
  /** The language of `text`. */
  language: string;
  /** The reader's language, when `text` is in another one because there is none in it. */
  wanted: string | null;
}

/**
 * The reader's own language when there is a text in it; else the series'
 * first working language, then the others in order, then whatever the base
 * text is in: never nothing while any text exists.
 */
export function pickText(texts: Readonly<Record<string, string>>, reader: string, working: readonly string[], base: string): ShownText {
  const has = (code: string) => typeof texts[code] === "string" && texts[code].trim() !== "";
  if (has(reader)) return { text: texts[reader], language: reader, wanted: null };
  const fallback = [...working, base].find(has) ?? Object.keys(texts).find(has);
  if (fallback === undefined) return { text: texts[base] ?? "", language: base, wanted: null };
  return { text: texts[fallback], language: fallback, wanted: reader };
}

/** pickText as pages carry it: the text, and `shown` for its marker. */
export function pickShown(texts: Readonly<Record<string, string>>, reader: string, working: readonly string[], base: string): { text: string; shown: ShownLanguage } {
  const picked = pickText(texts, reader, working, base);
  return { text: picked.text, shown: { language: picked.language, wanted: picked.wanted } };
}

/** The texts of a commitment as lists carry them (CommitmentView). */
export interface CommitmentTexts {
  text: string;
  baseLanguage: string;
  texts: Record<string, string>;
  languages: readonly string[];
  lastFollowUp: { at: string; note: string; baseLanguage: string; texts: Record<string, string> } | null;
  /** Why it is blocked or dropped, as written, and in every language there is (base: the language written in, if known). */
  statusReason?: string | null;
  statusReasonTexts?: { base: string | null; texts: Record<string, string> } | null;
}

/** Which language a shown text is in, and the reader's own when that is another (for the marker). */
export type ShownLanguage = Pick<ShownText, "language" | "wanted">;

/** A commitment with its text and its latest note in `reader`'s language where there is one. */
export function commitmentForReader<T extends CommitmentTexts>(
  commitment: T,
  reader: string,
): Omit<T, "lastFollowUp"> & {
  shown: ShownLanguage;
  lastFollowUp: (NonNullable<T["lastFollowUp"]> & { shown: ShownLanguage }) | null;
  statusReasonShown: ShownLanguage | null;
} {
  const text = pickText(commitment.texts, reader, commitment.languages, commitment.baseLanguage);
  const last = commitment.lastFollowUp;
  const note = last ? pickText(last.texts, reader, commitment.languages, last.baseLanguage) : null;
  const reason = reasonForReader(commitment, reader);
  return {
    ...commitment,
    text: text.text,
    shown: { language: text.language, wanted: text.wanted },
    lastFollowUp: last && note ? { ...last, note: note.text, shown: { language: note.language, wanted: note.wanted } } : null,
    ...(reason ? { statusReason: reason.text } : {}),
    statusReasonShown: reason?.shown ?? null,
  };
}

/**
 * The reason a commitment is blocked or dropped in the reader's language
 * where there is one. A reason whose language is not known (given before
 * reasons kept theirs) is shown as written unless the reader's own was added.
 */
function reasonForReader(commitment: CommitmentTexts, reader: string): { text: string; shown: ShownLanguage | null } | null {
  const reason = commitment.statusReasonTexts;
  if (!commitment.statusReason || !reason) return null;
  if (reason.base === null) {
    const own = reason.texts[reader];
    return own?.trim() ? { text: own, shown: { language: reader, wanted: null } } : { text: commitment.statusReason, shown: null };
  }
  const picked = pickText(reason.texts, reader, commitment.languages, reason.base);
  return { text: picked.text, shown: { language: picked.language, wanted: picked.wanted } };
}

/**
 * A commitment as a page sends it to one reader: their text and note (see
 * commitmentForReader), without every language's texts.
 */
export function shownToReader<T extends CommitmentTexts>(commitment: T, reader: string) {
  const { texts: _texts, languages: _languages, statusReasonTexts: _reasons, lastFollowUp, ...rest } = commitmentForReader(commitment, reader);
  return { ...rest, lastFollowUp: lastFollowUp ? { at: lastFollowUp.at, note: lastFollowUp.note, shown: lastFollowUp.shown } : null };
}

/**
 * A text for places that carry plain text only (a calendar, a mail), with the
 * marker the pages show as a badge when it is in another language than the
 * reader's: "Tuần tra chung [Tiếng Việt; no 中文 text yet]".
 */
export function markedText(text: string, shown: ShownLanguage | null | undefined, t: (key: string, values: Record<string, string>) => string): string {
  if (!shown?.wanted) return text;
  return t("texts.plainFallback", { text, shown: languageName(shown.language), wanted: languageName(shown.wanted) });
}

/** Every language's text of one thing, kept so that each reader can be shown theirs later (a notification is read after it is made). */
export interface TextsInEveryLanguage {
  texts: Record<string, string>;
  /** The series' working languages, in order: where to fall back to. */
  working: string[];
  base: string;
}

/** The text of `parallel` in the reader's language where there is one, else another marked with its language (markedText). */
export function textForReader(parallel: TextsInEveryLanguage, reader: string, t: (key: string, values: Record<string, string>) => string): string {
  const shown = pickText(parallel.texts, reader, parallel.working, parallel.base);
  return markedText(shown.text, shown, t);
}
