import { describe, expect, it } from "vitest";
import type { Membership } from "../../../../app/models/memberships.server";
import { can, canGlobally, type SeriesAction } from "../../../../app/models/permissions.server";
import type { SessionUser } from "../../../../app/models/session.server";

const person: SessionUser = { id: "u1", email: "p@x.test", name: "P", isAdmin: false, locale: "en", agencyId: 1 };
const admin: SessionUser = { ...person, id: "a1", isAdmin: true };

function member(role: Membership["role"], userId = person.id): Membership {
  return { seriesId: 1, userId, agencyId: 1, role };
}

const ACTIONS: SeriesAction[] = ["series.view", "series.manage", "series.edit"];

describe("can, per series", () => {
  it.each([
    // who, membership, view, manage, edit
    ["a non-member", null, false, false, false],
    ["an observer", member("observer"), true, false, false],
    ["a delegate", member("delegate"), true, false, false],
    ["a secretariat", member("secretariat"), true, false, true],
  ] as const)("%s", (_who, membership, view, manage, edit) => {
    const actor = { user: person, membership };
    expect(ACTIONS.map((action) => can(actor, action))).toEqual([view, manage, edit]);
  });

  it("lets an admin see and manage every series, even without a role in it", () => {
    const actor = { user: admin, membership: null };
    expect(can(actor, "series.view")).toBe(true);
    expect(can(actor, "series.manage")).toBe(true);
  });

  it("does not let an admin edit agendas without being the series' secretariat", () => {
    expect(can({ user: admin, membership: null }, "series.edit")).toBe(false);
    expect(can({ user: admin, membership: member("observer", admin.id) }, "series.edit")).toBe(false);
    expect(can({ user: admin, membership: member("secretariat", admin.id) }, "series.edit")).toBe(true);
  });
});

describe("canGlobally", () => {
  it("opens the administration to admins only", () => {
    expect(canGlobally(admin, "admin.access")).toBe(true);
    expect(canGlobally(person, "admin.access")).toBe(false);
    expect(canGlobally(null, "admin.access")).toBe(false);
  });
});
