import { z } from "zod";
import { emailField, nameField, passwordField } from "./fields";

/** The first administrator of a fresh install. */
export const setupSchema = z
  .object({ name: nameField, email: emailField, password: passwordField, confirm: z.string().max(256, { message: "errors.tooLong" }) })
  .refine((v) => v.password === v.confirm, { message: "errors.passwordsDiffer", path: ["confirm"] });

/** A password chosen through an invitation link. */
export const invitationSchema = z
  .object({ password: passwordField, confirm: z.string().max(256, { message: "errors.tooLong" }) })
  .refine((v) => v.password === v.confirm, { message: "errors.passwordsDiffer", path: ["confirm"] });
