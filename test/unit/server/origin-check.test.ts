import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { expectedOrigin, isSameOrigin } from "../../../server/origin-check";

/** Just enough of an Express request for the origin check: headers and protocol. */
function request(headers: Record<string, string>, protocol = "http"): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { protocol, get: (name: string) => lower[name.toLowerCase()] } as unknown as Request;
}

describe("isSameOrigin without a configured origin", () => {
  it("accepts the request's own host as origin", () => {
    expect(isSameOrigin(request({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }), null)).toBe(true);
  });

  it.each([
    ["another site", "http://evil.example"],
    ["the same host on another port", "http://127.0.0.1:3001"],
    ["the same host over another scheme", "https://127.0.0.1:3000"],
    ["an opaque origin", "null"],
    ["a look-alike with a path", "http://127.0.0.1:3000/"],
  ])("refuses %s", (_what, origin) => {
    expect(isSameOrigin(request({ host: "127.0.0.1:3000", origin }), null)).toBe(false);
  });

  it("allows a request with no Origin (a script or curl, which no other site can drive)", () => {
    expect(isSameOrigin(request({ host: "127.0.0.1:3000" }), null)).toBe(true);
    expect(isSameOrigin(request({ host: "127.0.0.1:3000", "sec-fetch-site": "same-origin" }), null)).toBe(true);
  });

  it("refuses a request with no Origin that the browser marks as cross-site", () => {
    expect(isSameOrigin(request({ host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" }), null)).toBe(false);
  });
});

describe("isSameOrigin with a configured origin", () => {
  const configured = "https://accord.example";

  it("accepts exactly the configured origin, whatever Host says", () => {
    expect(isSameOrigin(request({ host: "10.0.0.5:3000", origin: "https://accord.example" }), configured)).toBe(true);
  });

  it("refuses the request's own host when that is not the configured origin", () => {
    expect(isSameOrigin(request({ host: "10.0.0.5:3000", origin: "http://10.0.0.5:3000" }), configured)).toBe(false);
    expect(isSameOrigin(request({ host: "accord.example", origin: "http://accord.example" }), configured)).toBe(false);
  });
});

describe("expectedOrigin", () => {
  it("prefers the configured origin, else builds one from protocol and Host", () => {
    expect(expectedOrigin(request({ host: "a:1" }), "https://accord.example")).toBe("https://accord.example");
    expect(expectedOrigin(request({ host: "a:1" }, "https"), null)).toBe("https://a:1");
    expect(expectedOrigin(request({}), null)).toBeNull();
  });
});
