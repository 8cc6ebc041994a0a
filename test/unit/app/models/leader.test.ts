import { describe, expect, it } from "vitest";
import {
  completionByParty,
  completionRate,
  condenseFigure,
  countByStatus,
  figuresOverTime,
  latestFigures,
  mostCarried,
  nextConference,
  overdueList,
  statusAcrossConferences,
} from "../../../../app/models/leader.server";
import type { CommitmentView } from "../../../../app/models/commitments.server";

const VNC = { id: 1, code: "VNC", name: "Vietnam Customs" };
const GACC = { id: 2, code: "GACC", name: "China Customs" };

type Status = CommitmentView["status"];

let nextId = 1;
type Party = typeof VNC;

function commitment(overrides: Partial<Omit<CommitmentView, "owners">> & { owners?: { party: Party; shareDone?: boolean }[] } = {}) {
  const { owners, ...rest } = overrides;
  return {
    id: nextId++,
    status: "open" as Status,
    dueOn: null,
    dueNext: false,
    agreedAt: { conferenceId: 14, number: 14 },
    carriedOver: 0,
    overdue: false,
    ...rest,
    owners: (owners ?? [{ party: VNC }]).map(({ party, shareDone }) => ({
      agencyId: party.id,
      code: party.code,
      name: party.name,
      shareDone: shareDone ?? false,
    })),
  };
}

describe("countByStatus and completionRate", () => {
  it("counts every status, with zeros for those absent", () => {
    const counts = countByStatus([commitment({ status: "done" }), commitment({ status: "done" }), commitment({ status: "blocked" })]);
    expect(counts).toEqual({ open: 0, in_progress: 0, done: 2, blocked: 1, dropped: 0 });
  });

  it("leaves dropped commitments out of the completion rate", () => {
    const counts = countByStatus(["done", "open", "in_progress", "dropped", "dropped"].map((status) => commitment({ status: status as Status })));
    expect(completionRate(counts)).toBeCloseTo(1 / 3);
  });

  it("has no rate when nothing counts", () => {
    expect(completionRate(countByStatus([]))).toBeNull();
    expect(completionRate(countByStatus([commitment({ status: "dropped" })]))).toBeNull();
  });
});

describe("completionByParty", () => {
  it("counts a joint commitment as done for the party that confirmed its share, not for the other", () => {
    const list = [
      commitment({ status: "in_progress", owners: [{ party: VNC, shareDone: true }, { party: GACC }] }),
      commitment({ status: "done", owners: [{ party: VNC, shareDone: true }, { party: GACC, shareDone: true }] }),
      commitment({ status: "open", owners: [{ party: GACC }] }),
    ];
    const [vnc, gacc] = completionByParty(list, [VNC, GACC]);
    expect(vnc).toEqual({ agencyId: 1, code: "VNC", name: "Vietnam Customs", owned: 2, done: 2, rate: 1 });
    expect(gacc).toEqual({ agencyId: 2, code: "GACC", name: "China Customs", owned: 3, done: 1, rate: 1 / 3 });
  });

  it("counts a done commitment for every owner even without recorded shares (closed at review)", () => {
    const [vnc] = completionByParty([commitment({ status: "done", owners: [{ party: VNC }] })], [VNC]);
    expect(vnc.done).toBe(1);
  });

  it("leaves dropped commitments out, and gives no rate to a party that owns nothing", () => {
    const list = [commitment({ status: "dropped", owners: [{ party: VNC }] }), commitment({ status: "open", owners: [{ party: VNC }] })];
    const [vnc, gacc] = completionByParty(list, [VNC, GACC]);
    expect(vnc).toMatchObject({ owned: 1, done: 0, rate: 0 });
    expect(gacc).toMatchObject({ owned: 0, done: 0, rate: null });
  });
});

describe("overdueList", () => {
  it("keeps only overdue ones, dated ones first by due date, then by the conference that agreed them", () => {
    const late = commitment({ overdue: true, dueOn: "2025-03-01" });
    const later = commitment({ overdue: true, dueOn: "2025-06-01" });
    const next15 = commitment({ overdue: true, dueNext: true, agreedAt: { conferenceId: 15, number: 15 } });
    const next14 = commitment({ overdue: true, dueNext: true, agreedAt: { conferenceId: 14, number: 14 } });
    const onTime = commitment({ overdue: false, dueOn: "2020-01-01" });
    expect(overdueList([next15, later, onTime, next14, late]).map((c) => c.id)).toEqual([late.id, later.id, next14.id, next15.id]);
  });
});

