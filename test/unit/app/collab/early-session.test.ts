import * as encoding from "lib0/encoding";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MESSAGE_NOTICE, MESSAGE_STORED } from "../../../../app/collab/close-codes";
import { handleAccordMessages, type CollabNotice } from "../../../../app/collab/collab-notices";

// A stand-in for the browser's WebSocket (Node 20 has none): what the hub sends is fired by the test.
class FakeSocket {
  static made: FakeSocket[] = [];
  readyState = 0;
  binaryType = "blob";
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(bytes: Uint8Array) {
    this.onmessage?.({ data: bytes.slice().buffer });
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** The hub's answer to a first sync: the whole stored state. */
function syncStep2(doc: Y.Doc) {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep2(e, doc);
  });
}
const notice = (value: CollabNotice) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_NOTICE);
    encoding.writeVarString(e, JSON.stringify(value));
  });
const stored = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_STORED);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

beforeEach(() => {
  FakeSocket.made = [];
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

const DOC = "conference/1";

describe("the conference document opened before the page hydrates", () => {
  it("syncs at once and hands the page its document, synced, with what the hub said meanwhile, in order", async () => {
    const { openEarlySession, claimEarlySession } = await import("../../../../app/collab/early-session");
    openEarlySession("ws://accord.test/collab", DOC);
    openEarlySession("ws://accord.test/collab", DOC);
    expect(FakeSocket.made).toHaveLength(1);
    const [socket] = FakeSocket.made;
    expect(socket!.url).toBe(`ws://accord.test/collab/${DOC}`);

    socket!.open();
    // The provider asked for the document; nobody is announced present before the page knows who.
    expect(socket!.sent).toHaveLength(1);
    expect(socket!.sent[0]![0]).toBe(0);

    const server = new Y.Doc();
    server.getMap("agenda").set("item1", "Border trade");
    socket!.receive(notice({ kind: "colour", color: "#112233" }));
    socket!.receive(syncStep2(server));
    socket!.receive(stored(server));
    socket!.receive(notice({ kind: "status", status: "in_session" }));

    const session = claimEarlySession(DOC);
    expect(session).not.toBeNull();
    expect(session!.provider.synced).toBe(true);
    expect(session!.doc.getMap("agenda").get("item1")).toBe("Border trade");
    expect(session!.terminalClose).toBeNull();

    const heard: string[] = [];
    handleAccordMessages(session!.provider, {
      onStored: () => heard.push("stored"),
      onNotice: (n) => heard.push(n.kind),
    });
    expect(heard).toEqual([]);
    session!.release();
    expect(heard).toEqual(["colour", "stored", "status"]);
    // After the hand-over, messages go straight to the page's handlers.
    socket!.receive(notice({ kind: "comments" }));
    expect(heard).toEqual(["colour", "stored", "status", "comments"]);

    // Claimed once: a second page's hook opens its own.
    expect(claimEarlySession(DOC)).toBeNull();
    session!.provider.destroy();
  });

  it("keeps a close that ended the session for good, for the page to show", async () => {
    const { openEarlySession, claimEarlySession } = await import("../../../../app/collab/early-session");
    openEarlySession("ws://accord.test/collab", DOC);
    const [socket] = FakeSocket.made;
    socket!.onclose?.({ code: 4401, reason: "signed out" });
    const session = claimEarlySession(DOC);
    expect(session!.terminalClose).toEqual({ code: 4401, reason: "signed out" });
    expect(session!.provider.shouldConnect).toBe(false);
    session!.provider.destroy();
  });

  it("is closed if no page claims it", async () => {
    const { openEarlySession, claimEarlySession } = await import("../../../../app/collab/early-session");
    openEarlySession("ws://accord.test/collab", DOC);
    vi.advanceTimersByTime(15_000);
    expect(FakeSocket.made[0]!.readyState).toBe(3);
    expect(claimEarlySession(DOC)).toBeNull();
  });
});
