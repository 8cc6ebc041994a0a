import { describe, expect, it } from "vitest";
import { awaitingDrop, awaitingShares, carriesOver, timesCarried } from "../../../../app/models/commitment-rules";
import type { Membership } from "../../../../app/models/memberships.server";
import { decideStatusChange, dropWithdrawal, statusChoices, type StatusFacts } from "../../../../app/models/permissions.server";
import type { SessionUser } from "../../../../app/models/session.server";

const VNC = 1;
const GACC = 2;
const user: SessionUser = { id: "u1", email: "p@x.test", name: "P", isAdmin: false, locale: "en", agencyId: VNC };
const as = (role: Membership["role"], agencyId = VNC) => ({ user, membership: { seriesId: 1, userId: user.id, agencyId, role } });
const delegate = as("delegate");
const secretariat = as("secretariat");

const joint = (status: string, vncDone = false, gaccDone = false): StatusFacts => ({
  status,
  owners: [
    { agencyId: VNC, shareDone: vncDone },
    { agencyId: GACC, shareDone: gaccDone },
  ],
});
const single = (status: string): StatusFacts => ({ status, owners: [{ agencyId: VNC, shareDone: status === "done" }] });

describe("carry-over: a conference carries a commitment over once it has been held", () => {
  it.each([
    ["planned, on the review list", "planned", null, false],
    ["planned, outcome recorded ahead", "planned", "carried", false],
    ["in session, not reviewed yet", "in_session", null, true],
    ["concluded, carried", "concluded", "carried", true],
    ["concluded, revised", "concluded", "revised", true],
    ["concluded, completed there", "concluded", "completed", false],
    ["concluded, dropped there", "concluded", "dropped", false],
  ] as const)("%s", (_what, conferenceStatus, outcome, carried) => {
    expect(carriesOver({ conferenceStatus, outcome })).toBe(carried);
  });

  it("counts only held conferences: agreed yesterday, next one planned, is carried ×0", () => {
    expect(timesCarried([{ conferenceStatus: "planned", outcome: null }])).toBe(0);
    expect(
      timesCarried([
        { conferenceStatus: "concluded", outcome: "carried" },
        { conferenceStatus: "in_session", outcome: null },
        { conferenceStatus: "planned", outcome: null },
      ]),
    ).toBe(2);
  });
});

describe("a party speaks only for itself on a joint commitment", () => {
  it("lets a delegate confirm its own agency's share, never another's", () => {
    expect(decideStatusChange(delegate, joint("in_progress"), "done", GACC)).toEqual({ kind: "confirmShare", agencyId: VNC });
  });

  it("refuses a delegate leaving done when another owner has confirmed its share", () => {
    expect(decideStatusChange(delegate, joint("done", true, true), "in_progress")).toEqual({ kind: "refused", why: "workflow.refused.othersShare" });
    expect(decideStatusChange(delegate, joint("done", true, true), "blocked")).toMatchObject({ kind: "refused" });
  });

  it("lets the only owner's delegate reopen its own done commitment (it is every owner)", () => {
    expect(decideStatusChange(delegate, single("done"), "in_progress")).toEqual({ kind: "change" });
  });

  it("turns a delegate's drop into a proposal, on a joint or a single-owner commitment", () => {
    expect(decideStatusChange(delegate, joint("open"), "dropped")).toEqual({ kind: "proposeDrop", agencyId: VNC });
    expect(decideStatusChange(delegate, single("open"), "dropped")).toEqual({ kind: "proposeDrop", agencyId: VNC });
  });

  it("refuses a delegate reopening a dropped commitment", () => {
    for (const to of ["open", "in_progress", "blocked", "done"]) {
      expect(decideStatusChange(delegate, joint("dropped"), to)).toEqual({ kind: "refused", why: "workflow.refused.reopenDropped" });
    }
  });

  it("lets a delegate block or move on what touches no other owner's share", () => {
    expect(decideStatusChange(delegate, joint("in_progress", false, true), "blocked")).toEqual({ kind: "change" });
    expect(decideStatusChange(delegate, joint("open"), "in_progress")).toEqual({ kind: "change" });
  });

  it("refuses a delegate of a party that does not own it, and an observer", () => {
    expect(decideStatusChange(as("delegate", 3), joint("open"), "in_progress")).toMatchObject({ kind: "refused", why: "workflow.refused.notOwner" });
    expect(decideStatusChange(as("observer"), joint("open"), "in_progress")).toMatchObject({ kind: "refused" });
    expect(decideStatusChange({ user, membership: null }, joint("open"), "in_progress")).toMatchObject({ kind: "refused" });
  });

  it("lets a secretariat drop, reopen and undo confirmations, and name the share it confirms", () => {
    expect(decideStatusChange(secretariat, joint("open"), "dropped")).toEqual({ kind: "change" });
    expect(decideStatusChange(secretariat, joint("dropped"), "open")).toEqual({ kind: "change" });
    expect(decideStatusChange(secretariat, joint("done", true, true), "in_progress")).toEqual({ kind: "change" });
    expect(decideStatusChange(secretariat, joint("open"), "done", GACC)).toEqual({ kind: "confirmShare", agencyId: GACC });
  });

  it("offers on the page exactly what the server accepts", () => {
    expect(statusChoices(delegate, joint("done", true, true))).toEqual([{ to: "dropped", kind: "proposeDrop", drop: "propose" }]);
    expect(statusChoices(delegate, joint("dropped"))).toEqual([]);
    expect(statusChoices(delegate, joint("open")).map((c) => c.to)).toEqual(["in_progress", "done", "blocked", "dropped"]);
    expect(statusChoices(secretariat, joint("dropped")).map((c) => c.kind)).toEqual(["change", "change", "confirmShare", "change"]);
  });
});

