import { z } from "zod";

const COMMENT_MAX = 4000;

/** A new comment or reply; the target is checked against where it is posted. */
export const commentSchema = z.object({
  target: z.string().regex(/^(commitment|(item|action):[A-Za-z0-9_-]{1,64})$/, { message: "errors.commentNotFound" }),
  body: z.string().trim().min(1, { message: "errors.commentEmpty" }).max(COMMENT_MAX, { message: "errors.commentTooLong" }),
  parentId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null),
});

export const commentStateSchema = z.object({
  commentId: z.coerce.number().int().positive({ message: "errors.commentNotFound" }),
});
