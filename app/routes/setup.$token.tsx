import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { startSessionAndRedirect } from "../http/guards.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { Field, FormMessage } from "../components/field";
import { fieldProps, useSchemaForm } from "../components/schema-form";
import { parseForm, refused, refusedWith } from "../http/form-reply.server";
import { constraintsOf } from "../validation/constraint.server";
import { setupSchema } from "../validation/accounts";
import { useT } from "../i18n/use-t";
import { setUpFirstAdmin } from "../commands/account-commands.server";
import { DomainError } from "../models/errors.server";
import { isOpenSetupToken } from "../models/first-admin.server";

export const meta: MetaFunction = () => [{ title: "Accord" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const open = await isOpenSetupToken(context.db, context.clock, params.token ?? "");
  return data({ open, constraint: constraintsOf({ setup: setupSchema }) }, { status: open ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

/** The first administrator of a fresh install, from the one-time link in the server log. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), setupSchema);
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return refused("setup", submission, { hideFields });
  try {
    const user = await setUpFirstAdmin(context, context.clientIp, params.token ?? "", submission.value);
    return await startSessionAndRedirect(context, user.id, "/admin");
  } catch (error) {
    if (error instanceof DomainError) return refusedWith("setup", submission, "setup.invalid", { status: 404, hideFields });
    throw error;
  }
}

export default function FirstAdministrator() {
  const { open, constraint } = useLoaderData<typeof loader>();
  const t = useT();
  const [form, fields] = useSchemaForm("setup", { constraint: constraint.setup, reply: useActionData() });
  return (
    <div className="auth-page">
      <article className="auth-card">
        <h1>{t("setup.title")}</h1>
        {!open || form.errors ? (
          <FormMessage tone="error">{t("setup.invalid")}</FormMessage>
        ) : (
          <>
            <p>{t("setup.intro")}</p>
            <Form method="post" {...getFormProps(form)}>
              <Field label={t("setup.name")} autoComplete="name" {...fieldProps(fields.name)} />
              <Field label={t("setup.email")} type="email" autoComplete="username" {...fieldProps(fields.email)} />
              <Field label={t("setup.password")} type="password" autoComplete="new-password" {...fieldProps(fields.password)} />
              <Field label={t("setup.confirm")} type="password" autoComplete="new-password" {...fieldProps(fields.confirm)} />
              <button type="submit">{t("setup.submit")}</button>
            </Form>
          </>
        )}
      </article>
    </div>
  );
}
