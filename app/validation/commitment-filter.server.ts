import { z } from "zod";
import { COMMITMENT_STATUSES } from "../models/commitment-rules";

/** Filters of commitment lists, read from the query string; bad values are ignored, never an error page. */
export const commitmentFilterSchema = z.object({
  status: z.enum(COMMITMENT_STATUSES).optional().catch(undefined),
  series: z.string().max(80).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  overdue: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});

export function readCommitmentFilter(url: URL) {
  return commitmentFilterSchema.parse({
    status: url.searchParams.get("status") || undefined,
    series: url.searchParams.get("series") || undefined,
    overdue: url.searchParams.get("overdue") || undefined,
    page: url.searchParams.get("page") || undefined,
  });
}
