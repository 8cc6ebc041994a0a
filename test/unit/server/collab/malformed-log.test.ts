import { afterEach, describe, expect, it, vi } from "vitest";
import pino from "pino";
import { MalformedMessageLog } from "../../../../server/collab/malformed-log";

/** A real pino logger writing into an array. */
function capture() {
  const lines: { level: number; msg: string; suppressed?: number }[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the malformed-message log", () => {
  it("writes at most its limit each second, then one line with how many it left out", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00.000Z") });
    const { logger, lines } = capture();
    const log = new MalformedMessageLog(logger, 3);
    for (let i = 0; i < 10; i++) log.record({ n: i });
    expect(lines.filter((l) => l.msg === "malformed collaboration message")).toHaveLength(3);

    vi.advanceTimersByTime(1000);
    log.record({ n: 10 });
    const summary = lines.find((l) => l.suppressed !== undefined);
    expect(summary?.suppressed).toBe(7);
    expect(lines.filter((l) => l.msg === "malformed collaboration message")).toHaveLength(4);
  });

  it("says nothing more when nothing was left out", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00.000Z") });
    const { logger, lines } = capture();
    const log = new MalformedMessageLog(logger, 3);
    log.record({ n: 1 });
    vi.advanceTimersByTime(5000);
    log.record({ n: 2 });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.suppressed === undefined)).toBe(true);
  });
});