describe("mostCarried", () => {
  it("lists open commitments carried at least once, the most carried first, closed ones left out", () => {
    const twice = commitment({ carriedOver: 2 });
    const thrice = commitment({ carriedOver: 3, status: "blocked" });
    const once = commitment({ carriedOver: 1, status: "in_progress" });
    const doneAfterFour = commitment({ carriedOver: 4, status: "done" });
    const never = commitment({ carriedOver: 0 });
    expect(mostCarried([twice, never, once, doneAfterFour, thrice]).map((c) => c.id)).toEqual([thrice.id, twice.id, once.id]);
    expect(mostCarried([twice, once, thrice], 2)).toHaveLength(2);
  });
});

describe("statusAcrossConferences", () => {
  it("groups commitments by the conference that agreed them, oldest first, by current status", () => {
    const rows = statusAcrossConferences(
      [
        commitment({ status: "done", agreedAt: { conferenceId: 17, number: 17 } }),
        commitment({ status: "open", agreedAt: { conferenceId: 14, number: 14 } }),
        commitment({ status: "done", agreedAt: { conferenceId: 14, number: 14 } }),
        commitment({ status: "blocked", agreedAt: { conferenceId: 14, number: 14 } }),
      ],
      [
        { id: 14, number: 14, title: "14th" },
        { id: 17, number: 17, title: "17th" },
        { id: 18, number: 18, title: "18th, nothing agreed yet" },
      ],
    );
    expect(rows).toEqual([
      { conferenceId: 14, number: 14, title: "14th", total: 3, counts: { open: 1, in_progress: 0, done: 1, blocked: 1, dropped: 0 } },
      { conferenceId: 17, number: 17, title: "17th", total: 1, counts: { open: 0, in_progress: 0, done: 1, blocked: 0, dropped: 0 } },
    ]);
  });
});

describe("figuresOverTime", () => {
  const f = (at: string, label: string | null, value: number | null, unit: string | null = "items") => ({
    at,
    figureLabel: label,
    figureValue: value,
    figureUnit: unit,
  });

  it("makes one series per figure label and unit, named as last reported, points in date order, notes without figures left out", () => {
    const series = figuresOverTime([
      f("2024-07-31T09:00:00Z", "items of information exchanged", 2600),
      f("2022-06-30T09:00:00Z", "Items of information exchanged ", 800),
      f("2023-05-10T09:00:00Z", "cases under Mekong Dragon", 1900, "cases"),
      f("2023-01-01T09:00:00Z", null, null, null),
      f("2023-03-31T09:00:00Z", "items of information exchanged", 1500),
    ]);
    expect(series).toEqual([
      {
        label: "items of information exchanged",
        unit: "items",
        points: [
          { at: "2022-06-30T09:00:00Z", value: 800 },
          { at: "2023-03-31T09:00:00Z", value: 1500 },
          { at: "2024-07-31T09:00:00Z", value: 2600 },
        ],
      },
      { label: "cases under Mekong Dragon", unit: "cases", points: [{ at: "2023-05-10T09:00:00Z", value: 1900 }] },
    ]);
  });

  it("keeps the same label with different units apart", () => {
    expect(figuresOverTime([f("2024-01-01", "seizures", 3, "cases"), f("2024-02-01", "seizures", 40, "kg")])).toHaveLength(2);
  });

  it("gives the latest value and the one before it", () => {
    const [latest] = latestFigures(figuresOverTime([f("2024-01-01", "x", 1), f("2024-03-01", "x", 5), f("2024-02-01", "x", 3)]));
    expect(latest).toEqual({ label: "x", unit: "items", at: "2024-03-01", value: 5, previous: { at: "2024-02-01", value: 3 } });
  });
});

describe("nextConference", () => {
  it("is the first conference not yet concluded, whatever the list order", () => {
    const list = [
      { number: 19, status: "planned" as const },
      { number: 17, status: "concluded" as const },
      { number: 18, status: "in_session" as const },
    ];
    expect(nextConference(list)?.number).toBe(18);
    expect(nextConference([{ number: 17, status: "concluded" as const }])).toBeNull();
  });
});

describe("condenseFigure", () => {
  const daily = (days: number) => ({
    label: "Cases",
    unit: "",
    points: Array.from({ length: days }, (_, i) => ({ at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), value: i })),
  });

  it("leaves a short series alone", () => {
    const series = daily(30);
    expect(condenseFigure(series, 40)).toBe(series);
  });

  it("keeps the latest report of each month when that fits", () => {
    const condensed = condenseFigure(daily(366), 40);
    expect(condensed.points).toHaveLength(12);
    expect(condensed.points[0]).toEqual({ at: "2024-01-31T00:00:00.000Z", value: 30 });
    expect(condensed.points.at(-1)).toEqual({ at: "2024-12-31T00:00:00.000Z", value: 365 });
    expect(condensed.condensed).toEqual({ per: "month", reports: 366 });
  });

  it("falls back to quarters, then years", () => {
    expect(condenseFigure(daily(366 * 5), 40).condensed?.per).toBe("quarter");
    expect(condenseFigure(daily(366 * 12), 40).condensed?.per).toBe("year");
  });
});
