import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "../../../app/redirect-target";

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

describe("safeRedirectPath against what a browser would make of the target", () => {
  it.each([
    ["a tab between the slashes (a browser drops it and reads //)", "/\t/evil.example"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a carriage return between the slashes", "/\r/evil.example"],
    ["a dot segment that leaves //", "/.//evil.example"],
    ["an encoded dot segment that leaves //", "/%2e//evil.example"],
    ["a backslash after the slash", "/\\/evil.example"],
    ["a leading space", " /series"],
    ["a very long target", `/${"a".repeat(5000)}`],
  ])("refuses %s", (_what, value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });

  it("gives back a target that is always a valid header value: ASCII, non-Latin-1 text percent-encoded", () => {
    const target = safeRedirectPath("/search?q=Đặng 张伟");
    expect(target).toBe("/search?q=%C4%90%E1%BA%B7ng%20%E5%BC%A0%E4%BC%9F");
    expect(() => new Headers({ Location: target })).not.toThrow();
  });

  it("never lets a control character through, whatever its place", () => {
    for (let code = 0; code < 0x20; code++) {
      const target = safeRedirectPath(`/series/x${String.fromCharCode(code)}y?q=${String.fromCharCode(code)}#${String.fromCharCode(code)}`);
      expect(target, `U+${code.toString(16)}`).toMatch(/^\/[\x21-\x7e]*$/);
      expect(target.startsWith("//")).toBe(false);
    }
  });
});
