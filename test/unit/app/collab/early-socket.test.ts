import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// A stand-in for the browser's WebSocket (Node 20 has none): events are fired by the test.
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  readyState = 0;
  binaryType = "blob";
  sent: unknown[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.made.push(this);
  }
  send(data: unknown) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
}

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

const URL_A = "ws://accord.test/collab/conference/1";

describe("the conference socket opened early", () => {
  it("is handed to the first provider with what happened to it, in order, then never again", async () => {
    const { openEarlySocket, EarlyOrNewSocket } = await import("../../../../app/collab/early-socket");
    openEarlySocket(URL_A);
    openEarlySocket(URL_A);
    expect(FakeSocket.made).toHaveLength(1);
    const [real] = FakeSocket.made;
    real!.readyState = 1;
    real!.dispatchEvent(new Event("open"));
    real!.dispatchEvent(new MessageEvent("message", { data: "sync step 1" }));

    const seen: string[] = [];
    const socket = new EarlyOrNewSocket(URL_A);
    socket.onopen = () => seen.push("open");
    socket.onmessage = (event) => seen.push(String((event as MessageEvent).data));
    socket.onclose = () => seen.push("close");
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual(["open", "sync step 1"]);
    expect(socket.readyState).toBe(socket.OPEN);
    expect(real!.binaryType).toBe("arraybuffer");

    // After the hand-over, events go straight through; sending reaches the real socket.
    real!.dispatchEvent(new MessageEvent("message", { data: "update" }));
    socket.send(new Uint8Array([1]));
    expect(seen).toEqual(["open", "sync step 1", "update"]);
    expect(real!.sent).toHaveLength(1);

    // A reconnection gets a socket of its own.
    new EarlyOrNewSocket(URL_A);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it("is closed if no provider claims it", async () => {
    const { openEarlySocket } = await import("../../../../app/collab/early-socket");
    openEarlySocket(URL_A);
    vi.advanceTimersByTime(15_000);
    expect(FakeSocket.made[0]!.readyState).toBe(3);
  });
});
