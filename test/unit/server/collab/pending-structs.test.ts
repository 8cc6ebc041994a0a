import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { dropPending, encodeIntegratedState, pendingBytes } from "../../../../server/collab/pending-structs";

/** A document holding "kept", plus an edit of another client that waits for one it never got. */
function documentWithWaitingEdit() {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, "kept");
  const stranger = new Y.Doc();
  stranger.getText("t").insert(0, "never sent ");
  const sv = Y.encodeStateVector(stranger);
  stranger.getText("t").insert(0, "waiting ");
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(stranger, sv));
  return doc;
}

describe("edits waiting for others", () => {
  it("are left out of the encoded state and kept in the document", () => {
    const doc = documentWithWaitingEdit();
    expect(pendingBytes(doc)).toBeGreaterThan(0);

    const copy = new Y.Doc();
    Y.applyUpdate(copy, encodeIntegratedState(doc));
    expect(copy.getText("t").toString()).toBe("kept");
    expect(copy.store.pendingStructs).toBeNull();
    // Yjs's own encoding carries them along, which is what the server avoids.
    const withPending = new Y.Doc();
    Y.applyUpdate(withPending, Y.encodeStateAsUpdate(doc));
    expect(withPending.store.pendingStructs).not.toBeNull();

    expect(pendingBytes(doc)).toBeGreaterThan(0);
  });

  it("encodes only what a client lacks when given its state vector", () => {
    const doc = documentWithWaitingEdit();
    const client = new Y.Doc();
    Y.applyUpdate(client, encodeIntegratedState(doc));
    doc.getText("t").insert(4, "!");
    Y.applyUpdate(client, encodeIntegratedState(doc, Y.encodeStateVector(client)));
    expect(client.getText("t").toString()).toBe("kept!");
    expect(client.store.pendingStructs).toBeNull();
  });

  it("are gone once dropped", () => {
    const doc = documentWithWaitingEdit();
    dropPending(doc);
    expect(pendingBytes(doc)).toBe(0);
  });
});
