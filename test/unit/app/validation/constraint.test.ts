import { describe, expect, it } from "vitest";
import { constraintOf } from "../../../../app/validation/constraint.server";
import { conferenceSchema } from "../../../../app/validation/conference";

describe("constraints sent to the browser", () => {
  const constraint = constraintOf(conferenceSchema);

  it("ask for a value only where the schema refuses an empty field", () => {
    expect(constraint.startsOn.required).toBe(true);
    // "No host" is an empty choice the schema takes: the browser must let it through.
    expect(constraint.hostAgencyId.required).toBe(false);
    expect(constraint.venue.required).toBe(false);
  });

  it("carry the schema's lengths", () => {
    expect(constraint.venue.maxLength).toBe(300);
  });
});
