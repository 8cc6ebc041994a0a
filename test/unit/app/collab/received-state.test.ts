import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { applyAsReceived, applyServerStatesAsReceived } from "../../../../app/collab/received-state";

function conference(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    item.set("title@vi", new Y.Text("Hợp tác phòng, chống buôn lậu"));
    item.set("title@zh", new Y.Text("联合打击走私"));
    doc.getMap("agenda").set("item1", item);
  });
  return doc;
}

const titleOf = (doc: Y.Doc, language: string) => ((doc.getMap("agenda").get("item1") as Y.Map<Y.Text> | undefined)?.get(`title@${language}`))?.toString();

type Heard = { update: Uint8Array; origin: unknown };

function listen(doc: Y.Doc): Heard[] {
  const heard: Heard[] = [];
  doc.on("update", (update: Uint8Array, origin: unknown) => heard.push({ update, origin }));
  return heard;
}

describe("applying a received state as received", () => {
  it("tells each update listener once, with the received bytes and origin, after the document holds them", () => {
    const state = Y.encodeStateAsUpdate(conference());
    const doc = new Y.Doc();
    const heard = listen(doc);
    const seenWhenTold: (string | undefined)[] = [];
    doc.on("update", () => seenWhenTold.push(titleOf(doc, "zh")));
    const origin = { name: "provider" };
    applyAsReceived(doc, state, origin);
    expect(titleOf(doc, "vi")).toBe("Hợp tác phòng, chống buôn lậu");
    expect(heard).toHaveLength(1);
    expect(heard[0].update).toBe(state);
    expect(heard[0].origin).toBe(origin);
    expect(seenWhenTold).toEqual(["联合打击走私"]);
    // What a listener stores (IndexedDB) rebuilds the same document.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, heard[0].update);
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc));
  });

  it("tells no one when the state brings nothing new, as Yjs would", () => {
    const source = conference();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    const heard = listen(doc);
    applyAsReceived(doc, Y.encodeStateAsUpdate(source, Y.encodeStateVector(doc)), "provider");
    expect(heard).toEqual([]);
  });

  it("keeps the listeners attached: a local edit right after is announced by Yjs as usual", () => {
    const doc = new Y.Doc();
    const heard = listen(doc);
    applyAsReceived(doc, Y.encodeStateAsUpdate(conference()), "provider");
    (doc.getMap("agenda").get("item1") as Y.Map<Y.Text>).get("title@vi")!.insert(0, "Đề xuất: ");
    expect(heard).toHaveLength(2);
    expect(heard[1].origin).toBeNull();
    const copy = new Y.Doc();
    for (const { update } of heard) Y.applyUpdate(copy, update);
    expect(titleOf(copy, "vi")).toBe("Đề xuất: Hợp tác phòng, chống buôn lậu");
  });

  it("inside a transaction leaves the announcement to that transaction (one update, Yjs's own)", () => {
    const state = Y.encodeStateAsUpdate(conference());
    const doc = new Y.Doc();
    const heard = listen(doc);
    doc.transact(() => applyAsReceived(doc, state, "provider"), "provider");
    expect(heard).toHaveLength(1);
    expect(heard[0].update).not.toBe(state);
    expect(titleOf(doc, "zh")).toBe("联合打击走私");
  });
});

describe("a provider applying the hub's sync step 2 as received", () => {
  const message = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  const receive = (provider: WebsocketProvider, bytes: Uint8Array) => {
    const decoder = decoding.createDecoder(bytes);
    const encoder = encoding.createEncoder();
    provider.messageHandlers[decoding.readVarUint(decoder)](encoder, decoder, provider, true, 0);
    return encoding.toUint8Array(encoder);
  };

  it("applies step 2, says it is synced and replies nothing; answers step 1 and applies updates as y-websocket does", () => {
    const server = conference();
    const doc = new Y.Doc();
    const provider = new WebsocketProvider("ws://127.0.0.1:9/collab", "conference/1", doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    try {
      applyServerStatesAsReceived(provider);
      const heard = listen(doc);
      const step2 = message((e) => syncProtocol.writeSyncStep2(e, server));
      const reply = receive(provider, step2);
      expect(reply.byteLength).toBeLessThanOrEqual(1);
      expect(provider.synced).toBe(true);
      expect(titleOf(doc, "zh")).toBe("联合打击走私");
      expect(heard.map((h) => h.origin)).toEqual([provider]);
      // The listeners got the bytes of the message itself, not an encoding of their own.
      expect(heard[0].update.buffer).toBe(step2.buffer);

      // Sync step 1 from the hub: answered with what it lacks (y-websocket's own path).
      (doc.getMap("agenda").get("item1") as Y.Map<Y.Text>).get("title@zh")!.insert(0, "中方：");
      const answer = decoding.createDecoder(receive(provider, message((e) => syncProtocol.writeSyncStep1(e, server))));
      expect(decoding.readVarUint(answer)).toBe(0);
      expect(decoding.readVarUint(answer)).toBe(syncProtocol.messageYjsSyncStep2);
      Y.applyUpdate(server, decoding.readVarUint8Array(answer));
      expect(titleOf(server, "zh")).toBe("中方：联合打击走私");

      // A relayed edit: an ordinary update.
      const before = Y.encodeStateVector(server);
      (server.getMap("agenda").get("item1") as Y.Map<Y.Text>).get("title@vi")!.insert(0, "1. ");
      receive(provider, message((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(server, before))));
      expect(titleOf(doc, "vi")).toBe("1. Hợp tác phòng, chống buôn lậu");
    } finally {
      provider.destroy();
    }
  });
});
