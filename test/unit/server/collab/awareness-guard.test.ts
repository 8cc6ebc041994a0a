import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { sanitiseAwarenessUpdate } from "../../../../server/collab/awareness-guard";

type State = { clientId: number; clock: number; state: unknown };

function encode(states: State[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, states.length);
  for (const s of states) {
    encoding.writeVarUint(encoder, s.clientId);
    encoding.writeVarUint(encoder, s.clock);
    encoding.writeVarString(encoder, JSON.stringify(s.state));
  }
  return encoding.toUint8Array(encoder);
}

function decode(update: Uint8Array): State[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  return Array.from({ length: count }, () => ({
    clientId: decoding.readVarUint(decoder),
    clock: decoding.readVarUint(decoder),
    state: JSON.parse(decoding.readVarString(decoder)) as unknown,
  }));
}

const lan = { id: "u-lan", name: "Nguyễn Thị Lan", color: "#1d4ed8" };

describe("presence a connection sends", () => {
  it("always carries the signed-in person's own name, id and hub-given colour, whatever the client claimed", () => {
    const result = sanitiseAwarenessUpdate(
      encode([{ clientId: 7, clock: 3, state: { user: { name: "Zhang Wei", id: "u-zhang", color: "#ff0000" }, cursor: { anchor: 1 } } }]),
      lan,
      () => true,
    );
    expect(result?.clientIds).toEqual([7]);
    expect(decode(result!.update)).toEqual([{ clientId: 7, clock: 3, state: { user: lan, cursor: { anchor: 1 } } }]);
  });

  it("gives a state without a user object one, and passes 'this client left' (null) through", () => {
    const result = sanitiseAwarenessUpdate(encode([{ clientId: 1, clock: 1, state: { cursor: null } }, { clientId: 2, clock: 5, state: null }]), lan, () => true);
    expect(decode(result!.update)).toEqual([
      { clientId: 1, clock: 1, state: { cursor: null, user: lan } },
      { clientId: 2, clock: 5, state: null },
    ]);
  });

  it("drops states for client ids claimed by another connection, and oversized states; nothing left means null", () => {
    const update = encode([
      { clientId: 1, clock: 1, state: { user: {} } },
      { clientId: 2, clock: 1, state: { user: {}, padding: "x".repeat(500) } },
    ]);
    const result = sanitiseAwarenessUpdate(update, lan, (id) => id !== 1, 200);
    expect(result).toBeNull();
    expect(sanitiseAwarenessUpdate(update, lan, (id) => id === 1, 200)?.clientIds).toEqual([1]);
  });

  it("refuses a message that claims more states than a connection may send at once", () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 65);
    expect(() => sanitiseAwarenessUpdate(encoding.toUint8Array(encoder), lan, () => true)).toThrow();
  });

  it("refuses a state that is not JSON", () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, "{not json");
    expect(() => sanitiseAwarenessUpdate(encoding.toUint8Array(encoder), lan, () => true)).toThrow();
  });
});
