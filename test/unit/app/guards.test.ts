import { describe, expect, it } from "vitest";
import { isPublicPath } from "../../../app/http/guards.server";

describe("isPublicPath", () => {
  it("lets the sign-in page, invitations and the language switch through", () => {
    expect(isPublicPath("/login")).toBe(true);
    expect(isPublicPath("/invite/abc")).toBe(true);
    expect(isPublicPath("/settings/language")).toBe(true);
  });

  it("keeps everything else behind sign-in", () => {
    for (const path of ["/", "/admin", "/series/x", "/account", "/login/extra", "/invite", "/loginx"]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});
