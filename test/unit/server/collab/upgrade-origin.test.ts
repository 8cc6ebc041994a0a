import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { originAllowed } from "../../../../server/collab/upgrade";

function upgrade(headers: Record<string, string>, encrypted = false): IncomingMessage {
  return { headers, socket: { encrypted } } as unknown as IncomingMessage;
}

describe("originAllowed without ACCORD_ORIGIN: the request's own scheme, host and port", () => {
  it("lets the page of the same origin open a socket", () => {
    expect(originAllowed(upgrade({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }), null)).toBe(true);
    expect(originAllowed(upgrade({ host: "accord.example", origin: "https://accord.example" }, true), null)).toBe(true);
    expect(originAllowed(upgrade({ host: "accord.example:443", origin: "https://accord.example" }, true), null)).toBe(true);
  });

  it.each([
    ["another scheme on the same host", { host: "127.0.0.1:3000", origin: "https://127.0.0.1:3000" }, false],
    ["plain http to a TLS socket", { host: "accord.example", origin: "http://accord.example" }, true],
    ["another port", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3001" }, false],
    ["another host", { host: "127.0.0.1:3000", origin: "http://evil.example:3000" }, false],
    ["a look-alike with credentials", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000@evil.example" }, false],
    ["the opaque origin", { host: "127.0.0.1:3000", origin: "null" }, false],
    ["no Origin at all", { host: "127.0.0.1:3000" }, false],
    ["no Host", { origin: "http://127.0.0.1:3000" }, false],
  ] as const)("refuses %s", (_what, headers, encrypted) => {
    expect(originAllowed(upgrade({ ...headers }, encrypted), null)).toBe(false);
  });
});

describe("originAllowed with ACCORD_ORIGIN", () => {
  it("accepts exactly the configured origin", () => {
    expect(originAllowed(upgrade({ host: "internal:3000", origin: "https://accord.example" }), "https://accord.example")).toBe(true);
    expect(originAllowed(upgrade({ host: "internal:3000", origin: "http://accord.example" }), "https://accord.example")).toBe(false);
  });
});
