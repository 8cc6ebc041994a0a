import * as Y from "yjs";
import { actionsOf, agendaOf } from "./conference-doc";
import { diffWords } from "./word-diff";

// Bringing entries of a conference document back to how a version had them,
// as new edits on the document as it is now: history is never rewritten, and
// a redline afterwards shows the restore as the change it is. Texts are
// changed word by word, so what did not change keeps its author; an entry
// deleted since is made again, under its own id, from the version's copy.

export type RestoreTarget = { kind: "all" } | { kind: "entry"; list: "agenda" | "action"; id: string };

const listOf = (doc: Y.Doc, list: "agenda" | "action") => (list === "agenda" ? agendaOf(doc) : actionsOf(doc));

/** Turns a text into another with the fewest word-level splices. */
function spliceText(text: Y.Text, target: string) {
  let index = 0;
  for (const part of diffWords(text.toString(), target)) {
    if (part.type === "equal") index += part.text.length;
    else if (part.type === "delete") text.delete(index, part.text.length);
    else {
      text.insert(index, part.text);
      index += part.text.length;
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
  return a === b;
}

function restoreEntry(current: Y.Map<unknown>, version: Y.Map<unknown>) {
  for (const key of [...current.keys()]) if (!version.has(key)) current.delete(key);
  for (const [key, wanted] of version.entries()) {
    const now = current.get(key);
    if (wanted instanceof Y.Text && now instanceof Y.Text) spliceText(now, wanted.toString());
    else if (wanted instanceof Y.XmlFragment && now instanceof Y.XmlFragment) {
      if (now.toString() !== wanted.toString()) current.set(key, wanted.clone());
    } else if (wanted instanceof Y.Map && now instanceof Y.Map) {
      for (const flag of [...now.keys()]) if (!wanted.has(flag)) now.delete(flag);
      for (const [flag, value] of wanted.entries()) if (now.get(flag) !== value) now.set(flag, value);
    } else if (wanted instanceof Y.AbstractType) current.set(key, wanted.clone());
    else if (!sameValue(now, wanted)) current.set(key, wanted);
  }
}

function restoreList(doc: Y.Doc, versionDoc: Y.Doc, list: "agenda" | "action", only?: string) {
  const live = listOf(doc, list);
  const kept = listOf(versionDoc, list);
  const ids = only ? [only] : [...new Set([...live.keys(), ...kept.keys()])];
  for (const id of ids) {
    const wanted = kept.get(id);
    const now = live.get(id);
    if (!(wanted instanceof Y.Map)) {
      // Added since the version: restoring the whole agenda takes it out.
      if (now !== undefined) live.delete(id);
    } else if (now instanceof Y.Map) restoreEntry(now, wanted);
    else live.set(id, wanted.clone());
  }
}

/** Whether a version holds the entry a restore names. */
export function versionHolds(versionDoc: Y.Doc, target: RestoreTarget): boolean {
  return target.kind === "all" || listOf(versionDoc, target.list).get(target.id) instanceof Y.Map;
}

/** Restores the target from `versionDoc` into `doc` (which is changed in one transaction). */
export function restoreFromVersion(doc: Y.Doc, versionDoc: Y.Doc, target: RestoreTarget) {
  doc.transact(() => {
    if (target.kind === "entry") restoreList(doc, versionDoc, target.list, target.id);
    else {
      restoreList(doc, versionDoc, "agenda");
      restoreList(doc, versionDoc, "action");
    }
  });
}
