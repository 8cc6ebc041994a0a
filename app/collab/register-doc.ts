import * as Y from "yjs";

// `series/<id>/register`: the live view of a series' commitments. Commands
// write SQL first and then mirror the commitment here, so every open page of
// the series learns of the change at once and reloads what it shows.

export interface RegisterEntry {
  id: number;
  text: string;
  status: string;
  owners: { code: string; shareDone: boolean }[];
  due: string | null;
  followUps: number;
  updatedAt: string;
}

export function registerOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap("commitments");
}

export function writeRegisterEntry(doc: Y.Doc, entry: RegisterEntry) {
  const register = registerOf(doc);
  let item = register.get(String(entry.id));
  if (!item) {
    item = new Y.Map<unknown>();
    item.set("text", new Y.Text(entry.text));
    register.set(String(entry.id), item);
  } else {
    const text = item.get("text");
    if (text instanceof Y.Text && text.toString() !== entry.text) {
      text.delete(0, text.length);
      text.insert(0, entry.text);
    }
  }
  item.set("status", entry.status);
  item.set("owners", entry.owners);
  item.set("due", entry.due);
  item.set("followUps", entry.followUps);
  item.set("updatedAt", entry.updatedAt);
}

