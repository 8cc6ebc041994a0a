import { z } from "zod";

export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("readAll") }),
]);
