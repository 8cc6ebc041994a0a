import { z } from "zod";

export const versionSchema = z.object({
  name: z.string().trim().min(1, { message: "errors.versionNameInvalid" }).max(200, { message: "errors.versionNameInvalid" }),
});