describe("a proposed drop on the page", () => {
  const proposedByGacc = { ...joint("open"), dropRequests: [{ agencyId: GACC }] };
  it("lets the other owner agree to it, and offers nothing more to the owner that asked", () => {
    expect(statusChoices(delegate, proposedByGacc).find((c) => c.to === "dropped")).toEqual({ to: "dropped", kind: "proposeDrop", drop: "join" });
    expect(statusChoices(as("delegate", GACC), proposedByGacc).find((c) => c.to === "dropped")).toBeUndefined();
  });
  it("lets the owner that asked withdraw its own request, a secretariat decline all, no one else", () => {
    expect(dropWithdrawal(as("delegate", GACC), proposedByGacc)).toBe("own");
    expect(dropWithdrawal(delegate, proposedByGacc)).toBeNull();
    expect(dropWithdrawal(secretariat, proposedByGacc)).toBe("all");
    expect(dropWithdrawal(secretariat, joint("open"))).toBeNull();
    expect(dropWithdrawal(as("delegate", 3), { ...proposedByGacc, dropRequests: [{ agencyId: 3 }] })).toBeNull();
    expect(dropWithdrawal(as("observer", GACC), proposedByGacc)).toBeNull();
  });

  it("lets a secretariat confirm it", () => {
    expect(statusChoices(secretariat, proposedByGacc).find((c) => c.to === "dropped")).toEqual({ to: "dropped", kind: "change", drop: "confirm" });
  });
});

describe("whose confirmation a joint commitment awaits", () => {
  const owners = [
    { agencyId: VNC, code: "VNC", shareDone: true },
    { agencyId: GACC, code: "GACC", shareDone: false },
  ];
  it("names the owners still to confirm once one has", () => {
    expect(awaitingShares("in_progress", owners).map((o) => o.code)).toEqual(["GACC"]);
    expect(awaitingShares("in_progress", owners.map((o) => ({ ...o, shareDone: false })))).toEqual([]);
    expect(awaitingShares("done", owners)).toEqual([]);
    expect(awaitingShares("in_progress", owners.slice(0, 1))).toEqual([]);
  });
  it("names the owners that have not joined a proposed drop", () => {
    expect(awaitingDrop(owners, [{ agencyId: VNC }]).map((o) => o.code)).toEqual(["GACC"]);
    expect(awaitingDrop(owners, [])).toEqual([]);
  });
});
