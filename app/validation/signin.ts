import { z } from "zod";

export const signinSchema = z.object({
  email: z.string().trim().min(1, { message: "errors.required" }).max(254, { message: "errors.tooLong" }),
  password: z.string().min(1, { message: "errors.required" }).max(256, { message: "errors.tooLong" }),
  redirectTo: z.string().optional(),
});
