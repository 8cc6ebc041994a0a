import { describe, expect, it } from "vitest";
import { REASON_MAX, reviewSchema, statusSchema } from "../../../../app/validation/commitment";

describe("a status change's reason", () => {
  it.each(["blocked", "dropped"])("is required to mark a commitment %s", (to) => {
    for (const reason of [undefined, "", "   "]) {
      const parsed = statusSchema.safeParse({ intent: "status", to, reason });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ path: ["reason"], message: "workflow.reasonRequired" });
    }
    expect(statusSchema.parse({ intent: "status", to, reason: "  Waiting for the decree.  " }).reason).toBe("Waiting for the decree.");
  });

  it("is bounded", () => {
    expect(statusSchema.safeParse({ intent: "status", to: "blocked", reason: "x".repeat(REASON_MAX) }).success).toBe(true);
    const parsed = statusSchema.safeParse({ intent: "status", to: "blocked", reason: "x".repeat(REASON_MAX + 1) });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["reason"], message: "workflow.reasonTooLong" });
  });

  it("is not asked for other statuses, and not kept", () => {
    expect(statusSchema.parse({ intent: "status", to: "in_progress" }).reason).toBeNull();
    expect(statusSchema.parse({ intent: "status", to: "done", reason: "" }).reason).toBeNull();
  });

  it("is the note when a conference drops a commitment at review", () => {
    expect(reviewSchema.safeParse({ commitmentId: "3", outcome: "dropped", note: "" }).success).toBe(false);
    expect(reviewSchema.safeParse({ commitmentId: "3", outcome: "dropped", note: "Overtaken." }).success).toBe(true);
    expect(reviewSchema.safeParse({ commitmentId: "3", outcome: "carried", note: "" }).success).toBe(true);
  });
});
