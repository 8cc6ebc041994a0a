import * as Y from "yjs";
import { actionsOf, agendaOf, alignmentEntries, fragmentText, languagesOf, plainTextOf, writeAlignment, type DocLanguages } from "./conference-doc";
import { ACTION_TEXT_FIELDS, AGENDA_TEXT_FIELDS, parseTextKey, textKey } from "./parallel-texts";
import { alignAfterEdit, alignField, confirmInLine } from "./text-alignment";

// Keeps the alignment of parallel texts as people type (text-alignment.ts):
// after each of this person's own edits of a text, the item's alignment is
// updated in a transaction of its own. Edits from others arrive already
// aligned by their author's screen, so only local edits count.

/** Origin of the alignment's own writes, so they are not taken for a person's edit. */
export const ALIGNMENT_ORIGIN = { alignment: true } as const;

type AnyType = Y.AbstractType<unknown>;

interface FieldPlace {
  item: Y.Map<unknown>;
  field: string;
  language: string;
  type: AnyType;
}

/** The item, field and language a changed type belongs to, or null for anything else. */
function placeOf(type: AnyType, roots: { agenda: AnyType; actions: AnyType }, base: string): FieldPlace | null {
  let at: AnyType = type;
  for (let depth = 0; at._item && depth < 64; depth++) {
    const parent = at._item.parent as unknown;
    if (parent instanceof Y.Map && parent._item && (parent._item.parent === roots.agenda || parent._item.parent === roots.actions)) {
      const key = at._item.parentSub;
      const parsed = key ? parseTextKey(key, base) : null;
      const fields: readonly string[] = parent._item.parent === roots.agenda ? AGENDA_TEXT_FIELDS : ACTION_TEXT_FIELDS;
      if (!parsed || !fields.includes(parsed.field) || parent._item.deleted) return null;
      return { item: parent, field: parsed.field, language: parsed.language, type: at };
    }
    at = parent as AnyType;
  }
  return null;
}

function textsOf(item: Y.Map<unknown>, field: string, all: string[], base: string): Record<string, string> {
  return Object.fromEntries(all.map((language) => [language, plainTextOf(item, field, language, base)]));
}

/**
 * How long one person's run of edits in one text counts as one piece of
 * writing. A translation typed word by word stays a translation (it keeps
 * following its source) until the person turns to another text or stops for
 * this long; the next edit of it is then a change of its own, which the other
 * languages must follow.
 */
export const WRITING_RUN_MS = 60_000;

/** Follows this person's edits of `doc` and keeps alignment; returns the function that stops it. */
export function trackAlignment(doc: Y.Doc, languages: DocLanguages, now: () => number = Date.now): () => void {
  const all = languagesOf(languages);
  const { base } = languages;
  const roots = { agenda: agendaOf(doc) as unknown as AnyType, actions: actionsOf(doc) as unknown as AnyType };
  // Each field's text as it was after the last transaction: the "before" of the next edit.
  const known = new WeakMap<AnyType, string>();
  const plain = (place: FieldPlace) => plainTextOf(place.item, place.field, place.language, base);
  let stopped = false;
  // The text this person is writing in now, and whether it follows its source or leads.
  let run: { type: AnyType; follows: boolean; at: number } | null = null;

  const onTransaction = (transaction: Y.Transaction) => {
    const places = new Map<AnyType, FieldPlace>();
    for (const type of [...transaction.changed.keys(), ...transaction.changedParentTypes.keys()]) {
      const place = placeOf(type as AnyType, roots, base);
      if (place && !places.has(place.type)) places.set(place.type, place);
    }
    if (places.size === 0) return;
    const edits: { place: FieldPlace; before: string }[] = [];
    for (const place of places.values()) {
      const after = plain(place);
      const before = known.get(place.type);
      known.set(place.type, after);
      if (transaction.local && transaction.origin !== ALIGNMENT_ORIGIN && before !== undefined && before !== after) edits.push({ place, before });
    }
    if (edits.length === 0) return;
    // Written after this transaction has been sent, as one more small update.
    queueMicrotask(() => {
      if (stopped) return;
      doc.transact(() => {
        for (const { place, before } of edits) {
          if (place.item._item?.deleted) continue;
          const texts = textsOf(place.item, place.field, all, base);
          const entries = alignmentEntries(place.item);
          const at = now();
          if (run && run.type === place.type && run.follows && at - run.at < WRITING_RUN_MS) {
            // Still writing the same translation: it stays in line with its source.
            writeAlignment(place.item, confirmInLine(place.field, place.language, texts, entries, all, base));
            run.at = at;
            continue;
          }
          const was = alignField(place.field, { ...texts, [place.language]: before }, entries, all, base)?.states[place.language]?.state;
          writeAlignment(place.item, alignAfterEdit({ field: place.field, language: place.language, before, texts, entries, languages: all, base }));
          run = { type: place.type, follows: was === "missing" || was === "stale", at };
        }
      }, ALIGNMENT_ORIGIN);
    });
  };

  // What every text holds now, so that the first edit of each knows its "before".
  for (const [list, fields] of [
    [agendaOf(doc), AGENDA_TEXT_FIELDS],
    [actionsOf(doc), ACTION_TEXT_FIELDS],
  ] as const) {
    for (const item of list.values()) {
      if (!(item instanceof Y.Map)) continue;
      for (const field of fields) {
        for (const language of all) {
          const type = item.get(textKey(field, language, base));
          if (type instanceof Y.AbstractType) known.set(type as AnyType, plainTextOf(item, field, language, base));
        }
      }
    }
  }
  // A text created later (a new item, a language added to an item) is known from the start.
  const learn = (value: unknown) => {
    if ((value instanceof Y.Text || value instanceof Y.XmlFragment) && !known.has(value as AnyType)) {
      known.set(value as AnyType, value instanceof Y.Text ? value.toString() : fragmentText(value));
    }
  };
  const onNew = (events: Y.YEvent<AnyType>[]) => {
    for (const event of events) {
      if (!(event instanceof Y.YMapEvent)) continue;
      for (const key of event.keysChanged) {
        const value = (event.target as Y.Map<unknown>).get(key);
        if (value instanceof Y.Map) for (const inner of value.values()) learn(inner);
        else learn(value);
      }
    }
  };
  agendaOf(doc).observeDeep(onNew);
  actionsOf(doc).observeDeep(onNew);
  doc.on("afterTransaction", onTransaction);
  return () => {
    stopped = true;
    doc.off("afterTransaction", onTransaction);
    agendaOf(doc).unobserveDeep(onNew);
    actionsOf(doc).unobserveDeep(onNew);
  };
}

/** "Still correct": confirms one language's text of one field in line with its source now. */
export function confirmStillCorrect(doc: Y.Doc, item: Y.Map<unknown>, field: string, language: string, languages: DocLanguages) {
  const all = languagesOf(languages);
  const writes = confirmInLine(field, language, textsOf(item, field, all, languages.base), alignmentEntries(item), all, languages.base);
  doc.transact(() => writeAlignment(item, writes), ALIGNMENT_ORIGIN);
}
