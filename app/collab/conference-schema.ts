
// The shape a `conference/<id>` document may have, described once. The hub
// refuses any update that would give the document another shape (server/
// collab/schema-guard.ts); the readers in conference-doc.ts still treat what
// they find defensively, for documents stored before this was enforced.
//
// A node names what a Yjs type at some place in the document must be, and
// what may be put in it.

import { ACTION_TEXT_FIELDS, AGENDA_TEXT_FIELDS, TEXT_LANGUAGES } from "./parallel-texts";

/** A due date that exists on the calendar, written as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const AGENDA_KINDS = ["opening", "review", "thematic", "signing", "closing", "other"] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export type SchemaNode =
  /** A Y.Map keyed by generated ids, each holding the same kind of entry (a map unless said). */
  | { kind: "collection"; name: string; maxEntries: number; entry: SchemaNode; entryType?: "map" | "xmlFragment"; keys?: RegExp }
  /** A Y.Map with fixed fields: plain values checked by `accept`, or nested types. */
  | { kind: "record"; name: string; fields: Record<string, FieldSpec> }
  /** A Y.Map of party codes set to true (owners). */
  | { kind: "flags"; name: string; maxEntries: number }
  /** A Y.Text of plain characters, no formatting or embeds. */
  | { kind: "plainText"; name: string; maxLength: number }
  /** A Y.XmlFragment, or an element inside it (`element`), holding rich text as TipTap writes it. */
  | { kind: "richText"; name: string; depth: number; element?: string }
  /** A run of rich text (Y.XmlText): characters and marks. */
  | { kind: "richRun"; name: string }
  /** A Y.Map of plain values under keys of a known pattern, each value checked with its key. */
  | { kind: "entries"; name: string; maxEntries: number; keys: RegExp; accept: (key: string, value: unknown) => boolean };

export type FieldSpec =
  | { kind: "value"; accept: (value: unknown) => boolean }
  | { kind: "type"; ytype: "map" | "text" | "xmlFragment"; node: SchemaNode };

export const DOCUMENT_LIMITS = {
  agendaItems: 300,
  draftActions: 500,
  owners: 32,
  titleLength: 300,
  actionTextLength: 2000,
  /** Nesting of rich text elements (lists in lists in quotes…). */
  richDepth: 12,
  /** Children of one rich text element, and characters in one of its runs. */
  richChildren: 2000,
  richRunLength: 100_000,
  /**
   * The source text an alignment remembers once it changed (text-alignment.ts);
   * a longer source is remembered by a digest, so an entry stays small.
   */
  alignedTextLength: 10_000,
} as const;

/** Ids of agenda items and draft actions (app/collab/conference-doc.ts makes 18 hex digits). */
export const ENTRY_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const PARTY_CODE = /^[A-Z0-9][A-Z0-9_-]{0,15}$/;
const ORDER_KEY = /^[0-9a-z]{1,256}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const isNull = (v: unknown) => v === null;
const orNull = (test: (v: unknown) => boolean) => (v: unknown) => isNull(v) || test(v);
const stringMatching = (re: RegExp) => (v: unknown) => typeof v === "string" && re.test(v);

export const isAgendaKind = (v: unknown) => typeof v === "string" && (AGENDA_KINDS as readonly string[]).includes(v);
export const isPartyCode = stringMatching(PARTY_CODE);
export const isOrderKey = stringMatching(ORDER_KEY);
export const isStartTime = stringMatching(TIME);
export const isDuration = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 24 * 60;
/** A draft action's due: a real calendar date, "next" (by the next conference), or none. */
export const isDue = (v: unknown) => v === null || v === "next" || (typeof v === "string" && isCalendarDate(v));

const richText = (name: string): FieldSpec => ({ kind: "type", ytype: "xmlFragment", node: { kind: "richText", name, depth: 0 } });

/** The field's own key (the base language) and one key per other language (parallel-texts.ts). */
function inEveryLanguage(field: string, spec: FieldSpec): Record<string, FieldSpec> {
  return Object.fromEntries([[field, spec], ...TEXT_LANGUAGES.map((language) => [`${field}@${language}`, spec])]);
}

const LANGUAGE = new RegExp(`^(${TEXT_LANGUAGES.join("|")})$`);
export const isTextLanguageCode = stringMatching(LANGUAGE);

/**
 * Keys of an item's alignment map (text-alignment.ts): "<field>" names the
 * language that is the source of the field; "<field>@<language>" holds what
 * the text in that language was last confirmed in line with.
 */
function alignmentKeys(fields: readonly string[]): RegExp {
  return new RegExp(`^(${fields.join("|")})(@(${TEXT_LANGUAGES.join("|")}))?$`);
}

/** What textDigest (text-alignment.ts) writes, and has since texts in line first kept a digest: 16 lower-case hex digits. */
const ALIGNMENT_DIGEST = /^[0-9a-f]{16}$/;

/**
 * An alignment: `{ with: language, digest }` (a text in line), or `{ with, text }`
 * (a text whose source changed since, or any entry of a document written before
 * in-line texts kept only a digest).
 */
