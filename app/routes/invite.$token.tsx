import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { startSessionAndRedirect } from "../http/guards.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { acceptInvitationAs } from "../commands/account-commands.server";
import { DomainError } from "../models/errors.server";
import { findOpenInvitation } from "../models/invitations.server";
import { fieldErrors, PASSWORD_MIN_LENGTH, passwordField } from "../validation/fields";

const schema = z
  .object({ password: passwordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "errors.passwordsDiffer", path: ["confirm"] });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(context.db, context.clock, params.token ?? "");
  return { invitation: invitation ? { name: invitation.name, email: invitation.email } : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const user = await acceptInvitationAs(context, context.clientIp, params.token ?? "", parsed.data.password);
    return await startSessionAndRedirect(context, user.id, "/");
  } catch (error) {
    if (error instanceof DomainError) return json({ errors: { form: `errors.${error.code}` } }, { status: 400 });
    throw error;
  }
}

export default function Invitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="auth-page">
      <article className="auth-card">
        <h1>{t("invite.title")}</h1>
        {!invitation ? (
          <FormMessage tone="error">{t("invite.invalid")}</FormMessage>
        ) : (
          <>
            <p>{t("invite.intro", { name: invitation.name, email: invitation.email })}</p>
            {errors.form ? <FormMessage tone="error">{t(errors.form)}</FormMessage> : null}
            <Form method="post">
              <input type="text" name="username" autoComplete="username" defaultValue={invitation.email} hidden readOnly />
              <Field label={t("invite.password")} name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} error={errors.password} />
              <Field label={t("invite.confirm")} name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
              <button type="submit">{t("invite.submit")}</button>
            </Form>
          </>
        )}
      </article>
    </div>
  );
}
