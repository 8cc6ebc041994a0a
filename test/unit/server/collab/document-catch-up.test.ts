import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { UpdateLog } from "../../../../db/collab-log";
import type { StoredDocument } from "../../../../db/collab-store";
import type { CollabConnection } from "../../../../server/collab/connection";
import { CollabDocument, FROM_OTHER_INSTANCE } from "../../../../server/collab/document";

// With several instances, a document just read from storage is read again
// once this instance follows the others' edits (hub.ts, follow): an edit
// another instance stored between the two reads is only in the second. A
// client answered from the first read (syncFromStorage) must still get it.

const NAME = "conference/1";
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

function writer() {
  const doc = new Y.Doc();
  const title = () => doc.getMap("agenda").get("item1") as Y.Map<Y.Text>;
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    item.set("title@vi", new Y.Text("Hợp tác"));
    doc.getMap("agenda").set("item1", item);
  });
  return { doc, title: () => title().get("title@vi")! };
}

function open(stored: StoredDocument) {
  const relayed: { update: Uint8Array; origin: unknown }[] = [];
  // Only edits this instance accepts reach the log; these tests have none.
  const log = {} as UpdateLog;
  const doc = new CollabDocument(NAME, stored, log, { relay: (_d, update, origin) => relayed.push({ update, origin }) });
  return { doc, relayed };
}

describe("a document read again from storage before it is built", () => {
  it("relays what the second read adds to a client answered from the first", () => {
    const other = writer();
    const first: StoredDocument = { snapshot: Y.encodeStateAsUpdate(other.doc), updates: [] };
    const before = Y.encodeStateVector(other.doc);
    other.title().insert(7, " biên giới");
    const second: StoredDocument = { snapshot: first.snapshot, updates: [{ id: 41, data: Y.encodeStateAsUpdate(other.doc, before) }] };

    const { doc, relayed } = open(first);
    doc.connections.add({} as CollabConnection);
    const client = new Y.Doc();
    Y.applyUpdate(client, doc.syncFromStorage(EMPTY_STATE_VECTOR)!);

    doc.catchUp(second);
    expect(relayed.length).toBeGreaterThan(0);
    expect(relayed.every((r) => r.origin === FROM_OTHER_INSTANCE)).toBe(true);
    for (const { update } of relayed) Y.applyUpdate(client, update);
    expect((client.getMap("agenda").get("item1") as Y.Map<Y.Text>).get("title@vi")!.toString()).toBe("Hợp tác biên giới");
    expect(doc.lastStoredId).toBe(41);
    doc.destroy();
  });

  it("with no one connected, keeps the second read unbuilt", () => {
    const other = writer();
    const first: StoredDocument = { snapshot: Y.encodeStateAsUpdate(other.doc), updates: [] };
    other.title().insert(7, " biên giới");
    const second: StoredDocument = { snapshot: Y.encodeStateAsUpdate(other.doc), updates: [] };
    const { doc, relayed } = open(first);
    doc.catchUp(second);
    expect(doc.built).toBe(false);
    expect(relayed).toEqual([]);
    const client = new Y.Doc();
    Y.applyUpdate(client, doc.syncFromStorage(EMPTY_STATE_VECTOR)!);
    expect((client.getMap("agenda").get("item1") as Y.Map<Y.Text>).get("title@vi")!.toString()).toBe("Hợp tác biên giới");
    doc.destroy();
  });
});

describe("a document read again that holds nothing new", () => {
  it("stays unbuilt, however many are connected", () => {
    const other = writer();
    const read = (): StoredDocument => ({ snapshot: Y.encodeStateAsUpdate(other.doc), updates: [{ id: 7, data: new Uint8Array([0, 0]) }] });
    const { doc, relayed } = open(read());
    doc.connections.add({} as CollabConnection);
    doc.catchUp(read());
    expect(doc.built).toBe(false);
    expect(relayed).toEqual([]);
    doc.destroy();
  });
});
