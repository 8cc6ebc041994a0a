import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { startSessionAndRedirect } from "../http/guards.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { getFormProps } from "@conform-to/react";
import { Field, FormMessage } from "../components/field";
import { FormErrors, fieldProps, useSchemaForm } from "../components/schema-form";
import { parseForm, refused, refusedWith } from "../http/form-reply.server";
import { constraintsOf } from "../validation/constraint.server";
import { invitationSchema } from "../validation/accounts";
import { DomainError } from "../models/errors.server";
import { findOpenInvitation } from "../models/invitations.server";
import { acceptInvitationAs } from "../commands/account-commands.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(context.db, context.clock, params.token ?? "");
  return { invitation: invitation ? { name: invitation.name, email: invitation.email } : null, constraint: constraintsOf({ invitation: invitationSchema }) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), invitationSchema);
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return refused("invitation", submission, { hideFields });
  try {
    const user = await acceptInvitationAs(context, context.clientIp, params.token ?? "", submission.value.password);
    return await startSessionAndRedirect(context, user.id, "/");
  } catch (error) {
    if (error instanceof DomainError) return refusedWith("invitation", submission, `errors.${error.code}`, { hideFields });
    throw error;
  }
}

export default function Invitation() {
  const { invitation, constraint } = useLoaderData<typeof loader>();
  const t = useT();
  const [form, fields] = useSchemaForm("invitation", { constraint: constraint.invitation, reply: useActionData() });
  return (
    <div className="auth-page">
      <article className="auth-card">
        <h1>{t("invite.title")}</h1>
        {!invitation ? (
          <FormMessage tone="error">{t("invite.invalid")}</FormMessage>
        ) : (
          <>
            <p>{t("invite.intro", { name: invitation.name, email: invitation.email })}</p>
            <FormErrors form={form} />
            <Form method="post" {...getFormProps(form)}>
              <input type="text" name="username" autoComplete="username" defaultValue={invitation.email} hidden readOnly />
              <Field label={t("invite.password")} type="password" autoComplete="new-password" {...fieldProps(fields.password)} />
              <Field label={t("invite.confirm")} type="password" autoComplete="new-password" {...fieldProps(fields.confirm)} />
              <button type="submit">{t("invite.submit")}</button>
            </Form>
          </>
        )}
      </article>
    </div>
  );
}
