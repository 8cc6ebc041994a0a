import { z } from "zod";
import { emailField, localeField, nameField, passwordField } from "./fields";

/** The first administrator of a fresh install. */
export const setupSchema = z
  .object({ name: nameField, email: emailField, password: passwordField, confirm: z.string().max(256, { message: "errors.tooLong" }) })
  .refine((v) => v.password === v.confirm, { message: "errors.passwordsDiffer", path: ["confirm"] });

/** A password chosen through an invitation link. */
export const invitationSchema = z
  .object({ password: passwordField, confirm: z.string().max(256, { message: "errors.tooLong" }) })
  .refine((v) => v.password === v.confirm, { message: "errors.passwordsDiffer", path: ["confirm"] });

/** One's own account: the interface language, a new password, API tokens. */
export const languageSchema = z.object({ intent: z.literal("language"), locale: localeField });
export const passwordChangeSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string().min(1, { message: "errors.required" }).max(256, { message: "errors.tooLong" }),
    newPassword: passwordField,
    confirmPassword: z.string().min(1, { message: "errors.required" }).max(256, { message: "errors.tooLong" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "errors.passwordsDiffer", path: ["confirmPassword"] });
export const tokenSchema = z.object({ intent: z.literal("createToken"), name: z.string().trim().min(1, { message: "errors.required" }).max(100, { message: "errors.tooLong" }) });
export const tokenRevokeSchema = z.object({ intent: z.literal("revokeToken"), id: z.coerce.number().int().positive() });
