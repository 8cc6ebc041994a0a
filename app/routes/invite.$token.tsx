import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { startSessionAndRedirect } from "../http/guards.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { getFormProps } from "@conform-to/react";
import { Field, FormMessage } from "../components/field";
import { FormErrors, fieldProps, useSchemaForm } from "../components/schema-form";
import { parseForm, refused, refusedWith } from "../http/form-reply.server";
import { constraintsOf } from "../validation/constraint.server";
import { invitationSchema } from "../validation/accounts";
import { recordAudit } from "../models/audit.server";
import { DomainError } from "../models/errors.server";
import { acceptInvitation, findOpenInvitation } from "../models/invitations.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(context.db, context.clock, params.token ?? "");
  return json({ invitation: invitation ? { name: invitation.name, email: invitation.email } : null, constraint: constraintsOf({ invitation: invitationSchema }) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), invitationSchema);
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return refused("invitation", submission, { hideFields });
  try {
    const user = await acceptInvitation(context.db, context.clock, params.token ?? "", submission.value.password);
    await recordAudit(context.db, context.clock, { kind: "invitation.accepted", subject: user.email, actorId: user.id, ip: context.clientIp });
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
