import { DOCUMENT_LIMITS, isAlignmentValue } from "./conference-schema";

// Whether the texts of one field in several languages still say the same
// thing (decision 0025). Pure functions over plain values, shared by the
// workspace, the conclusion check on the server and the tests.
//
// Each field has one source language: the text that others follow. Every
// other language remembers the source's text at the moment it was last
// confirmed in line with it (by editing it, or by "still correct"); when the
// source's text differs from that, it is stale, and what changed is shown.
// Editing a text that was in line makes it the new source, so a change in any
// language marks the others; editing a stale or missing text brings it in line.
//
// In the document, an item's "alignment" map holds "<field>" → the source
// language and "<field>@<language>" → what that text was last confirmed
// against: { with, digest } while it is in line (a digest is all it takes to
// tell that the source changed), and { with, text } from the moment the
// source changes, so that what changed can be shown (a digest again for a
// source longer than DOCUMENT_LIMITS.alignedTextLength). Most texts are in
// line most of the time: keeping the source's words only for stale ones is
// what keeps a document in three languages close to the size of its words.
// Entries written before this ({ with, text } while in line) read the same.

export type TextState = "source" | "current" | "stale" | "missing";

export interface LanguageState {
  state: TextState;
  /** For a stale text: the source's text when this one was last confirmed, when known. */
  since?: string | null;
}

export interface FieldAlignment {
  source: string;
  /** Every working language's state; a field empty in every language has none. */
  states: Record<string, LanguageState>;
}

export type AlignmentEntries = Record<string, unknown>;
export type AlignmentWrite = [key: string, value: unknown];

export interface Remembered {
  with: string;
  text?: string;
  digest?: string;
}

/** Spaces and empty paragraphs say nothing: they never make another language stale. */
export function comparable(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** A short digest of a long text (not a security hash: it only tells that the text changed). */
export function textDigest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** What a text confirmed in line remembers of its source: a digest of its text. */
export function remember(withLanguage: string, sourceText: string): Remembered {
  return { with: withLanguage, digest: textDigest(comparable(sourceText)) };
}

/** What a text remembers once its source has changed: the source's text before the change, or its digest when long. */
export function rememberChanged(withLanguage: string, sourceBefore: string): Remembered {
  const text = comparable(sourceBefore);
  return text.length <= DOCUMENT_LIMITS.alignedTextLength ? { with: withLanguage, text } : { with: withLanguage, digest: textDigest(text) };
}

function rememberedOf(entries: AlignmentEntries, key: string): Remembered | null {
  const value = entries[key];
  return isAlignmentValue(key, value) && typeof value === "object" ? (value as Remembered) : null;
}

function matches(entry: Remembered, sourceText: string): boolean {
  const text = comparable(sourceText);
  return entry.text !== undefined ? entry.text === text : entry.digest === textDigest(text);
}

const filled = (text: string | undefined) => comparable(text ?? "") !== "";

/**
 * The source of a field: the language named in the document while its text
 * is there, else the base language, else the first working language with a text.
 */
export function sourceOf(field: string, texts: Record<string, string>, entries: AlignmentEntries, languages: readonly string[], base: string): string | null {
  const stored = entries[field];
  if (typeof stored === "string" && languages.includes(stored) && filled(texts[stored])) return stored;
  if (languages.includes(base) && filled(texts[base])) return base;
  return languages.find((language) => filled(texts[language])) ?? null;
}

/** The state of every working language's text of one field; null when the field is empty everywhere. */
export function alignField(field: string, texts: Record<string, string>, entries: AlignmentEntries, languages: readonly string[], base: string): FieldAlignment | null {
  const source = sourceOf(field, texts, entries, languages, base);
  if (source === null) return null;
  const states: Record<string, LanguageState> = {};
  for (const language of languages) {
    if (language === source) states[language] = { state: "source" };
    else if (!filled(texts[language])) states[language] = { state: "missing" };
    else {
      const entry = rememberedOf(entries, `${field}@${language}`);
      if (entry && entry.with === source && matches(entry, texts[source])) states[language] = { state: "current" };
      else states[language] = { state: "stale", since: entry && entry.with === source && entry.text !== undefined ? entry.text : null };
    }
  }
  return { source, states };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Writes that differ from what the entries hold already. */
function changed(entries: AlignmentEntries, writes: AlignmentWrite[]): AlignmentWrite[] {
  return writes.filter(([key, value]) => !sameValue(entries[key], value));
}

/**
 * What a person's edit of `language`'s text of `field` (from `before` to what
 * `texts` holds now) does to the field's alignment.
 */
export function alignAfterEdit(input: {
  field: string;
  language: string;
  before: string;
  texts: Record<string, string>;
  entries: AlignmentEntries;
  languages: readonly string[];
  base: string;
}): AlignmentWrite[] {
  const { field, language, before, texts, entries, languages, base } = input;
  if (!languages.includes(language) || comparable(before) === comparable(texts[language] ?? "")) return [];
  const previous = { ...texts, [language]: before };
  const was = alignField(field, previous, entries, languages, base);
  // The first text of the field, in any language: it is the source. The base
  // language is the source wherever no entry names another (sourceOf), so it
  // is written only over such an entry: an item written in the base language
  // alone carries no alignment at all.
  if (was === null) {
    if (!filled(texts[language])) return [];
    return language === base && entries[field] === undefined ? [] : changed(entries, [[field, language]]);
  }
  const state = was.states[language]?.state;
  if (state === "source") {
    // The source changed: the texts that were in line go stale now, and keep its words from before, to show what changed.
    const writes: AlignmentWrite[] = [];
    for (const other of languages) {
      if (was.states[other]?.state !== "current" || rememberedOf(entries, `${field}@${other}`)?.text !== undefined) continue;
      writes.push([`${field}@${other}`, rememberChanged(language, before)]);
    }
    return changed(entries, writes);
  }
  if (state === "missing" || state === "stale") {
    // Being brought in line (or written for the first time): in line with the source as it is now.
    return changed(entries, [[`${field}@${language}`, remember(was.source, texts[was.source])]]);
  }
  // A text that was in line changed: it leads now, and those that were in line follow what it said.
  const writes: AlignmentWrite[] = [[field, language]];
  for (const other of languages) {
    if (other === language || !filled(texts[other])) continue;
    const otherState = was.states[other]?.state;
    if (otherState === "source" || otherState === "current") writes.push([`${field}@${other}`, rememberChanged(language, before)]);
  }
  return changed(entries, writes);
}

/** "Still correct": the text in `language` says what the source says now. */
export function confirmInLine(field: string, language: string, texts: Record<string, string>, entries: AlignmentEntries, languages: readonly string[], base: string): AlignmentWrite[] {
  const now = alignField(field, texts, entries, languages, base);
  if (!now || now.source === language || !filled(texts[language])) return [];
  return changed(entries, [[`${field}@${language}`, remember(now.source, texts[now.source])]]);
}