export function isAlignmentValue(key: string, value: unknown): boolean {
  if (!key.includes("@")) return isTextLanguageCode(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  const keys = Object.keys(entry);
  if (!isTextLanguageCode(entry.with) || keys.length !== 2) return false;
  if (keys.includes("text")) return typeof entry.text === "string" && entry.text.length <= DOCUMENT_LIMITS.alignedTextLength;
  return keys.includes("digest") && typeof entry.digest === "string" && ALIGNMENT_DIGEST.test(entry.digest);
}

function alignment(name: string, fields: readonly string[]): FieldSpec {
  const keys = alignmentKeys(fields);
  return {
    kind: "type",
    ytype: "map",
    node: { kind: "entries", name, maxEntries: fields.length * (TEXT_LANGUAGES.length + 1), keys, accept: isAlignmentValue },
  };
}

const agendaItem: SchemaNode = {
  kind: "record",
  name: "agenda item",
  fields: {
    ...inEveryLanguage("title", { kind: "type", ytype: "text", node: { kind: "plainText", name: "agenda title", maxLength: DOCUMENT_LIMITS.titleLength } }),
    kind: { kind: "value", accept: isAgendaKind },
    leadParty: { kind: "value", accept: orNull(isPartyCode) },
    startTime: { kind: "value", accept: orNull(isStartTime) },
    durationMinutes: { kind: "value", accept: orNull(isDuration) },
    position: { kind: "value", accept: isOrderKey },
    ...inEveryLanguage("notes", richText("notes")),
    ...inEveryLanguage("outcome", richText("outcome")),
    alignment: alignment("agenda alignment", AGENDA_TEXT_FIELDS),
  },
};

const draftAction: SchemaNode = {
  kind: "record",
  name: "draft action",
  fields: {
    ...inEveryLanguage("text", { kind: "type", ytype: "text", node: { kind: "plainText", name: "action text", maxLength: DOCUMENT_LIMITS.actionTextLength } }),
    alignment: alignment("action alignment", ACTION_TEXT_FIELDS),
    owners: { kind: "type", ytype: "map", node: { kind: "flags", name: "owners", maxEntries: DOCUMENT_LIMITS.owners } },
    due: { kind: "value", accept: isDue },
    position: { kind: "value", accept: isOrderKey },
  },
};

/** The conference document: its two root maps. Any other root is refused. */
export const conferenceSchema: Record<string, SchemaNode> = {
  agenda: { kind: "collection", name: "agenda", maxEntries: DOCUMENT_LIMITS.agendaItems, entry: agendaItem },
  actions: { kind: "collection", name: "actions", maxEntries: DOCUMENT_LIMITS.draftActions, entry: draftAction },
};

// ---- rich text, as TipTap's StarterKit writes it through y-tiptap ----------

/** Elements and the attributes each may carry, with their checks. */
export const RICH_ELEMENTS: Record<string, Record<string, (v: unknown) => boolean>> = {
  paragraph: {},
  heading: { level: (v) => v === 3 || v === 4 || v === "3" || v === "4" },
  bulletList: {},
  orderedList: { start: (v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 1_000_000, type: orNull(stringMatching(/^[1aAiI]?$/)) },
  listItem: {},
  blockquote: {},
  codeBlock: { language: orNull(stringMatching(/^[A-Za-z0-9_+-]{0,32}$/)) },
  horizontalRule: {},
  hardBreak: {},
};

const SAFE_HREF = /^(https?:\/\/|mailto:)[^\s"<>]{1,2048}$/i;
const smallString = (max: number) => (v: unknown) => typeof v === "string" && v.length <= max;

/** Marks on rich text: a mark is set with its attributes (an object) and ended with null. */
export const RICH_MARKS: Record<string, (attrs: Record<string, unknown>) => boolean> = {
  bold: (a) => Object.keys(a).length === 0,
  italic: (a) => Object.keys(a).length === 0,
  strike: (a) => Object.keys(a).length === 0,
  underline: (a) => Object.keys(a).length === 0,
  code: (a) => Object.keys(a).length === 0,
  link: (a) =>
    Object.entries(a).every(([key, value]) =>
      key === "href" ? typeof value === "string" && SAFE_HREF.test(value) : ["target", "rel", "class"].includes(key) && orNull(smallString(64))(value),
    ) && typeof a.href === "string",
};

// ---- one party's private notes: conference/<id>/private/<agencyId> ---------

/** Keys of private notes: "conference", "item-<agenda item id>", "commitment-<id>". */
export const PRIVATE_NOTE_KEY = /^(conference|item-[A-Za-z0-9_-]{1,64}|commitment-[1-9]\d{0,9})$/;

/** A delegation's own notes: one rich text per key, nothing else. */
export const privateNotesSchema: Record<string, SchemaNode> = {
  notes: {
    kind: "collection",
    name: "private notes",
    maxEntries: 2000,
    entry: { kind: "richText", name: "private note", depth: 0 },
    entryType: "xmlFragment",
    keys: PRIVATE_NOTE_KEY,
  },
};
