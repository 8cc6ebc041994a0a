import { describe, expect, it } from "vitest";
import { isPublicPath, safeRedirectPath } from "../../../app/guards.server";

describe("safeRedirectPath", () => {
  it("follows a path on this site, with its query and hash", () => {
    expect(safeRedirectPath("/series/vn-cn-anti-smuggling")).toBe("/series/vn-cn-anti-smuggling");
    expect(safeRedirectPath("/admin/users?tab=invites#top")).toBe("/admin/users?tab=invites#top");
    expect(safeRedirectPath("/")).toBe("/");
  });

  it.each([
    ["a protocol-relative URL", "//evil.example/steal"],
    ["a backslash trick browsers read as //", "/\\evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "series/x"],
    ["an empty string", ""],
  ])("refuses %s", (_what, value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });

  it("falls back for missing or non-string values, to the fallback given", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(new File(["x"], "x.txt"))).toBe("/");
    expect(safeRedirectPath("//evil.example", "/account")).toBe("/account");
  });
});

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
