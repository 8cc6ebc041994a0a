import { describe, expect, it } from "vitest";
import { bodyLimitFor } from "../../../server/body-limit";

const limits = { formBytes: 1024 * 1024, documentBytes: 20 * 1024 * 1024 };

describe("bodyLimitFor", () => {
  it("gives the agreement upload route the document's limit plus room for its fields", () => {
    expect(bodyLimitFor("/series/vn-cn-anti-smuggling/agreements/12", limits)).toBe(21 * 1024 * 1024);
    expect(bodyLimitFor("/series/vn-cn-anti-smuggling/agreements/12/", limits)).toBe(21 * 1024 * 1024);
  });

  it.each(["/login", "/series/x/agreements/new", "/series/x/agreements/12/document", "/account", "/series/x/agreements/12x", "/api/v1/me"])(
    "gives %s the form limit",
    (path) => {
      expect(bodyLimitFor(path, limits)).toBe(1024 * 1024);
    },
  );
});
