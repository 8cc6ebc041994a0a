import { z } from "zod";
import { ENTRY_ID } from "../collab/conference-schema";

/** "Restore this item" (one agenda item or draft action) or "Restore everything" from a version. */
export const versionRestoreSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("restoreAll") }),
  z.object({
    intent: z.literal("restoreEntry"),
    list: z.enum(["agenda", "action"], { message: "errors.restoreTargetMissing" }),
    id: z.string().regex(ENTRY_ID, { message: "errors.restoreTargetMissing" }),
  }),
]);
